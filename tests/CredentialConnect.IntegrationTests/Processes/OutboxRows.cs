using System.Diagnostics;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Email;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Processes;

/// <summary>The outbox of one test's database, read and written from outside the hub processes.</summary>
public sealed class OutboxRows(string connectionString)
{
    public static readonly EmailPayload Encouragement = new(
        "ada@example.org", "Ada Lovelace", "We believe in you", "Most candidates who retake within three months pass.");

    /// <summary>An email due now, as a workflow's SendEmail commits it together with the instance's state.</summary>
    public async Task<OutboxMessage> EnqueueEmailAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var message = new OutboxMessage
        {
            Kind = OutboxKinds.Email,
            IdempotencyKey = $"workflow:{Guid.NewGuid():N}:encouragement:1",
            Payload = JsonSerializer.Serialize(Encouragement, JsonSerializerOptions.Web),
            CreatedAt = now,
            NextAttemptAt = now,
        };
        await using var db = Open();
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    public async Task<OutboxMessage> ReadAsync(Guid id)
    {
        await using var db = Open();
        return await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
    }

    /// <summary>Ends every node's lease on its claimed messages, as the lease's end would after a node died.</summary>
    public async Task ExpireLeasesAsync()
    {
        await using var db = Open();
        var past = DateTimeOffset.UtcNow.AddSeconds(-1);
        await db.OutboxMessages.Where(m => m.LockedUntil != null).ExecuteUpdateAsync(u => u.SetProperty(m => m.LockedUntil, past));
    }

    /// <summary>Waits until the message is delivered; fails with the nodes' output when it never is, or a node dies.</summary>
    public async Task WaitUntilDeliveredAsync(Guid id, params HubProcess[] nodes)
    {
        var giveUp = Stopwatch.StartNew();
        while (giveUp.Elapsed < HubProcess.StartTimeout)
        {
            var message = await ReadAsync(id);
            if (message.Status == OutboxStatus.Delivered) return;
            Assert.True(message.Status == OutboxStatus.Pending, $"Message {id} is {message.Status}: {message.LastError}");
            Assert.True(nodes.All(n => !n.HasExited), $"A node exited while delivering:{Environment.NewLine}{Outputs(nodes)}");
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        Assert.Fail($"Message {id} was not delivered within {HubProcess.StartTimeout}; last error: {(await ReadAsync(id)).LastError}{Environment.NewLine}{Outputs(nodes)}");
    }

    private static string Outputs(IEnumerable<HubProcess> nodes) =>
        string.Join(Environment.NewLine, nodes.Select(n => $"--- node {n.Id} ---{Environment.NewLine}{n.Output}"));

    private PostgresAppDbContext Open() => HubProcessDatabases.Open(connectionString);
}
