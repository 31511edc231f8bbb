using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Connectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CredentialConnect.IntegrationTests.Connectors;

/// <summary>
/// A hub on its own database whose Discourse connector points at one of two stub forums, for tests that move the
/// connector between hosts. Started on first use by a test class and stopped after it.
/// </summary>
public sealed class ConnectorSettingsHub : IAsyncLifetime
{
    /// <summary>The API key the host's own configuration gives Discourse, as an environment variable would.</summary>
    public const string ConfiguredApiKey = "configured-forum-key";

    private HubFactory? _factory;
    private HubFactory? _secondNode;
    private Dictionary<string, string?> _settings = [];

    public WireMockServer Forum { get; } = StubForum();
    public WireMockServer OtherForum { get; } = StubForum();

    public async Task<HubFactory> StartAsync(HubFixture fixture)
    {
        if (_factory is null)
        {
            var database = await fixture.Server.CreateDatabaseAsync("connector_settings");
            await using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(database).Options))
                await db.Database.MigrateAsync();
            _settings = new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = database,
                ["Connectors:Discourse:Enabled"] = "true",
                ["Connectors:Discourse:BaseUrl"] = Forum.Url + "/",
                ["Connectors:Discourse:ApiKey"] = ConfiguredApiKey,
                ["Connectors:Discourse:MaxRetries"] = "0",
            };
            _factory = new HubFactory("Testing", _settings);
        }
        // Each test starts from the host's configuration: nothing saved, no requests logged.
        await _factory.WithDbAsync(async db =>
        {
            await db.ConnectorSettings.ExecuteDeleteAsync();
            await db.AuditLog.ExecuteDeleteAsync();
        });
        await using (var scope = _factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ConnectorSettingsStore>().LoadAsync(CancellationToken.None);
        Forum.ResetLogEntries();
        OtherForum.ResetLogEntries();
        return _factory;
    }

    /// <summary>A second node on the same database and configuration, as behind a proxy; start the first one first.</summary>
    public HubFactory SecondNode()
    {
        _secondNode ??= new HubFactory("Testing", _settings);
        _ = _secondNode.Server;
        return _secondNode;
    }

    /// <summary>
    /// Every header value of every request a forum received, once at least <paramref name="expected"/> requests are
    /// logged: WireMock logs a request just after answering it.
    /// </summary>
    public static IReadOnlyList<string> HeaderValuesReceived(WireMockServer forum, int expected = 0)
    {
        SpinWait.SpinUntil(() => forum.LogEntries.Count() >= expected, TimeSpan.FromSeconds(5));
        return forum.LogEntries
            .SelectMany(e => e.RequestMessage.Headers ?? new Dictionary<string, WireMock.Types.WireMockList<string>>())
            .SelectMany(h => h.Value)
            .ToList();
    }

    private static WireMockServer StubForum()
    {
        var forum = WireMockServer.Start();
        forum.Given(Request.Create().WithPath("/admin/badges.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"badges":[],"badge_types":[{"id":3,"name":"Bronze"}],"badge_groupings":[]}"""));
        return forum;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_factory is not null) await _factory.DisposeAsync();
        if (_secondNode is not null) await _secondNode.DisposeAsync();
        Forum.Stop();
        OtherForum.Stop();
    }
}
