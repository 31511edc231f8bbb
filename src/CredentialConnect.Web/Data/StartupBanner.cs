using System.Net;
using CredentialConnect.Web.Features.Demo;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CredentialConnect.Web.Data;

/// <summary>
/// The few console lines an operator or a newcomer reads first: where the hub listens, on which database, and, only
/// when the demo is there, its sign-ins. Printed once the server has bound its addresses, so the URL is the real one
/// (a port from ASPNETCORE_URLS, launchSettings or port 0), never an assumed default.
/// </summary>
internal static class StartupBanner
{
    public static void PrintOnceListening(WebApplication app, HubDatabase database, bool withDemoSignIn) =>
        app.Lifetime.ApplicationStarted.Register(() =>
            Console.WriteLine(Compose(ListeningUrls(app.Services), app.Environment, database, withDemoSignIn)));

    /// <summary>The server's bound addresses after start, wildcards shown as a browsable localhost address.</summary>
    internal static IReadOnlyList<ListeningAddress> ListeningUrls(IServiceProvider services)
    {
        // The in-process test server binds nothing and has no addresses.
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Select(Browsable).ToList();
    }

    internal static string Compose(IReadOnlyList<ListeningAddress> urls, IHostEnvironment environment, HubDatabase database, bool withDemoSignIn)
    {
        var first = urls.FirstOrDefault()?.Url ?? "";
        var lines = new List<string>
        {
            "",
            $"┌─ CredentialConnect ({environment.EnvironmentName}) on {database.Description}",
        };
        lines.AddRange(urls.Select(a => $"│ Listening on {a.Url}{(a.EveryInterface ? " (every interface)" : "")}"));
        if (withDemoSignIn)
        {
            lines.Add($"│ {DemoAssociation.Name} (demo data). Staff and member sign-in — password for all three: {DemoAssociation.Password}");
            lines.Add($"│   Admin     {DemoAssociation.AdminEmail}");
            lines.Add($"│   Reviewer  {DemoAssociation.ReviewerEmail}");
            lines.Add($"│   Member    {DemoAssociation.MemberEmail}");
            if (environment.IsDevelopment()) lines.Add($"│ Development sign-in (no password): {first}/sign-in");
        }
        lines.Add($"└─ API reference: {first}/scalar   Health: {first}/health/ready");
        lines.Add("");
        return string.Join(Environment.NewLine, lines);
    }

    // Kestrel reports "http://+:8080" as "http://[::]:8080": true, but not an address a browser can open.
    private static ListeningAddress Browsable(string address)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)) return new(address.TrimEnd('/'), false);
        var wildcard = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
        var url = wildcard ? new UriBuilder(uri) { Host = "localhost" }.Uri.ToString() : address;
        return new(url.TrimEnd('/'), wildcard);
    }
}

/// <summary>One address the server listens on, as a browser would open it.</summary>
internal sealed record ListeningAddress(string Url, bool EveryInterface);
