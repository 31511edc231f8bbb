using System.Net;
using System.Text.Json.Nodes;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Sandbox;
using CredentialConnect.Web.Features.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CredentialConnect.IntegrationTests.DataFlow;

[Collection(HubCollection.Name)]
public sealed class SyncFaultTests(HubFixture fixture)
{
    private const string ExamIri = SandboxAssociation.LmsHomePage + "/exams/CNP";

    [Theory]
    [InlineData("500")]
    [InlineData("timeout")]
    [InlineData("malformed")]
    [InlineData("429")]
    public async Task LearningSync_WhenTheLrsFailsMidFeed_ResumesFromTheCursor_NothingSkippedNothingDuplicated(string fault)
    {
        using var lrs = WireMockServer.Start();
        await using var hub = await SandboxHub.StartAsync(fixture, $"flow_resume_{fault}", peopleCount: 3, settingsOverride: s =>
        {
            s["Connectors:Xapi:BaseUrl"] = lrs.Url + "/xapi/";
            s["Connectors:Xapi:MaxRetries"] = "1";
            s["Connectors:Xapi:RetryDelay"] = "00:00:00.010";
            s["Connectors:Xapi:MaxRetryDelay"] = "00:00:00.050";
            s["Connectors:Xapi:AttemptTimeout"] = "00:00:01";
        });
        var sync = hub.Factory.Services.GetRequiredService<SyncEngine>();
        await sync.RunAsync(SyncEngine.MembersStream("wild-apricot"), SyncTriggers.OnDemand, CancellationToken.None);
        var learners = hub.People.Select(p => p.AmsMemberId).ToList();

        // Page one answers; page two fails.
        lrs.Given(Request.Create().WithPath("/xapi/statements").UsingGet()).AtPriority(10)
            .RespondWith(Page([Statement("s-1", learners[0], "passed"), Statement("s-2", learners[1], "failed")], "/xapi/statements?more=page-2"));
        Fail(lrs, fault);

        var failed = await sync.RunAsync(SyncEngine.LearningStream("xapi"), SyncTriggers.OnDemand, CancellationToken.None);
        Assert.Equal(SyncRunStatus.Failed, failed!.Status);
        var afterFailure = await hub.WithDbAsync(async db => (
            await db.ExamAttempts.CountAsync(),
            (await db.SyncStreams.SingleAsync(s => s.Name == "xapi/learning")).Cursor));
        Assert.Equal(2, afterFailure.Item1);
        Assert.Contains("page-2", afterFailure.Cursor);

        // The partner recovers: the next run starts at page two, and page one is not read again.
        lrs.Given(Request.Create().WithPath("/xapi/statements").WithParam("more", "page-2").UsingGet())
            .AtPriority(0)
            .RespondWith(Page([Statement("s-3", learners[2], "passed"), Statement("s-2", learners[1], "failed")], null));
        var resumed = await sync.RunAsync(SyncEngine.LearningStream("xapi"), SyncTriggers.OnDemand, CancellationToken.None);

        Assert.Equal(SyncRunStatus.Succeeded, resumed!.Status);
        var ids = await hub.WithDbAsync(db => db.ExamAttempts.Select(a => a.SourceRecordId).OrderBy(i => i).ToListAsync());
        Assert.Equal(["s-1", "s-2", "s-3"], ids);
        Assert.Single(lrs.LogEntries, e => e.RequestMessage.Query?.ContainsKey("more") != true);
    }

    private static void Fail(WireMockServer lrs, string fault)
    {
        var page = Request.Create().WithPath("/xapi/statements").WithParam("more", "page-2").UsingGet();
        var response = fault switch
        {
            "500" => Response.Create().WithStatusCode(500).WithBody("LRS is down"),
            "timeout" => Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(3)).WithBody("{}"),
            "malformed" => Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"statements\": [ {\"id\": "),
            "429" => Response.Create().WithStatusCode(429).WithHeader("Retry-After", "600").WithBody("Slow down"),
            _ => throw new ArgumentOutOfRangeException(nameof(fault)),
        };
        lrs.Given(page).AtPriority(5).RespondWith(response);
    }

    private static IResponseBuilder Page(JsonObject[] statements, string? more) => Response.Create()
        .WithStatusCode(200)
        .WithHeader("Content-Type", "application/json")
        .WithHeader("X-Experience-API-Version", "1.0.3")
        .WithHeader("X-Experience-API-Consistent-Through", "2026-06-01T08:00:00.000Z")
        .WithBody(new JsonObject { ["statements"] = new JsonArray(statements), ["more"] = more ?? "" }.ToJsonString());

    private static JsonObject Statement(string id, string amsMemberId, string verb) => new()
    {
        ["id"] = id,
        ["actor"] = new JsonObject { ["objectType"] = "Agent", ["account"] = new JsonObject { ["homePage"] = SandboxAssociation.LmsHomePage, ["name"] = amsMemberId } },
        ["verb"] = new JsonObject { ["id"] = $"http://adlnet.gov/expapi/verbs/{verb}" },
        ["object"] = new JsonObject { ["objectType"] = "Activity", ["id"] = ExamIri, ["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = "CNP exam" } } },
        ["result"] = new JsonObject { ["score"] = new JsonObject { ["raw"] = verb == "passed" ? 82 : 55, ["min"] = 0, ["max"] = 100 }, ["success"] = verb == "passed" },
        ["timestamp"] = "2026-05-30T10:00:00.000Z",
        ["stored"] = "2026-05-30T10:00:02.000Z",
    };
}
