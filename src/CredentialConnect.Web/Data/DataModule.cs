using CredentialConnect.Web.Features.Audit;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CredentialConnect.Web.Data;

/// <summary>Which database the hub runs on, decided once at start-up.</summary>
public sealed record HubDatabase(bool IsEmbeddedDefault, string Description);

public static class DataModule
{
    /// <summary>Set this (e.g. <c>ConnectionStrings__CredentialConnect</c>) to run on PostgreSQL.</summary>
    public const string ConnectionStringName = "CredentialConnect";

    /// <summary>Where the embedded SQLite database lives when no connection string is set.</summary>
    public const string SqlitePathKey = "Data:SqlitePath";

    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        // Who made each change, and the interceptor that writes it to the audit log.
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<ICurrentActor, HttpCurrentActor>();
        builder.Services.AddSingleton<AuditTrailInterceptor>();
        builder.Services.AddSingleton(TimeProvider.System);

        // Features may hear the context's saves and commits by registering a scoped IInterceptor.
        // PostgreSQL when a connection string is configured; otherwise the embedded SQLite default.
        var postgres = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            builder.Services.AddSingleton(new HubDatabase(false, "PostgreSQL"));
            builder.Services.AddSingleton<IDatabaseDialect, PostgresDialect>();
            builder.Services.AddDbContext<AppDbContext, PostgresAppDbContext>((sp, o) => o
                .UseNpgsql(postgres)
                .AddInterceptors([sp.GetRequiredService<AuditTrailInterceptor>(), .. sp.GetServices<IInterceptor>()]));
        }
        else
        {
            var path = Path.GetFullPath(builder.Configuration[SqlitePathKey] ?? Path.Combine("data", "credentialconnect.db"));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.Services.AddSingleton(new HubDatabase(true, $"SQLite at {path}"));
            builder.Services.AddSingleton<IDatabaseDialect, SqliteDialect>();
            builder.Services.AddDbContext<AppDbContext, SqliteAppDbContext>((sp, o) => o
                .UseSqlite($"Data Source={path}")
                .AddInterceptors([sp.GetRequiredService<AuditTrailInterceptor>(), .. sp.GetServices<IInterceptor>()]));
        }

        // Every node reads the same key ring, so sessions survive a hop between nodes.
        builder.Services.AddDataProtection().SetApplicationName("CredentialConnect").PersistKeysToDbContext<AppDbContext>();
        return builder;
    }
}
