# The hub, built from source. docker-compose.yml runs two of these behind one PostgreSQL.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src

# Restore from the project files alone, so this layer is rebuilt only when a project or a package version changes.
# Every project the hub references is listed: a new one missing here fails the publish below (and the
# "Docker build context" integration test).
COPY global.json Directory.Build.props Directory.Packages.props CredentialConnect.sln ./
COPY src/CredentialConnect.Web/CredentialConnect.Web.csproj src/CredentialConnect.Web/
COPY src/CredentialConnect.Sandbox/CredentialConnect.Sandbox.csproj src/CredentialConnect.Sandbox/
COPY connectors/CredentialConnect.Connectors/CredentialConnect.Connectors.csproj connectors/CredentialConnect.Connectors/
COPY connectors/CredentialConnect.Connectors.Discourse/CredentialConnect.Connectors.Discourse.csproj connectors/CredentialConnect.Connectors.Discourse/
COPY connectors/CredentialConnect.Connectors.WildApricot/CredentialConnect.Connectors.WildApricot.csproj connectors/CredentialConnect.Connectors.WildApricot/
COPY connectors/CredentialConnect.Connectors.Xapi/CredentialConnect.Connectors.Xapi.csproj connectors/CredentialConnect.Connectors.Xapi/
COPY workflows/CredentialConnect.Workflows/CredentialConnect.Workflows.csproj workflows/CredentialConnect.Workflows/
COPY badges/CredentialConnect.Badges/CredentialConnect.Badges.csproj badges/CredentialConnect.Badges/
RUN dotnet restore src/CredentialConnect.Web/CredentialConnect.Web.csproj

# Then the sources of everything the hub is built from; tests and benchmarks stay out (.dockerignore).
COPY src/ src/
COPY connectors/ connectors/
COPY workflows/ workflows/
COPY badges/ badges/
RUN dotnet publish src/CredentialConnect.Web/CredentialConnect.Web.csproj -c Release -o /app --no-restore -p:UseAppHost=false

# The staff console, built by Vite into the host's wwwroot/admin. (The hub's own build skips it above: this context
# has no npm lockfile there.)
FROM node:20-slim AS console
WORKDIR /src
COPY package.json package-lock.json ./
COPY src/CredentialConnect.App/package.json src/CredentialConnect.App/
COPY workflows/designer/package.json workflows/designer/
RUN npm ci --no-audit --no-fund --loglevel=error
COPY src/CredentialConnect.App/ src/CredentialConnect.App/
COPY workflows/designer/ workflows/designer/
RUN npm run build --workspace @credentialconnect/app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
COPY --from=console /src/src/CredentialConnect.Web/wwwroot/admin ./wwwroot/admin
# Without a PostgreSQL connection string the hub keeps its embedded SQLite database here; mount a volume on it.
RUN mkdir /data && chown "$APP_UID" /data
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Data__SqlitePath=/data/credentialconnect.db
EXPOSE 8080
VOLUME /data
USER $APP_UID
ENTRYPOINT ["dotnet", "CredentialConnect.Web.dll"]
