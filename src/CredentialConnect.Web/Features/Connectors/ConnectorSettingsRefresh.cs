using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Connectors;

public sealed class ConnectorSettingsRefreshOptions
{
    public const string Section = "Connectors:SettingsRefresh";

    /// <summary>How often each node checks whether another node saved connector settings.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Keeps every node's copy of the connector settings in step with the database: a setting saved through one node
/// (a new base URL, a secret cleared because the address moved) reaches the others within one interval, not at
/// their next restart.
/// </summary>
public sealed class ConnectorSettingsRefresh(
    IServiceScopeFactory scopes, IOptions<ConnectorSettingsRefreshOptions> options, TimeProvider clock, ILogger<ConnectorSettingsRefresh> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.Interval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            if (stoppingToken.IsCancellationRequested) return;
            try
            {
                using var scope = scopes.CreateScope();
                if (await scope.ServiceProvider.GetRequiredService<ConnectorSettingsStore>().RefreshAsync(stoppingToken))
                    logger.LogInformation("Connector settings saved on another node were loaded.");
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be away for a moment; the copy stays as it was and the next check tries again.
                logger.LogWarning(e, "Could not check the connector settings for changes; trying again shortly");
            }
        }
    }
}
