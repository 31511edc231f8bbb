using CredentialConnect.Connectors;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using Microsoft.Extensions.Options;

namespace CredentialConnect.IntegrationTests.Connectors;

/// <summary>A partner address that would expose the connector's credentials stops the hub at start-up.</summary>
[Collection(HubCollection.Name)]
public sealed class ConnectorStartupTests(HubFixture hub)
{
    [Theory]
    [InlineData("file:///etc/passwd", "true")]
    [InlineData("http://forum.example.org/", "true")]
    [InlineData("http://127.0.0.1:9/", "false")]
    public void Start_InProductionWithAnAddressThatIsNotHttps_RefusesNamingTheSetting(string address, string allowLoopbackHttp)
    {
        using var factory = new HubFactory("Production", new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = hub.ConnectionString,
            ["Badges:PublicBaseUrl"] = "https://hub.example.org",
            [ConnectorAddresses.AllowLoopbackHttpKey] = allowLoopbackHttp,
            ["Connectors:Discourse:BaseUrl"] = address,
        });

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        var invalid = Flatten(failure).OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains(invalid, f => f.Contains("DiscourseOptions.BaseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_InProductionWithLoopbackHttpAllowed_AcceptsAPartnerStubOnThisMachine()
    {
        using var factory = new HubFactory("Production", new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = hub.ConnectionString,
            ["Badges:PublicBaseUrl"] = "https://hub.example.org",
            [ConnectorAddresses.AllowLoopbackHttpKey] = "true",
            ["Connectors:Discourse:BaseUrl"] = "http://127.0.0.1:9/",
        });

        var ready = await factory.CreateClient().GetAsync("/health/live");

        Assert.True(ready.IsSuccessStatusCode, $"{(int)ready.StatusCode}");
    }

    private static IEnumerable<Exception> Flatten(Exception e)
    {
        yield return e;
        var inner = e is AggregateException aggregate ? aggregate.InnerExceptions : e.InnerException is { } one ? [one] : [];
        foreach (var child in inner)
        foreach (var nested in Flatten(child))
            yield return nested;
    }
}
