using System.Net;
using System.Net.Sockets;

namespace CredentialConnect.IntegrationTests.Infrastructure;

/// <summary>
/// Relays TCP connections on a loopback port to a target, until <see cref="Cut"/>: then every open connection drops and
/// new ones are refused, as when a database server goes away under a running hub.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _open = [];
    private readonly string _targetHost;
    private readonly int _targetPort;

    public TcpRelay(string targetHost, int targetPort)
    {
        (_targetHost, _targetPort) = (targetHost, targetPort);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try { inbound = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            var outbound = new TcpClient();
            try { await outbound.ConnectAsync(_targetHost, _targetPort, _stop.Token); }
            catch (Exception) { inbound.Dispose(); outbound.Dispose(); continue; }
            lock (_open) _open.AddRange([inbound, outbound]);
            _ = PumpAsync(inbound.GetStream(), outbound.GetStream());
            _ = PumpAsync(outbound.GetStream(), inbound.GetStream());
        }
    }

    private async Task PumpAsync(Stream from, Stream to)
    {
        try { await from.CopyToAsync(to, _stop.Token); }
        catch (Exception) { /* the relay was cut, or one side closed */ }
    }

    /// <summary>Drops every connection and refuses new ones.</summary>
    public void Cut()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_open) foreach (var client in _open) client.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) Cut();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
