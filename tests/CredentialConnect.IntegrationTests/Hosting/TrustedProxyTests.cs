using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Hosting;

/// <summary>
/// Behind the compose nginx every request arrives from the proxy. The hub believes X-Forwarded-For only from the
/// proxies it was told about, so visitors get their own public rate-limit window there, and nobody elsewhere can
/// pick their own address to dodge it.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class TrustedProxyTests(HubFixture hub)
{
    // Where nginx sits on a Docker bridge network.
    private static readonly IPAddress ComposeProxy = IPAddress.Parse("172.18.0.5");

    [Fact]
    public async Task PublicRateLimit_BehindATrustedProxyNetwork_GivesEachForwardedClientItsOwnWindow()
    {
        await using var factory = FromProxy(new() { [$"{TrustedProxyOptions.Section}:KnownNetworks:0"] = "172.16.0.0/12" });
        var client = factory.Anonymous();

        var first = await DirectoryAsync(client, "203.0.113.7");
        var second = await DirectoryAsync(client, "203.0.113.7");
        var third = await DirectoryAsync(client, "203.0.113.7");
        var someoneElse = await DirectoryAsync(client, "203.0.113.8");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, second));
        Assert.Equal(HttpStatusCode.TooManyRequests, third);
        Assert.Equal(HttpStatusCode.OK, someoneElse);
    }

    [Fact]
    public async Task PublicRateLimit_WithNoTrustedProxy_IgnoresXForwardedFor()
    {
        await using var factory = FromProxy([]);
        var client = factory.Anonymous();

        var first = await DirectoryAsync(client, "203.0.113.7");
        var second = await DirectoryAsync(client, "203.0.113.8");
        var claimingToBeAThirdVisitor = await DirectoryAsync(client, "203.0.113.9");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, second));
        Assert.Equal(HttpStatusCode.TooManyRequests, claimingToBeAThirdVisitor);
    }

    [Fact]
    public async Task PublicRateLimit_FromAnAddressThatIsNotTheTrustedProxy_IgnoresXForwardedFor()
    {
        await using var factory = FromProxy(new() { [$"{TrustedProxyOptions.Section}:KnownProxies:0"] = "172.18.0.99" });
        var client = factory.Anonymous();

        var first = await DirectoryAsync(client, "203.0.113.7");
        var second = await DirectoryAsync(client, "203.0.113.8");
        var claimingToBeAThirdVisitor = await DirectoryAsync(client, "203.0.113.9");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first, second));
        Assert.Equal(HttpStatusCode.TooManyRequests, claimingToBeAThirdVisitor);
    }

    [Fact]
    public void Start_WithAKnownNetworkThatIsNotCidr_RefusesAndNamesTheSetting()
    {
        using var factory = FromProxy(new() { [$"{TrustedProxyOptions.Section}:KnownNetworks:0"] = "172.16.0.0" });

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);
        while (failure is not InvalidOperationException && failure.InnerException is { } inner) failure = inner;

        Assert.Contains("ForwardedHeaders:KnownNetworks has '172.16.0.0'", Assert.IsType<InvalidOperationException>(failure).Message);
    }

    private static async Task<HttpStatusCode> DirectoryAsync(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/directory");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A hub whose every connection comes from <see cref="ComposeProxy"/>, with two public requests per window.</summary>
    private HubFactory FromProxy(Dictionary<string, string?> proxies) => new("Testing",
        new Dictionary<string, string?>(proxies)
        {
            [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = hub.ConnectionString,
            [$"{PublicRateLimitOptions.Section}:PermitLimit"] = "2",
            [$"{PublicRateLimitOptions.Section}:WindowSeconds"] = "3600",
        },
        services => services.AddSingleton<IStartupFilter, ConnectionFromProxy>());

    // The in-process test server has no remote address; this gives every request the proxy's, as Kestrel would.
    private sealed class ConnectionFromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = ComposeProxy;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
