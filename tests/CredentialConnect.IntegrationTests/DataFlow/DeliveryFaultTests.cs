using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Sandbox.Discourse;
using CredentialConnect.Web.Features.Delivery;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.DataFlow;

[Collection(HubCollection.Name)]
public sealed class DeliveryFaultTests(HubFixture fixture)
{
    [Fact]
    public async Task Delivery_WhenDiscourseAnswers422ForAnUnknownUser_DeadLettersAtOnce_AndReplayDeliversOnceFixed()
    {
        await using var hub = await SandboxHub.StartAsync(fixture, "flow_dead_letters", peopleCount: 3);
        var admin = await hub.AdminAsync();
        await admin.PostAsync("/api/v1/connectors/wild-apricot/sync", null);

        // The hub remembers a community username the forum no longer has.
        var message = await hub.WithDbAsync(async db =>
        {
            // The second person: the sandbox forum knows them by external id (ids ending 07/17/27/37 it does not).
            var member = await db.Members.SingleAsync(m => m.AmsMemberId == hub.People[1].AmsMemberId);
            member.CommunityUserId = "renamed.since";
            var queued = new OutboxMessage
            {
                Kind = OutboxKinds.CommunityMessage,
                IdempotencyKey = "test:unknown-user",
                MemberId = member.Id,
                Payload = JsonSerializer.Serialize(new CommunityMessagePayload(member.Id, "Study group", "See you there."), JsonSerializerOptions.Web),
                CreatedAt = hub.Factory.Clock.GetUtcNow(),
                NextAttemptAt = hub.Factory.Clock.GetUtcNow(),
            };
            db.OutboxMessages.Add(queued);
            await db.SaveChangesAsync();
            return queued;
        });

        await hub.DeliverEverythingAsync();

        var dead = await hub.WithDbAsync(db => db.DeadLetters.SingleAsync());
        Assert.Equal(message.Id, dead.OutboxMessageId);
        Assert.Equal(1, dead.Attempts);
        Assert.Contains("renamed.since was not found", dead.Reason);
        Assert.Empty(hub.Partner<DiscourseSandbox>().Activity);

        // Staff fix the identity, then replay: delivered, once.
        await hub.WithDbAsync(async db =>
        {
            var member = await db.Members.SingleAsync(m => m.Id == message.MemberId);
            member.CommunityUserId = null;
            await db.SaveChangesAsync();
        });
        var replay = await admin.PostAsync($"/api/v1/dead-letters/{dead.Id}/replay", null);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/v1/dead-letters/{dead.Id}/replay", null)).StatusCode);

        await hub.DeliverEverythingAsync();
        var delivered = await hub.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Id == message.Id));
        Assert.Equal(OutboxStatus.Delivered, delivered.Status);
        Assert.Single(hub.Partner<DiscourseSandbox>().Activity, p => p.Kind == SandboxCommunityPostKind.Message);
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/dead-letters");
        Assert.NotNull(Assert.Single(listed.GetProperty("items").EnumerateArray().ToList()).GetProperty("replayedAt").GetString());
    }
}
