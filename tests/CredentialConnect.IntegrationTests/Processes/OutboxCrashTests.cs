using CredentialConnect.IntegrationTests.Email;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Email;
using MimeKit;

namespace CredentialConnect.IntegrationTests.Processes;

/// <summary>
/// Hub nodes killed with SIGKILL around an email's delivery, then restarted on the same PostgreSQL. The outbox row is
/// the only record of the work; the mail server counts what actually arrived.
/// </summary>
[Collection(HubProcessCollection.Name)]
public sealed class OutboxCrashTests(HubProcessDatabases databases)
{
    [Fact]
    public async Task KilledAfterTheOutboxWrite_BeforeDelivery_TwoRestartedNodesDeliverTheEmailExactlyOnce()
    {
        var database = await databases.CreateMigratedAsync();
        await using var smtp = await TestSmtpServer.StartAsync();
        var outbox = new OutboxRows(database);

        // A node commits the side effect's outbox row, then dies before any delivery loop reaches it.
        await using (var crashed = await HubProcess.StartAsync(database, Node(smtp, deliver: false)))
        {
            var queued = await outbox.EnqueueEmailAsync();
            await crashed.KillAsync();
            Assert.Equal(OutboxStatus.Pending, (await outbox.ReadAsync(queued.Id)).Status);
            Assert.Empty(smtp.Received);

            // Two nodes come up on the same database and race for the message.
            await using var first = await HubProcess.StartAsync(database, Node(smtp, deliver: true));
            await using var second = await HubProcess.StartAsync(database, Node(smtp, deliver: true));
            await outbox.WaitUntilDeliveredAsync(queued.Id, first, second);
            // Nothing can deliver after this point: the count below is final.
            await first.KillAsync();
            await second.KillAsync();

            var received = Assert.Single(smtp.Received);
            Assert.Equal(queued.IdempotencyKey, received.Headers[EmailMessageFactory.IdempotencyKeyHeader]);
            var delivered = await outbox.ReadAsync(queued.Id);
            Assert.Equal(OutboxStatus.Delivered, delivered.Status);
            Assert.Equal(1, delivered.Attempts);
            Assert.Equal(received.MessageId, delivered.Reference);
        }
    }

    [Fact]
    public async Task KilledWhileTheServerHoldsItsReply_TheRestartedNodeSendsAgain_OneDeliveryIsRecorded_AndBothCopiesShareTheMessageId()
    {
        var database = await databases.CreateMigratedAsync();
        await using var smtp = await TestSmtpServer.StartAsync(null, holdFirstReply: true);
        var outbox = new OutboxRows(database);
        var queued = await outbox.EnqueueEmailAsync();

        // The node has sent the whole message and waits for the server's answer when it dies.
        await using (var crashed = await HubProcess.StartAsync(database, Node(smtp, deliver: true)))
        {
            await smtp.FirstReceived.WaitAsync(HubProcess.StartTimeout);
            await crashed.KillAsync();
        }
        var orphaned = await outbox.ReadAsync(queued.Id);
        Assert.Equal(OutboxStatus.Pending, orphaned.Status);
        Assert.Equal(0, orphaned.Attempts);
        Assert.NotNull(orphaned.LockedBy);

        // The dead node's lease runs out (five minutes in production), and a restarted node sends the message again.
        await outbox.ExpireLeasesAsync();
        await using (var restarted = await HubProcess.StartAsync(database, Node(smtp, deliver: true)))
        {
            await outbox.WaitUntilDeliveredAsync(queued.Id, restarted);
            await restarted.KillAsync();
        }

        // At least once on the wire: the server got both copies. Each carries the same Message-ID and key, so a mail
        // system drops the second; the outbox records one delivery.
        Assert.Equal(2, smtp.Received.Count);
        Assert.Single(smtp.Received.Select(m => m.MessageId).Distinct());
        Assert.All(smtp.Received, m => Assert.Equal(queued.IdempotencyKey, m.Headers[EmailMessageFactory.IdempotencyKeyHeader]));
        var delivered = await outbox.ReadAsync(queued.Id);
        Assert.Equal(OutboxStatus.Delivered, delivered.Status);
        Assert.Equal(1, delivered.Attempts);
        Assert.Equal(smtp.Received.First().MessageId, delivered.Reference);
    }

    private static Dictionary<string, string?> Node(TestSmtpServer smtp, bool deliver) => new()
    {
        ["Delivery:WorkerEnabled"] = deliver ? "true" : "false",
        ["Delivery:PollInterval"] = "00:00:00.200",
        ["Email:Mode"] = nameof(EmailMode.Smtp),
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = smtp.Port.ToString(),
        ["Email:Smtp:UseStartTls"] = "false",
        // Long enough that a held reply is still pending when the node is killed.
        ["Email:Smtp:Timeout"] = "00:05:00",
        ["Email:From:Address"] = "certification@example.org",
    };
}
