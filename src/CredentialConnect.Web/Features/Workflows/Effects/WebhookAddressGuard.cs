using System.Net;
using System.Net.Sockets;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Keeps a flow's webhooks on the public internet: a designer could otherwise point one at the hub's own admin
/// endpoints, the cloud metadata service or a database on the private network. Every address the host resolves to is
/// checked, at the moment of connecting (so a name that resolves differently on a second lookup gains nothing), and
/// redirects are not followed. Hosts on <see cref="WorkflowWebhookOptions.AllowedHosts"/> are let through.
/// </summary>
public sealed class WebhookAddressGuard(IReadOnlyList<string> allowedHosts)
{
    private readonly HashSet<string> _hosts = allowedHosts.Where(h => !IPNetwork.TryParse(h, out _) && !IPAddress.TryParse(h, out _))
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private readonly List<IPNetwork> _networks = [.. allowedHosts.Select(ToNetwork).OfType<IPNetwork>()];

    /// <summary>Why the hub will not call <paramref name="host"/>, or null when it may.</summary>
    public async Task<string?> RefusalAsync(string host, CancellationToken cancellationToken)
    {
        if (_hosts.Contains(host)) return null;
        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        }
        catch (SocketException e)
        {
            return $"'{host}' could not be resolved: {e.Message}";
        }
        return Refusal(host, addresses);
    }

    /// <summary>Why none of <paramref name="addresses"/> may be called; null when every one is public or allowed.</summary>
    public string? Refusal(string host, IReadOnlyList<IPAddress> addresses)
    {
        if (_hosts.Contains(host)) return null;
        if (addresses.Count == 0) return $"'{host}' resolves to no address.";
        foreach (var address in addresses)
            if (KindOf(address) is { } kind && !_networks.Any(n => n.Contains(Plain(address))))
                return $"'{host}' resolves to {address}, a {kind} address; webhooks may call it only when " +
                    $"{WorkflowOptions.Section}:Webhooks:AllowedHosts lists it.";
        return null;
    }

    /// <summary>Connects to <paramref name="endpoint"/> only through an address the guard allows; the handler's ConnectCallback.</summary>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        if (Refusal(endpoint.Host, addresses) is { } refusal) throw new WebhookRefusedException(refusal);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>What kind of non-public address this is; null for a public one.</summary>
    public static string? KindOf(IPAddress address)
    {
        address = Plain(address);
        if (IPAddress.IsLoopback(address)) return "loopback";
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return "unspecified";
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv6LinkLocal) return "link-local";
            if (address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal) return "private";
            if (address.IsIPv6Multicast) return "multicast";
            return null;
        }
        var b = address.GetAddressBytes();
        return b switch
        {
            [169, 254, ..] => "link-local",
            [10, ..] or [172, >= 16 and <= 31, ..] or [192, 168, ..] => "private",
            [100, >= 64 and <= 127, ..] => "shared (carrier-grade NAT)",
            [0, ..] => "unspecified",
            [>= 224, ..] => "multicast or reserved",
            _ => null,
        };
    }

    private static IPAddress Plain(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static IPNetwork? ToNetwork(string entry) =>
        IPNetwork.TryParse(entry, out var network) ? network
        : IPAddress.TryParse(entry, out var address) ? new IPNetwork(Plain(address), Plain(address).AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
        : null;
}

/// <summary>A webhook the guard would not let connect; never retried, as the address will not change by itself.</summary>
public sealed class WebhookRefusedException(string message) : Exception(message);
