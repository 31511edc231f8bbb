using CredentialConnect.Connectors;
using CredentialConnect.Connectors.Xapi;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CredentialConnect.ConnectorTests.Xapi;

/// <summary>
/// The xAPI connector as the host builds it: the module's registrations, bound from configuration. The adapter's
/// clock is fake; the HTTP pipeline keeps the system clock, so its small retry delays and timeouts really elapse.
/// </summary>
internal sealed class XapiConnectorHarness : IDisposable
{
    public const string Key = "hub-key";
    public const string Secret = "hub-secret";
    public const string WebhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private readonly ServiceProvider _services;

    public XapiConnectorHarness(string baseUrl, FakeTimeProvider clock, IDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Enabled"] = "true",
            ["BaseUrl"] = baseUrl,
            ["Key"] = Key,
            ["Secret"] = Secret,
            ["PageSize"] = "50",
            ["WebhookSecret"] = WebhookSecret,
            ["MaxRetries"] = "1",
            ["RetryDelay"] = "00:00:00.010",
            ["MaxRetryDelay"] = "00:00:00.050",
            ["AttemptTimeout"] = "00:00:01",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"{XapiOptions.Section}:{s.Key}", s.Value)))
            .AddInMemoryCollection(new Dictionary<string, string?> { [ConnectorAddresses.AllowLoopbackHttpKey] = "true" })
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        new XapiConnectorModule().Register(services);
        _services = services.BuildServiceProvider();
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public XapiOptions Options => _services.GetRequiredService<IOptionsMonitor<XapiOptions>>().CurrentValue;

    public ILearningSource Source() => ActivatorUtilities.CreateInstance<XapiLearningSource>(_services, (TimeProvider)Clock);

    public IWebhookVerifier Verifier() => ActivatorUtilities.CreateInstance<XapiWebhookVerifier>(_services);

    public void Dispose() => _services.Dispose();
}
