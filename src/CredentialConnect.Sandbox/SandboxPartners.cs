using System.Net;
using System.Net.Sockets;
using WireMock.Server;
using WireMock.Settings;

namespace CredentialConnect.Sandbox;

/// <summary>
/// Runs every simulated partner on its own loopback port, so the embedded hub has real HTTP partners to sync
/// with. Only for Development on the embedded database; the host refuses to start it anywhere else.
/// </summary>
public sealed class SandboxPartners : IDisposable
{
    private readonly List<WireMockServer> _servers = [];

    public SandboxPartners(SandboxAssociation association, IReadOnlyList<ISandboxPartner> partners)
    {
        Association = association;
        Partners = partners;
        var settings = new Dictionary<string, string?>();
        foreach (var partner in partners)
        {
            // Loopback only: a simulated partner answers anyone who reaches it, so nothing off this machine should.
            var server = WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://127.0.0.1:{FreeLoopbackPort()}"], StartAdminInterface = false });
            _servers.Add(server);
            foreach (var (key, value) in partner.Start(server, association))
                settings[$"{partner.Section}:{key}"] = value;
            Urls[partner.Connector] = server.Url!;
        }
        ConnectorSettings = settings;
    }

    public SandboxAssociation Association { get; }

    public IReadOnlyList<ISandboxPartner> Partners { get; }

    /// <summary>One of each simulated partner this assembly has.</summary>
    public static IReadOnlyList<ISandboxPartner> All() => typeof(ISandboxPartner).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ISandboxPartner).IsAssignableFrom(t))
        .OrderBy(t => t.Name)
        .Select(t => (ISandboxPartner)Activator.CreateInstance(t)!)
        .ToList();

    /// <summary>Configuration that points each connector at its simulated partner.</summary>
    public IReadOnlyDictionary<string, string?> ConnectorSettings { get; }

    /// <summary>Each partner's base URL by connector name.</summary>
    public Dictionary<string, string> Urls { get; } = [];

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        foreach (var server in _servers) server.Stop();
    }
}
