using CredentialConnect.Connectors;
using CredentialConnect.Connectors.Discourse;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CredentialConnect.ConnectorTests.Discourse;

/// <summary>The connector as the host builds it: the module's registration over configuration, with retries small enough to run fast.</summary>
public static class DiscourseConnection
{
    public const string ApiKey = "4f1e7c0b9a2d4e8f";
    public const string ApiUsername = "credential-hub";
    public const string WebhookSecret = "forum-webhook-secret";

    public static Dictionary<string, string?> Settings(string baseUrl) => new()
    {
        ["Enabled"] = "true",
        ["BaseUrl"] = baseUrl,
        ["ApiKey"] = ApiKey,
        ["ApiUsername"] = ApiUsername,
        ["WebhookSecret"] = WebhookSecret,
    };

    /// <summary>Services for the connector, from <paramref name="settings"/> (keys relative to the connector's section).</summary>
    public static ServiceProvider Services(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var values = new Dictionary<string, string?>
        {
            [$"{DiscourseOptions.Section}:MaxRetries"] = "2",
            [$"{DiscourseOptions.Section}:RetryDelay"] = "00:00:00.010",
            [$"{DiscourseOptions.Section}:MaxRetryDelay"] = "00:00:00.050",
            [$"{DiscourseOptions.Section}:AttemptTimeout"] = "00:00:01",
        };
        foreach (var (key, value) in settings) values[$"{DiscourseOptions.Section}:{key}"] = value;
        values[ConnectorAddresses.AllowLoopbackHttpKey] = "true";

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        new DiscourseConnectorModule().Register(services);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The adapter, reading time from <paramref name="clock"/>; the HTTP pipeline keeps real time so its short retry delays pass.</summary>
    public static DiscourseCommunityTarget Target(IServiceProvider services, FakeTimeProvider clock) =>
        ActivatorUtilities.CreateInstance<DiscourseCommunityTarget>(services, clock);
}

/// <summary>A contract test against the class's <see cref="DiscourseForum"/>, with a fresh adapter per test.</summary>
public abstract class DiscourseContractTest : IDisposable
{
    private readonly ServiceProvider _services;

    protected DiscourseContractTest(DiscourseForum forum)
    {
        Forum = forum;
        Forum.Reset();
        _services = DiscourseConnection.Services(DiscourseConnection.Settings(forum.Url));
        Target = DiscourseConnection.Target(_services, Clock);
    }

    protected DiscourseForum Forum { get; }

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    protected DiscourseCommunityTarget Target { get; }

    public void Dispose()
    {
        _services.Dispose();
        GC.SuppressFinalize(this);
    }
}
