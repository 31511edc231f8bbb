using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Connectors;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Stories.RealInstall;

/// <summary>
/// An association installs the hub for real: Production, PostgreSQL, no demo. Staff connect their own Wild Apricot,
/// LRS and Discourse only through the documented API, and those partners behave like production ones: strict about
/// chunked bodies, rate-limited, with a malformed item in their lists, statements out of order and a voided one.
/// Whatever happens, every record exists once, nothing is sent twice, and nothing that should arrive is lost.
/// </summary>
[Collection(HubCollection.Name)]
public sealed class RealInstallStoryTests(HubFixture fixture)
{
    private const string AdminEmail = "registrar@acp.example.org";
    private const string AdminPassword = "a-long-production-passphrase-2026";
    private const string EthicsCourse = LrsPartner.HomePage + "/courses/ethics-for-planners";
    private const string UnmappedCourse = LrsPartner.HomePage + "/courses/lunch-and-learn";
    private const string Exam = LrsPartner.HomePage + "/exams/cpp";

    [Fact]
    public async Task RealInstall_InProductionOnPostgres_ConfiguredOnlyThroughTheApi_KeepsEveryRecordOnceAndLosesNothing()
    {
        // Arrange: an empty production database, migrated as the 'migrate' verb would, and the association's partners.
        var connectionString = await fixture.Server.CreateDatabaseAsync("real_install");
        await using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options))
            await db.Database.MigrateAsync();
        await using var hub = new HubFactory("Production", new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = connectionString,
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Badges:PublicBaseUrl"] = "https://credentials.acp.example.org",
            // The partners here are loopback stubs over plain HTTP; a real install uses https and leaves this off.
            ["Connectors:AllowLoopbackHttp"] = "true",
        });
        var clock = hub.Clock;
        using var ams = new AmsPartner();
        using var lrs = new LrsPartner(clock);
        using var forum = new ForumPartner(clock);
        var now = clock.GetUtcNow();
        ams.Add(
            new AmsContact(50101, "ada.lovelace@example.org", "Ada", "Lovelace", "Professional", "Active", now.AddDays(-300)),
            new AmsContact(50102, "Grace.Hopper@Example.org", "Grace", "Hopper", "Professional", "Active", now.AddDays(-200)),
            new AmsContact(50103, "alan.turing@example.org", "Alan", "Turing", "Student", "Lapsed", now.AddDays(-100)),
            new AmsContact(50104, "katherine.johnson@example.org", "Katherine", "Johnson", "Professional", "PendingRenewal", now.AddDays(-2)));
        forum.User("50101", 11, "ada", "ada.lovelace@example.org");
        forum.User("50102", 12, "grace_h", "grace.hopper@example.org");
        forum.User("50104", 14, "kjohnson", "katherine.johnson@example.org");

        var admin = hub.Anonymous();
        (await admin.PostAsJsonAsync("/auth/sign-in", new { email = AdminEmail, password = AdminPassword })).EnsureSuccessStatusCode();
        var before = await (await admin.GetAsync("/api/v1/members")).ReadAsync<Page<JsonElement>>();
        Assert.Equal(0, before.TotalCount);

        // The association's program, through the API.
        var program = await (await admin.PostJsonAsync("/api/v1/programs", new ProgramWrite(
            "CPP", "Certified Professional Planner", ProgramKind.Certification, "The association's flagship certification.",
            "Pass the CPP exam.", null, "P3Y", new RecertificationWrite(30, 60, [new CeCategoryWrite("Ethics", 3, null), new CeCategoryWrite("Practice", null, 20)]),
            [], ExamRequired: true, EligibilityCriteria: null, Version: null)
        { Exam = new ExamRulesWrite(70, 3, 30) })).ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        (await admin.PostJsonAsync($"/api/v1/programs/{program.Id}/publish", new ProgramTransition(program.Version))).EnsureSuccessStatusCode();

        // Act 1: connect the three systems with the settings README documents, and test each.
        await SaveSettingsAsync(admin, "wild-apricot", new()
        {
            ["Enabled"] = "true", ["BaseUrl"] = ams.Url + "/", ["AuthUrl"] = ams.Url + "/", ["ApiKey"] = AmsPartner.ApiKey, ["AccountId"] = AmsPartner.AccountId.ToString(),
        });
        await SaveSettingsAsync(admin, "xapi", new()
        {
            ["Enabled"] = "true", ["BaseUrl"] = lrs.Endpoint, ["Key"] = LrsPartner.Key, ["Secret"] = LrsPartner.Secret,
        });
        await SaveSettingsAsync(admin, "discourse", new()
        {
            ["Enabled"] = "true", ["BaseUrl"] = forum.Url + "/", ["ApiKey"] = ForumPartner.ApiKey, ["ApiUsername"] = ForumPartner.ApiUsername,
        });
        foreach (var connector in new[] { "wild-apricot", "xapi", "discourse" })
        {
            var test = await (await admin.PostAsync($"/api/v1/connectors/{connector}/test", null)).ReadAsync<ConnectionTestResponse>();
            Assert.True(test.Succeeded, $"{connector}: {test.Outcome} {test.Detail}");
        }

        // Act 2: members arrive from the AMS (twice: the second sync changes nothing).
        await SyncAsync(admin, "wild-apricot");
        await SyncAsync(admin, "wild-apricot");

        // Act 3: the LMS already holds learning, read before the program's map exists. Grace's later sitting is stored
        // first; her earlier one arrives after it. Someone the AMS does not know completed an unmapped course.
        lrs.Store(
            LrsPartner.Completed("c0a1e7a2-0001-4a51-9a8e-000000000001", "50101", EthicsCourse, now.AddDays(-20)),
            LrsPartner.Exam("c0a1e7a2-0002-4a51-9a8e-000000000002", "50102", Exam, now.AddDays(-5), raw: 82),
            LrsPartner.Completed("c0a1e7a2-0003-4a51-9a8e-000000000003", "77777", UnmappedCourse, now.AddDays(-3)));
        clock.Advance(TimeSpan.FromMinutes(5));
        lrs.Store(LrsPartner.Exam("c0a1e7a2-0004-4a51-9a8e-000000000004", "50102", Exam, now.AddDays(-45), raw: 55));
        clock.Advance(TimeSpan.FromMinutes(5));
        await SyncAsync(admin, "xapi");
        var beforeMap = await hub.WithDbAsync(async db => (await db.ContinuingEducationCredits.CountAsync(), await db.ExamAttempts.CountAsync()));
        Assert.Equal((0, 0), beforeMap);

        // Act 4: staff map the program's learning through the API; the statements already read now count, once.
        var map = new LearningMapWrite([new ExamActivityWrite(Exam, null)], [new CourseCreditWrite(EthicsCourse, "Ethics", 3m)]);
        var current = await (await admin.GetAsync($"/api/v1/programs/{program.Id}/learning")).ReadAsync<ProgramLearningResponse>();
        var mapped = await (await admin.PutJsonAsync($"/api/v1/programs/{program.Id}/learning", map with { Version = current.Version })).ReadAsync<ProgramLearningResponse>();
        var afterMap = await CountsAsync(hub);
        var again = await (await admin.PutJsonAsync($"/api/v1/programs/{program.Id}/learning", map with { Version = mapped.Version })).ReadAsync<ProgramLearningResponse>();
        Assert.Equal(afterMap, await CountsAsync(hub));
        Assert.Equal((3, 0), (mapped.StatementsApplied, again.StatementsApplied));
        Assert.Equal((1, 2), (afterMap.Credits, afterMap.Attempts));

        // Act 5: the LMS voids Ada's completion, and Katherine fails her first sitting.
        clock.Advance(TimeSpan.FromMinutes(5));
        lrs.Store(
            LrsPartner.Voiding("c0a1e7a2-0005-4a51-9a8e-000000000005", "c0a1e7a2-0001-4a51-9a8e-000000000001", clock.GetUtcNow()),
            LrsPartner.Exam("c0a1e7a2-0006-4a51-9a8e-000000000006", "50104", Exam, clock.GetUtcNow().AddHours(-2), raw: 61));
        clock.Advance(TimeSpan.FromMinutes(5));
        await SyncAsync(admin, "xapi");
        await SyncAsync(admin, "xapi");

        // Act 6: everything owed to the community goes out; the forum's first write is rate-limited for a minute.
        forum.LimitNextWrite(60);
        await DeliverEverythingAsync(hub);

        // Assert: every member once (the unreadable contact skipped, not fatal).
        var members = await hub.WithDbAsync(db => db.Members.Select(m => m.AmsMemberId).ToListAsync());
        Assert.Equal(["50101", "50102", "50103", "50104"], members.Order());
        Assert.Equal(1, await hub.WithDbAsync(db => db.Programs.CountAsync()));

        // Every CE credit and attempt once, numbered by when it happened; the voided credit is gone, and said so.
        var state = await hub.WithDbAsync(async db => new
        {
            Credits = await db.ContinuingEducationCredits.Select(c => c.SourceRecordId).ToListAsync(),
            Attempts = await db.ExamAttempts.Join(db.Members, a => a.MemberId, m => m.Id, (a, m) => new { m.AmsMemberId, a.AttemptNumber, a.Passed, a.TakenAt, a.SourceRecordId })
                .OrderBy(a => a.AmsMemberId).ThenBy(a => a.AttemptNumber).ToListAsync(),
            Voided = await db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.CourseCompletionVoided),
            Reviews = await db.MemberMatchReviews.Select(r => r.ExternalIdentity).ToListAsync(),
            DeadLetters = await db.DeadLetters.Select(d => d.Reason).ToListAsync(),
            Undelivered = await db.OutboxMessages.Where(m => m.Status != OutboxStatus.Delivered)
                .Select(m => $"{m.Kind} {m.Status} after {m.Attempts} attempts, next at {m.NextAttemptAt:O}").ToListAsync(),
        });
        Assert.Empty(state.Credits);
        Assert.Equal(1, state.Voided);
        Assert.Equal(
            [("50102", 1, false), ("50102", 2, true), ("50104", 1, false)],
            state.Attempts.Select(a => (a.AmsMemberId, a.AttemptNumber, a.Passed)));
        Assert.Equal(3, state.Attempts.Select(a => a.SourceRecordId).Distinct().Count());
        Assert.Contains(state.Reviews, r => r.EndsWith("|77777", StringComparison.Ordinal));

        Assert.Empty(state.DeadLetters);
        Assert.Empty(state.Undelivered);

        // One grant per (user, badge), no message twice, and the messages say the attempt as it happened.
        Assert.Equal([new ForumGrant("grace_h", forum.Grants[0].BadgeId, program.Name)], forum.Grants);
        Assert.Equal(3, forum.Messages.Count);
        Assert.Equal(forum.Messages.Count, forum.Messages.Select(m => m.ExternalId).Distinct().Count());
        Assert.Contains(forum.Messages, m => m.Recipient == "grace_h" && m.Raw.Contains("Attempt 1 scored 55", StringComparison.Ordinal));
        Assert.Contains(forum.Messages, m => m.Recipient == "kjohnson" && m.Raw.Contains("Attempt 1 scored 61", StringComparison.Ordinal));

        // The rate limit held for the whole forum; nothing chunked was refused; nothing lost.
        Assert.Equal(1, forum.RateLimited);
        Assert.Equal(0, forum.WritesInsideWindow);
        Assert.Equal((0, 0, 0), (ams.ChunkedRefusals, lrs.ChunkedRefusals, forum.ChunkedRefusals));
    }

    private static async Task SaveSettingsAsync(HttpClient admin, string connector, Dictionary<string, string?> settings)
    {
        var saved = await admin.PutAsJsonAsync($"/api/v1/connectors/{connector}/settings", new ConnectorSettingsRequest(settings));
        Assert.True(saved.IsSuccessStatusCode, $"{connector}: {(int)saved.StatusCode} {await saved.Content.ReadAsStringAsync()}");
    }

    private static async Task SyncAsync(HttpClient admin, string connector)
    {
        var started = await (await admin.PostAsync($"/api/v1/connectors/{connector}/sync", null)).ReadAsync<SyncStartedResponse>();
        Assert.All(started.Runs, run => Assert.True(run.Status == "Succeeded", $"{run.Stream}: {run.Error}"));
    }

    private static Task<(int Credits, int Attempts, int Events)> CountsAsync(HubFactory hub) => hub.WithDbAsync(async db => (
        await db.ContinuingEducationCredits.CountAsync(),
        await db.ExamAttempts.CountAsync(),
        await db.DomainEvents.CountAsync()));

    // The delivery loop as every node runs it, with the clock moving ten seconds a round: writes inside the forum's
    // window would show in its count, and everything owed is out within a few minutes.
    private static async Task DeliverEverythingAsync(HubFactory hub)
    {
        var worker = hub.Services.GetRequiredService<DeliveryWorker>();
        for (var round = 0; round < 60; round++)
        {
            await worker.RunOnceAsync(CancellationToken.None);
            var pending = await hub.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending));
            var events = await hub.WithDbAsync(db => db.DomainEvents.CountAsync(e => e.HandledAt == null && e.HeldAt == null));
            if (pending == 0 && events == 0 && round > 0) return;
            hub.Clock.Advance(TimeSpan.FromSeconds(10));
        }
    }
}
