using CredentialConnect.Connectors;
using CredentialConnect.Connectors.WildApricot;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.Server;

namespace CredentialConnect.ConnectorTests.WildApricot;

/// <summary>
/// The Wild Apricot connector wired the way the host wires it (the module, configuration, the resilience
/// handler), pointed at a WireMock server standing in for both the API and the OAuth host.
/// </summary>
public abstract class WildApricotConnection : IDisposable
{
    protected const string ApiKey = "test-api-key";
    protected const int AccountId = 123456;
    protected const string WebhookToken = "hook-secret";
    protected const int PageSize = 3;
    protected const string ContactsPath = "/v2.2/accounts/123456/contacts";

    private readonly List<ServiceProvider> _providers = [];

    protected WireMockServer Server { get; } = WireMockServer.Start();

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2024, 3, 1, 15, 0, 0, TimeSpan.Zero));

    /// <summary>
    /// The clock the connector is given. The resilience pipeline's retry delays and timeouts run on it too, so
    /// tests of those override this with the real clock (their delays are milliseconds).
    /// </summary>
    protected virtual TimeProvider ConnectorClock => Clock;

    /// <summary>A service provider with the connector registered; <paramref name="settings"/> override the defaults, and a null leaves a setting out.</summary>
    protected ServiceProvider Services(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Enabled"] = "true",
            ["BaseUrl"] = Server.Url,
            ["AuthUrl"] = Server.Url,
            ["ApiKey"] = ApiKey,
            ["AccountId"] = AccountId.ToString(),
            ["PageSize"] = PageSize.ToString(),
            ["WebhookToken"] = WebhookToken,
            ["MaxRetries"] = "1",
            ["RetryDelay"] = "00:00:00.010",
            ["MaxRetryDelay"] = "00:00:00.050",
            ["AsyncPollInterval"] = "00:00:00",
            ["AsyncMaxPolls"] = "3",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            if (value is null) values.Remove(key);
            else values[key] = value;
        }

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(pair => KeyValuePair.Create($"{WildApricotOptions.Section}:{pair.Key}", pair.Value)))
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConnectorAddresses.AllowLoopbackHttpKey] = "true" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(ConnectorClock);
        new WildApricotConnectorModule().Register(services);
        services.AddTransient<WildApricotMemberSource>();
        services.AddTransient<WildApricotWebhookVerifier>();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    protected WildApricotMemberSource Source(IReadOnlyDictionary<string, string?>? settings = null) =>
        Services(settings).GetRequiredService<WildApricotMemberSource>();

    public void Dispose()
    {
        foreach (var provider in _providers) provider.Dispose();
        Server.Stop();
        GC.SuppressFinalize(this);
    }
}
