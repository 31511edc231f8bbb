using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace CredentialConnect.Web.Features.Access;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> the hub believes. None by default:
/// then the headers are ignored and the client address is the connection's own.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Networks the proxies connect from, in CIDR notation (<c>ForwardedHeaders__KnownNetworks__0=172.16.0.0/12</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Single proxy addresses (<c>ForwardedHeaders__KnownProxies__0=10.0.0.5</c>).</summary>
    public List<string> KnownProxies { get; set; } = [];
}

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address, so the public rate limit would put every
/// visitor in one window and the hub would think every request was plain HTTP. Forwarded headers fix both, but only
/// from proxies the operator names: believed from anyone, they would let a client pick its own address.
/// </summary>
public static class TrustedProxies
{
    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetSection(TrustedProxyOptions.Section).Get<TrustedProxyOptions>() ?? new TrustedProxyOptions();
        var networks = configured.KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)).Select(ParseNetwork).ToList();
        var proxies = configured.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)).Select(ParseAddress).ToList();
        builder.Services.AddSingleton(new TrustedProxyList(networks, proxies));
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback out of the box; here only what the operator configured is trusted.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
        });
        return builder;
    }

    /// <summary>First in the pipeline, so the rate limiter, authentication and links all see the client's address and scheme.</summary>
    public static WebApplication UseTrustedProxies(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TrustedProxyList>().IsEmpty) return app;
        app.UseForwardedHeaders();
        return app;
    }

    private static IPNetwork ParseNetwork(string value) => IPNetwork.TryParse(value.Trim(), out var network)
        ? network
        : throw new InvalidOperationException($"{TrustedProxyOptions.Section}:KnownNetworks has '{value}', which is not a network in CIDR notation such as 172.16.0.0/12.");

    private static IPAddress ParseAddress(string value) => IPAddress.TryParse(value.Trim(), out var address)
        ? address
        : throw new InvalidOperationException($"{TrustedProxyOptions.Section}:KnownProxies has '{value}', which is not an IP address.");
}

/// <summary>The proxies this hub was configured to trust, parsed once at start-up.</summary>
public sealed record TrustedProxyList(IReadOnlyList<IPNetwork> Networks, IReadOnlyList<IPAddress> Proxies)
{
    public bool IsEmpty => Networks.Count == 0 && Proxies.Count == 0;
}
