using CredentialConnect.Web.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CredentialConnect.Web.Features.Health;

public static class HealthModule
{
    private const string Ready = "ready";

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [Ready]);
        return builder;
    }

    /// <summary><c>/health/live</c>: the process answers. <c>/health/ready</c>: it can also serve, database included.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        return app;
    }
}

/// <summary>Ready means the database answers and its schema is current: a node on an old schema must not take traffic.</summary>
public sealed class DatabaseReadyCheck(AppDbContext db, HubDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(ct))
                return HealthCheckResult.Unhealthy($"Cannot connect to {database.Description}.");
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy(database.Description)
                : HealthCheckResult.Unhealthy($"{pending} migration(s) pending on {database.Description}; run the 'migrate' verb.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{database.Description} is unavailable.", e);
        }
    }
}
