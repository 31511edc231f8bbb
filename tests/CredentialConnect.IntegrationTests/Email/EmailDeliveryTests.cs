using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CredentialConnect.IntegrationTests.Email;

/// <summary>An <c>email</c> outbox message, delivered by the hub's own delivery worker to a real SMTP server or the pickup folder.</summary>
public sealed class EmailDeliveryTests(HubFixture hub) : HubTest(hub)
{
    private static readonly EmailPayload Welcome = new(
        "ada@example.org", "Ada Lovelace", "Your CNP exam: next steps", "Many certificants pass on a later attempt.", "<p>Many certificants pass on a later attempt.</p>");

    [Fact]
    public async Task Delivery_OverSmtp_SendsTheMessageWithRecipientSubjectAndBodies()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var host = SmtpHub(smtp.Port);
        var queued = await EnqueueAsync(host, Welcome);

        await RunDeliveryOnceAsync(host);

        var received = Assert.Single(smtp.Received);
        Assert.Equal("ada@example.org", Assert.Single(received.To.Mailboxes).Address);
        Assert.Equal("Ada Lovelace", received.To.Mailboxes.Single().Name);
        Assert.Equal("certification@example.org", Assert.Single(received.From.Mailboxes).Address);
        Assert.Equal("Your CNP exam: next steps", received.Subject);
        Assert.Equal("Many certificants pass on a later attempt.", received.TextBody?.Trim());
        Assert.Equal("<p>Many certificants pass on a later attempt.</p>", received.HtmlBody?.Trim());
        Assert.Equal(queued.IdempotencyKey, received.Headers[EmailMessageFactory.IdempotencyKeyHeader]);

        var delivered = await ReloadAsync(queued);
        Assert.Equal(OutboxStatus.Delivered, delivered.Status);
        Assert.Equal(received.MessageId, delivered.Reference);
    }

    [Fact]
    public async Task Delivery_ToThePickupFolder_WritesOneEmlFile_AndARedeliveryReplacesIt()
    {
        var folder = Directory.CreateTempSubdirectory("cc-mail-pickup-").FullName;
        try
        {
            await using var host = Hub.Factory.WithWebHostBuilder(b => b.UseSetting("Email:Mode", "Pickup").UseSetting("Email:PickupDirectory", folder));
            var queued = await EnqueueAsync(host, Welcome);

            await RunDeliveryOnceAsync(host);
            await Hub.WithDbAsync(async db =>
            {
                // As a replay of the same work would: the message is due again.
                var message = await db.OutboxMessages.SingleAsync(m => m.Id == queued.Id);
                message.Status = OutboxStatus.Pending;
                message.NextAttemptAt = Hub.Now;
                await db.SaveChangesAsync();
            });
            await RunDeliveryOnceAsync(host);

            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.Equal(EmailSender.PickupFileName(queued.IdempotencyKey), Path.GetFileName(file));
            var written = await MimeMessage.LoadAsync(file);
            Assert.Equal("Your CNP exam: next steps", written.Subject);
            Assert.Equal("ada@example.org", Assert.Single(written.To.Mailboxes).Address);
            Assert.Equal(OutboxStatus.Delivered, (await ReloadAsync(queued)).Status);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Delivery_WhenTheServerRefusesTheRecipientPermanently_DeadLettersAtOnceWithTheReason()
    {
        await using var smtp = await TestSmtpServer.StartAsync(refuse: "gone@example.org");
        await using var host = SmtpHub(smtp.Port);
        var queued = await EnqueueAsync(host, Welcome with { To = "gone@example.org" });

        await RunDeliveryOnceAsync(host);

        var dead = await Hub.WithDbAsync(db => db.DeadLetters.SingleAsync());
        Assert.Equal(queued.Id, dead.OutboxMessageId);
        Assert.Equal(OutboxKinds.Email, dead.Kind);
        Assert.Equal(1, dead.Attempts);
        Assert.Contains("refused the recipient gone@example.org", dead.Reason);
        Assert.Contains("550", dead.Reason);
        Assert.Equal(OutboxStatus.DeadLettered, (await ReloadAsync(queued)).Status);
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task Delivery_WhenTheServerIsDown_KeepsTheMessageAndDeliversItOnALaterAttempt()
    {
        var port = TestSmtpServer.FreePort();
        await using var host = SmtpHub(port);
        var queued = await EnqueueAsync(host, Welcome);

        await RunDeliveryOnceAsync(host);

        var waiting = await ReloadAsync(queued);
        Assert.Equal(OutboxStatus.Pending, waiting.Status);
        Assert.Equal(1, waiting.Attempts);
        Assert.Contains("Could not talk to the mail server", waiting.LastError);
        Assert.Equal(Hub.Now + OutboxDispatcher.Later(null, 1), waiting.NextAttemptAt);
        Assert.Empty(await Hub.WithDbAsync(db => db.DeadLetters.ToListAsync()));

        // The server comes back; the next attempt, once due, delivers.
        await using var smtp = await TestSmtpServer.StartAsync(port);
        Hub.Factory.Clock.Advance(OutboxDispatcher.Later(null, 1));
        await RunDeliveryOnceAsync(host);

        Assert.Equal("Your CNP exam: next steps", Assert.Single(smtp.Received).Subject);
        var delivered = await ReloadAsync(queued);
        Assert.Equal(OutboxStatus.Delivered, delivered.Status);
        Assert.Equal(2, delivered.Attempts);
    }

    private WebApplicationFactory<Program> SmtpHub(int port) => Hub.Factory.WithWebHostBuilder(b => b
        .UseSetting("Email:Mode", "Smtp")
        .UseSetting("Email:Smtp:Host", "127.0.0.1")
        .UseSetting("Email:Smtp:Port", port.ToString())
        .UseSetting("Email:Smtp:UseStartTls", "false")
        .UseSetting("Email:Smtp:Timeout", "00:00:10")
        .UseSetting("Email:From:Name", "Board of Certification")
        .UseSetting("Email:From:Address", "certification@example.org"));

    private async Task<OutboxMessage> EnqueueAsync(WebApplicationFactory<Program> host, EmailPayload payload)
    {
        var message = new OutboxMessage
        {
            Kind = OutboxKinds.Email,
            IdempotencyKey = $"workflow:{Guid.NewGuid():N}:send-email:1",
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            CreatedAt = Hub.Now,
            NextAttemptAt = Hub.Now,
        };
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CredentialConnect.Web.Data.AppDbContext>();
        db.OutboxMessages.Add(message);
        await db.SaveChangesAsync();
        return message;
    }

    private static Task RunDeliveryOnceAsync(WebApplicationFactory<Program> host) =>
        host.Services.GetRequiredService<DeliveryWorker>().RunOnceAsync(CancellationToken.None);

    private Task<OutboxMessage> ReloadAsync(OutboxMessage message) =>
        Hub.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id));
}
