using System.Net;
using System.Text;
using CredentialConnect.Connectors;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Sandbox.WildApricot;
using CredentialConnect.Sandbox.Xapi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.DataFlow;

[Collection(HubCollection.Name)]
public sealed class WebhookTests(HubFixture fixture)
{
    [Fact]
    public async Task Webhook_ForgedStaleOrReplayed_Gets401AndLeavesNoTrace()
    {
        await using var hub = await SandboxHub.StartAsync(fixture, "flow_webhooks", peopleCount: 3);
        var client = hub.Factory.CreateClient();
        var body = Encoding.UTF8.GetBytes("""{"event":"statements-stored"}""");
        var now = hub.Factory.Clock.GetUtcNow();

        var forged = Post(body, StandardWebhooks.Headers("whsec_" + Convert.ToBase64String(Encoding.UTF8.GetBytes("not-the-secret")), "evt-1", now, body));
        var stale = Post(body, StandardWebhooks.Headers(XapiSandbox.WebhookSecret, "evt-2", now.AddMinutes(-6), body));
        var unsigned = Post(body, new Dictionary<string, string>());
        foreach (var request in new[] { forged, stale, unsigned })
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        Assert.Equal(0, await hub.WithDbAsync(db => db.InboxMessages.CountAsync()));

        var genuine = await client.SendAsync(Post(body, StandardWebhooks.Headers(XapiSandbox.WebhookSecret, "evt-3", now, body)));
        Assert.Equal(HttpStatusCode.Accepted, genuine.StatusCode);
        var replay = await client.SendAsync(Post(body, StandardWebhooks.Headers(XapiSandbox.WebhookSecret, "evt-3", now, body)));
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(1, await hub.WithDbAsync(db => db.InboxMessages.CountAsync()));
    }

    [Fact]
    public async Task Webhook_WildApricotContactModified_RefetchesThatMember()
    {
        await using var hub = await SandboxHub.StartAsync(fixture, "flow_webhook_member", peopleCount: 3);
        var client = hub.Factory.CreateClient();
        var person = hub.People[0];
        var body = WildApricotSandbox.ContactModifiedNotification(person.AmsMemberId);

        var wrongToken = await client.PostAsync("/hooks/wild-apricot?token=guess", new ByteArrayContent(body));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        var accepted = await client.PostAsync($"/hooks/wild-apricot?token={WildApricotSandbox.WebhookToken}", new ByteArrayContent(body));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);

        await hub.Factory.Services.GetRequiredService<Web.Features.Delivery.DeliveryWorker>().RunOnceAsync(CancellationToken.None);
        var member = await hub.WithDbAsync(db => db.Members.SingleOrDefaultAsync(m => m.AmsMemberId == person.AmsMemberId));
        Assert.NotNull(member);
        Assert.Equal(person.Email, member.Email);
        Assert.NotNull(await hub.WithDbAsync(db => db.InboxMessages.SingleAsync(m => m.Kind == "webhook")).ContinueWith(t => t.Result.ProcessedAt));
    }

    private static HttpRequestMessage Post(byte[] body, IReadOnlyDictionary<string, string> headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/xapi") { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}
