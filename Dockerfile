# The hub, built from source. docker-compose.yml runs two of these behind one PostgreSQL.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/CredentialConnect.Web/CredentialConnect.Web.csproj src/CredentialConnect.Web/
RUN dotnet restore src/CredentialConnect.Web/CredentialConnect.Web.csproj
COPY src/ src/
RUN dotnet publish src/CredentialConnect.Web/CredentialConnect.Web.csproj -c Release -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    ASPNETCORE_ENVIRONMENT=Production
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "CredentialConnect.Web.dll"]
