using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Association;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Association;

/// <summary>
/// A hub on its own database, with a second node beside it, for tests that change the association's settings: a
/// new name or public address must not reach the tests sharing the main hub. Each test starts from the settings
/// configuration gives.
/// </summary>
public sealed class AssociationHub : IAsyncLifetime
{
    public const string ConfiguredName = "Configured Society";
    public const string ConfiguredBaseUrl = "https://credentials.configured.example";

    private HubFactory? _factory;
    private HubFactory? _secondNode;
    private Dictionary<string, string?> _settings = [];

    public async Task<HubFactory> StartAsync(HubFixture fixture)
    {
        if (_factory is null)
        {
            var database = await fixture.Server.CreateDatabaseAsync("association_settings");
            await using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(database).Options))
                await db.Database.MigrateAsync();
            _settings = new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = database,
                ["Association:Name"] = ConfiguredName,
                ["Badges:IssuerName"] = ConfiguredName,
                ["Badges:PublicBaseUrl"] = ConfiguredBaseUrl,
            };
            _factory = new HubFactory("Testing", _settings);
        }
        await _factory.WithDbAsync(async db =>
        {
            await db.AuditLog.ExecuteDeleteAsync();
            await db.AssociationSettings.ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Name, (string?)null).SetProperty(x => x.Website, (string?)null).SetProperty(x => x.Email, (string?)null)
                .SetProperty(x => x.TimeZone, (string?)null).SetProperty(x => x.Locale, (string?)null)
                .SetProperty(x => x.PrimaryColour, (string?)null).SetProperty(x => x.AccentColour, (string?)null)
                .SetProperty(x => x.PublicBaseUrl, (string?)null).SetProperty(x => x.UpdatedAt, (DateTimeOffset?)null)
                .SetProperty(x => x.UpdatedBy, (string?)null).SetProperty(x => x.Version, 0));
            await db.AssociationLogo.ExecuteUpdateAsync(l => l
                .SetProperty(x => x.Content, (byte[]?)null).SetProperty(x => x.ContentType, (string?)null).SetProperty(x => x.UpdatedAt, (DateTimeOffset?)null));
        });
        await using (var scope = _factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AssociationSettingsStore>().LoadAsync(CancellationToken.None);
        return _factory;
    }

    /// <summary>A second node on the same database and configuration, as behind a proxy; start the first one first.</summary>
    public HubFactory SecondNode()
    {
        _secondNode ??= new HubFactory("Testing", _settings);
        _ = _secondNode.Server;
        return _secondNode;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (_secondNode is not null) await _secondNode.DisposeAsync();
    }
}
