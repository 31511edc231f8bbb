using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace CredentialConnect.IntegrationTests.Email;

/// <summary>
/// A real SMTP server in the test process, on a loopback port, that keeps what it receives. Recipients listed in
/// <see cref="Refuse"/> get a permanent 550 at RCPT TO, as a server answers for an unknown mailbox. A server started
/// with <c>holdFirstReply</c> keeps the first message it receives but does not answer it until it is disposed: the sender
/// never learns it was accepted, as when the sender dies mid-delivery.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly TaskCompletionSource _firstReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TestSmtpServer(int port, IReadOnlySet<string> refuse, bool holdFirstReply, TaskCompletionSource started)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, _) => started.TrySetResult();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Received, _firstReceived, holdFirstReply ? _stop.Token : null));
        services.Add(new RecipientFilter(refuse));
        services.Add(listeners);
        _running = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Received { get; } = new();

    /// <summary>Completes when the first message has arrived whole (before it is answered, when the reply is held).</summary>
    public Task FirstReceived => _firstReceived.Task;

    /// <summary>Starts listening on <paramref name="port"/> (a free one when not given) and returns once it accepts connections.</summary>
    public static Task<TestSmtpServer> StartAsync(int? port = null, params string[] refuse) => StartAsync(port, holdFirstReply: false, refuse);

    public static async Task<TestSmtpServer> StartAsync(int? port, bool holdFirstReply, params string[] refuse)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new TestSmtpServer(port ?? FreePort(), refuse.ToHashSet(StringComparer.OrdinalIgnoreCase), holdFirstReply, started);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return server;
    }

    /// <summary>A loopback port nothing listens on: a mail server that is down.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _running; }
        catch (OperationCanceledException) { }
        _stop.Dispose();
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> received, TaskCompletionSource firstReceived, CancellationToken? holdFirstUntil) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            if (firstReceived.TrySetResult() && holdFirstUntil is { } hold)
                await Task.Delay(Timeout.Infinite, hold).ContinueWith(_ => { }, CancellationToken.None);
            return SmtpResponse.Ok;
        }
    }

    private sealed class RecipientFilter(IReadOnlySet<string> refuse) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!refuse.Contains($"{to.User}@{to.Host}"));
    }
}
