using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CredentialConnect.IntegrationTests.DataFlow;

[Collection(HubCollection.Name)]
public sealed class PartnerPauseTests(HubFixture fixture)
{
    private const int WaitSeconds = 120;

    [Fact]
    public async Task Delivery_WhenTheForumAnswers429WithWaitSeconds_SendsNothingMoreInTheWindow_ThenDeliversEachOnceInOrder()
    {
        // Arrange: a forum that refuses the first message with Discourse's rate-limit body (no Retry-After header), then accepts.
        using var forum = WireMockServer.Start();
        forum.Given(Request.Create().WithPath("/t/external_id/*").UsingGet())
            .RespondWith(Json(404, new JsonObject { ["errors"] = new JsonArray("The requested URL or resource could not be found."), ["error_type"] = "not_found" }));
        var posts = 0;
        forum.Given(Request.Create().WithPath("/posts.json").UsingPost()).RespondWith(Response.Create().WithCallback(_ =>
            Interlocked.Increment(ref posts) == 1
                ? Answer(429, new JsonObject
                {
                    ["errors"] = new JsonArray($"You’ve performed this action too many times. Please wait {WaitSeconds} seconds before trying again."),
                    ["error_type"] = "rate_limit",
                    ["extras"] = new JsonObject { ["wait_seconds"] = WaitSeconds, ["time_left"] = $"{WaitSeconds} seconds" },
                })
                : Answer(200, new JsonObject { ["id"] = 500 + posts, ["topic_id"] = 600 + posts })));

        await using var hub = await SandboxHub.StartAsync(fixture, "flow_partner_pause", peopleCount: 3,
            settingsOverride: s => s["Connectors:Discourse:BaseUrl"] = forum.Url);
        var admin = await hub.AdminAsync();
        await admin.PostAsync("/api/v1/connectors/wild-apricot/sync", null);
        var start = hub.Factory.Clock.GetUtcNow();
        var queued = await QueueMessagesAsync(hub, count: 5);
        var worker = hub.Factory.Services.GetRequiredService<DeliveryWorker>();

        // Act: the first message meets the rate limit; then the loop runs again inside the window.
        await worker.RunOnceAsync(CancellationToken.None);
        hub.Factory.Clock.Advance(TimeSpan.FromSeconds(WaitSeconds / 2));
        await worker.RunOnceAsync(CancellationToken.None);

        // Assert: one lookup and the one refused post reached the forum; every message waits as it was queued.
        Assert.Equal(["GET", "POST"], Received(forum, expected: 2).Select(r => r.Method));
        var waiting = await MessagesAsync(hub, queued);
        Assert.All(waiting, m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.Equal(0, m.Attempts);
            Assert.Equal(start, m.NextAttemptAt);
            Assert.Null(m.LockedBy);
        });
        Assert.Contains("429", waiting[0].LastError);
        Assert.All(waiting.Skip(1), m => Assert.Null(m.LastError));

        var connector = await admin.GetFromJsonAsync<JsonElement>("/api/v1/connectors/discourse");
        Assert.Equal(start.AddSeconds(WaitSeconds), connector.GetProperty("pausedUntil").GetDateTimeOffset());
        Assert.Contains("429", connector.GetProperty("pauseReason").GetString());
        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/connectors");
        Assert.Equal(JsonValueKind.Null, listed.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "wild-apricot").GetProperty("pausedUntil").ValueKind);

        // Act: past the window.
        hub.Factory.Clock.Advance(TimeSpan.FromSeconds(WaitSeconds / 2 + 1));
        await worker.RunOnceAsync(CancellationToken.None);

        // Assert: each message delivered once, in the order it was queued, with the one attempt that delivered it.
        var posted = Received(forum, expected: 2 + 2 * queued.Count).Where(r => r.Method == "POST")
            .Select(r => JsonDocument.Parse(r.Body!).RootElement.GetProperty("title").GetString()).ToList();
        Assert.Equal(["Notice 1", "Notice 1", "Notice 2", "Notice 3", "Notice 4", "Notice 5"], posted);
        var delivered = await MessagesAsync(hub, queued);
        Assert.All(delivered, m =>
        {
            Assert.Equal(OutboxStatus.Delivered, m.Status);
            Assert.Equal(1, m.Attempts);
        });
        Assert.Equal(0, await hub.WithDbAsync(db => db.DeadLetters.CountAsync()));
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/v1/connectors/discourse");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("pausedUntil").ValueKind);
    }

    [Fact]
    public async Task LearningSync_WhenTheLrsAnswers429_PausesTheConnector_AndRecordsAScheduledRunInTheWindowAsSkipped()
    {
        // Arrange
        using var lrs = WireMockServer.Start();
        lrs.Given(Request.Create().WithPath("/xapi/statements").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "600").WithBody("Slow down"));
        await using var hub = await SandboxHub.StartAsync(fixture, "flow_partner_pause_sync", peopleCount: 1, settingsOverride: s =>
        {
            s["Connectors:Xapi:BaseUrl"] = lrs.Url + "/xapi/";
            s["Connectors:Xapi:MaxRetries"] = "1";
            s["Connectors:Xapi:RetryDelay"] = "00:00:00.010";
            s["Connectors:Xapi:MaxRetryDelay"] = "00:00:00.050";
        });
        var sync = hub.Factory.Services.GetRequiredService<SyncEngine>();
        var start = hub.Factory.Clock.GetUtcNow();

        // Act
        var limited = await sync.RunAsync(SyncEngine.LearningStream("xapi"), SyncTriggers.Schedule, CancellationToken.None);
        hub.Factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var inTheWindow = await sync.RunAsync(SyncEngine.LearningStream("xapi"), SyncTriggers.Schedule, CancellationToken.None);

        // Assert: the second run called nothing and says why.
        Assert.Equal(SyncRunStatus.Failed, limited!.Status);
        Assert.Equal(SyncRunStatus.Skipped, inTheWindow!.Status);
        Assert.Contains("429", inTheWindow.Error);
        Assert.Single(Received(lrs, expected: 1));
        var connector = await (await hub.AdminAsync()).GetFromJsonAsync<JsonElement>("/api/v1/connectors/xapi");
        Assert.Equal(start.AddMinutes(10), connector.GetProperty("pausedUntil").GetDateTimeOffset());
        var stream = connector.GetProperty("streams").EnumerateArray().Single();
        Assert.Equal(start.AddMinutes(10), stream.GetProperty("pausedUntil").GetDateTimeOffset());
        Assert.Equal("Skipped", stream.GetProperty("lastRun").GetProperty("status").GetString());

        // Act: after the wait the schedule calls the LRS again.
        hub.Factory.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var afterTheWindow = await sync.RunAsync(SyncEngine.LearningStream("xapi"), SyncTriggers.Schedule, CancellationToken.None);

        // Assert
        Assert.Equal(SyncRunStatus.Failed, afterTheWindow!.Status);
        Assert.Equal(2, Received(lrs, expected: 2).Count);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("sqlite")]
    public async Task PartnerPause_WhenALaterCallAsksForAShorterWait_KeepsTheLongerPause(string provider)
    {
        // Arrange
        await using var db = await ContextAsync(provider);
        IDatabaseDialect dialect = provider == "postgres" ? new PostgresDialect() : new SqliteDialect();
        var now = HubFactory.Start;

        // Act
        await dialect.ExtendPartnerPauseAsync(db, "discourse", now.AddMinutes(10), "first: wait 10 minutes", now, CancellationToken.None);
        await dialect.ExtendPartnerPauseAsync(db, "discourse", now.AddMinutes(1), "second: wait 1 minute", now.AddSeconds(5), CancellationToken.None);
        var kept = await db.PartnerPauses.AsNoTracking().SingleAsync();
        await dialect.ExtendPartnerPauseAsync(db, "discourse", now.AddMinutes(20), "third: wait 20 minutes", now.AddSeconds(10), CancellationToken.None);
        var extended = await db.PartnerPauses.AsNoTracking().SingleAsync();

        // Assert
        Assert.Equal((now.AddMinutes(10), "first: wait 10 minutes", now), (kept.PausedUntil, kept.Reason, kept.UpdatedAt));
        Assert.Equal((now.AddMinutes(20), "third: wait 20 minutes", now.AddSeconds(10)), (extended.PausedUntil, extended.Reason, extended.UpdatedAt));
    }

    private async Task<AppDbContext> ContextAsync(string provider)
    {
        AppDbContext db = provider == "postgres"
            ? new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>()
                .UseNpgsql(await fixture.Server.CreateDatabaseAsync("partner_pause_upsert")).Options)
            : new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>()
                .UseSqlite($"Data Source={Path.Combine(Path.GetTempPath(), $"partner-pause-{Guid.NewGuid():N}.db")}").Options);
        await db.Database.MigrateAsync();
        return db;
    }

    private static async Task<List<Guid>> QueueMessagesAsync(SandboxHub hub, int count) => await hub.WithDbAsync(async db =>
    {
        var members = await db.Members.OrderBy(m => m.AmsMemberId).ToListAsync();
        foreach (var member in members) member.CommunityUserId = $"member.{member.AmsMemberId}";
        var now = hub.Factory.Clock.GetUtcNow();
        var messages = Enumerable.Range(1, count).Select(i =>
        {
            var member = members[(i - 1) % members.Count];
            return new OutboxMessage
            {
                Kind = OutboxKinds.CommunityMessage,
                IdempotencyKey = $"test:pause-{i}",
                MemberId = member.Id,
                Payload = JsonSerializer.Serialize(new CommunityMessagePayload(member.Id, $"Notice {i}", "The study group meets on Thursday."), JsonSerializerOptions.Web),
                // All due at once; the order they were queued in is the order they must reach the forum.
                CreatedAt = now.AddSeconds(i - count),
                NextAttemptAt = now,
            };
        }).ToList();
        db.OutboxMessages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages.Select(m => m.Id).ToList();
    });

    private static Task<List<OutboxMessage>> MessagesAsync(SandboxHub hub, List<Guid> ids) =>
        hub.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).OrderBy(m => m.CreatedAt).ToListAsync());

    /// <summary>
    /// The partner's requests in the order they came, once at least <paramref name="expected"/> are logged: WireMock logs
    /// a request just after it answers, so the hub can see the last answer before its entry exists.
    /// </summary>
    private static IReadOnlyList<IRequestMessage> Received(WireMockServer server, int expected)
    {
        SpinWait.SpinUntil(() => server.LogEntries.Count() >= expected, TimeSpan.FromSeconds(5));
        return server.LogEntries.Select(e => e.RequestMessage).OrderBy(r => r.DateTime).ToList();
    }

    private static ResponseMessage Answer(int status, JsonNode body)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", "application/json; charset=utf-8");
        return response;
    }

    private static IResponseBuilder Json(int status, JsonNode body) => Response.Create()
        .WithStatusCode(status)
        .WithHeader("Content-Type", "application/json; charset=utf-8")
        .WithBody(body.ToJsonString());
}
