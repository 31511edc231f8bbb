using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Data;

/// <summary>
/// A configuration source holding settings staff saved in the database: a cache of those rows, never the truth. It
/// starts empty (the database is not open while configuration is built), is filled once the schema is ready, after
/// each save on this node, and whenever <see cref="SavedSettingsRefresh"/> finds that another node saved, so
/// <c>IOptionsMonitor</c> sees the new values without a restart on every node. Added after the other sources, so
/// what staff saved wins over files and environment variables.
/// </summary>
public abstract class SavedSettingsSource : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    /// <summary>Which saved versions the values came from; null before the first load.</summary>
    public string? Stamp { get; private set; }

    public void Replace(IDictionary<string, string?> values, string stamp)
    {
        Stamp = stamp;
        Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        try
        {
            OnReload();
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions.All(x => x is OptionsValidationException))
        {
            // Options listeners rebuild options at once and throw when the saved settings are not complete yet (a
            // connector's secret cleared because its address moved, waiting for its new value). The settings still
            // stand; whatever uses them reports them as invalid when it is next tested or used.
        }
    }
}

/// <summary>Settings saved in the database that one <see cref="SavedSettingsSource"/> caches.</summary>
public interface ISavedSettings
{
    /// <summary>Loads every saved setting into the configuration.</summary>
    Task LoadAsync(CancellationToken cancellationToken);

    /// <summary>Loads the settings again when another node saved since this one last loaded them; true when it did.</summary>
    Task<bool> RefreshAsync(CancellationToken cancellationToken);
}

public sealed class SavedSettingsRefreshOptions
{
    public const string Section = "Connectors:SettingsRefresh";

    /// <summary>How often each node checks whether another node saved settings.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// Keeps every node's copy of the saved settings in step with the database: a setting saved through one node (a
/// connector's new base URL, the association's new name or colours) reaches the others within one interval, not at
/// their next restart.
/// </summary>
public sealed class SavedSettingsRefresh(
    IServiceScopeFactory scopes, IOptions<SavedSettingsRefreshOptions> options, TimeProvider clock, ILogger<SavedSettingsRefresh> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(options.Value.Interval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            if (stoppingToken.IsCancellationRequested) return;
            using var scope = scopes.CreateScope();
            foreach (var settings in scope.ServiceProvider.GetServices<ISavedSettings>())
                try
                {
                    if (await settings.RefreshAsync(stoppingToken))
                        logger.LogInformation("{Settings} saved on another node were loaded.", settings.GetType().Name);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    // The database may be away for a moment; the copy stays as it was and the next check tries again.
                    logger.LogWarning(e, "Could not check {Settings} for changes; trying again shortly", settings.GetType().Name);
                }
        }
    }
}

public static class SavedSettingsExtensions
{
    /// <summary>Adds a saved-settings source to the configuration, its store, and the loop that keeps every node's copy current.</summary>
    public static IHostApplicationBuilder AddSavedSettings<TSource, TStore>(this IHostApplicationBuilder builder, TSource source)
        where TSource : SavedSettingsSource where TStore : class, ISavedSettings
    {
        ((IConfigurationBuilder)builder.Configuration).Add(source);
        builder.Services.AddSingleton(source);
        builder.Services.AddScoped<TStore>();
        builder.Services.AddScoped<ISavedSettings>(sp => sp.GetRequiredService<TStore>());
        builder.Services.AddOptions<SavedSettingsRefreshOptions>().BindConfiguration(SavedSettingsRefreshOptions.Section);
        builder.Services.AddHostedService<SavedSettingsRefresh>(); // added once, however many sources call this
        return builder;
    }
}
