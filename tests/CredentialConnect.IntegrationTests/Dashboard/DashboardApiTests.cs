using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.Connectors;
using CredentialConnect.Web.Features.Dashboard;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Sync;
using CredentialConnect.Web.Features.Workflows;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CredentialConnect.IntegrationTests.Dashboard;

/// <summary>Each dashboard chart's figures against data whose answer is worked out by hand (see <see cref="DashboardData"/>).</summary>
public sealed class DashboardApiTests(HubFixture hub) : HubTest(hub)
{
    private async Task<(DashboardData Data, HttpClient Admin)> SeedAsync(Action<DashboardData, Web.Data.AppDbContext> rows, int members = 5)
    {
        var data = new DashboardData(Hub.Now);
        await Hub.WithDbAsync(async db =>
        {
            data.AddPeople(db, members);
            rows(data, db);
            await db.SaveChangesAsync();
        });
        return (data, await Hub.SignedInAsync(HubRoles.Admin));
    }

    private static string Period(DashboardData data, int from, int to, Guid? program = null) =>
        $"from={data.MonthName(from)}&to={data.MonthName(to)}" + (program is { } p ? $"&programId={p}" : "");

    [Fact]
    public async Task CredentialsIssued_CountsPerMonthOfThePeriod_ForOneProgramOrAll()
    {
        var (data, admin) = await SeedAsync((d, db) => db.Credentials.AddRange(
            d.Credential(d.A, 0, d.At(-2), null), d.Credential(d.A, 1, d.At(-2, 20), null), d.Credential(d.A, 2, d.At(0, 1), null),
            d.Credential(d.B, 0, d.At(-2), null), d.Credential(d.A, 3, d.At(-5), null)));

        var ofA = await (await admin.GetAsync($"/api/v1/dashboard/credentials-issued?{Period(data, -3, 0, data.A.Id)}")).ReadAsync<MonthCount[]>();
        var all = await (await admin.GetAsync($"/api/v1/dashboard/credentials-issued?{Period(data, -3, 0)}")).ReadAsync<MonthCount[]>();
        var lastTwelve = await (await admin.GetAsync("/api/v1/dashboard/credentials-issued?months=12")).ReadAsync<MonthCount[]>();

        Assert.Equal([new(data.MonthName(-3), 0), new(data.MonthName(-2), 2), new(data.MonthName(-1), 0), new(data.MonthName(0), 1)], ofA);
        Assert.Equal([0, 3, 0, 1], all.Select(m => m.Count));
        Assert.Equal(12, lastTwelve.Length);
        Assert.Equal(data.MonthName(0), lastTwelve[^1].Month);
        Assert.Equal(5, lastTwelve.Sum(m => m.Count));
    }

    [Fact]
    public async Task ThePeriod_IsRefusedWithTheFieldThatIsWrong()
    {
        var (data, admin) = await SeedAsync((_, _) => { }, members: 0);

        var unreadable = await (await admin.GetAsync("/api/v1/dashboard/exams?from=January")).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var backwards = await (await admin.GetAsync($"/api/v1/dashboard/renewals?from={data.MonthName(0)}&to={data.MonthName(-1)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var tooLong = await (await admin.GetAsync($"/api/v1/dashboard/engagement?from={data.MonthName(-61)}&to={data.MonthName(0)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(unreadable.FieldErrors("from"));
        Assert.NotEmpty(backwards.FieldErrors("to"));
        Assert.NotEmpty(tooLong.FieldErrors("from"));
    }

    [Fact]
    public async Task ApplicationsFunnel_FollowsTheApplicationsStartedInThePeriod()
    {
        var (data, admin) = await SeedAsync((d, db) => db.Applications.AddRange(
            d.Application(d.A, 0, d.At(-2)),
            d.Application(d.A, 1, d.At(-2), ApplicationStatus.Submitted),
            d.Application(d.A, 2, d.At(-1), ApplicationStatus.Submitted, ApplicationStatus.Approved),
            d.Application(d.A, 3, d.At(-1), ApplicationStatus.Submitted, ApplicationStatus.InReview, ApplicationStatus.Rejected),
            d.Application(d.B, 0, d.At(-1), ApplicationStatus.Submitted, ApplicationStatus.Approved),
            d.Application(d.A, 4, d.At(-6), ApplicationStatus.Submitted, ApplicationStatus.Approved)));

        var ofA = await (await admin.GetAsync($"/api/v1/dashboard/applications-funnel?{Period(data, -3, 0, data.A.Id)}")).ReadAsync<ApplicationsFunnelResponse>();
        var all = await (await admin.GetAsync($"/api/v1/dashboard/applications-funnel?{Period(data, -3, 0)}")).ReadAsync<ApplicationsFunnelResponse>();
        var empty = await (await admin.GetAsync($"/api/v1/dashboard/applications-funnel?{Period(data, -30, -20)}")).ReadAsync<ApplicationsFunnelResponse>();

        Assert.Equal(new ApplicationsFunnelResponse(4, 3, 1), ofA);
        Assert.Equal(new ApplicationsFunnelResponse(5, 4, 2), all);
        Assert.Equal(new ApplicationsFunnelResponse(0, 0, 0), empty);
    }

    [Fact]
    public async Task Exams_GiveThePassRate_AndHowManyWhoFailedRetookAndThenPassed()
    {
        var (data, admin) = await SeedAsync((d, db) => d.AddExams(db));

        var ofA = await (await admin.GetAsync($"/api/v1/dashboard/exams?{Period(data, -3, 0, data.A.Id)}")).ReadAsync<ExamFiguresResponse>();
        var all = await (await admin.GetAsync($"/api/v1/dashboard/exams?{Period(data, -3, 0)}")).ReadAsync<ExamFiguresResponse>();

        AssertExamsOfA(data, ofA);
        Assert.Equal((8, 3, 0.375m), (all.Attempts, all.Passed, all.PassRate));
        Assert.Equal(new RetakeConversion(4, 2, 1, 0.5m, 0.5m), all.Retakes);
    }

    internal static void AssertExamsOfA(DashboardData data, ExamFiguresResponse ofA)
    {
        Assert.Equal((7, 3, 0.4286m), (ofA.Attempts, ofA.Passed, ofA.PassRate));
        Assert.Equal([new(data.MonthName(-3), 1, 1), new(data.MonthName(-2), 2, 0), new(data.MonthName(-1), 3, 2), new(data.MonthName(0), 1, 0)], ofA.Months);
        Assert.Equal(new RetakeConversion(3, 2, 1, 0.6667m, 0.5m), ofA.Retakes);
    }

    [Fact]
    public async Task Renewals_CountTheCyclesEndingEachMonth_AndThoseRenewed()
    {
        var (data, admin) = await SeedAsync((d, db) => d.AddCycles(db, Hub.Now));

        var ofA = await (await admin.GetAsync($"/api/v1/dashboard/renewals?{Period(data, -3, 1, data.A.Id)}")).ReadAsync<RenewalMonth[]>();
        var all = await (await admin.GetAsync($"/api/v1/dashboard/renewals?{Period(data, -3, 1)}")).ReadAsync<RenewalMonth[]>();

        AssertRenewalsOfA(data, ofA);
        Assert.Equal([(0, 0), (2, 1), (2, 0), (0, 0), (1, 0)], all.Select(m => (m.Due, m.Done)));
    }

    internal static void AssertRenewalsOfA(DashboardData data, RenewalMonth[] ofA) => Assert.Equal(
        [new(data.MonthName(-3), 0, 0), new(data.MonthName(-2), 1, 1), new(data.MonthName(-1), 2, 0), new(data.MonthName(0), 0, 0), new(data.MonthName(1), 1, 0)],
        ofA);

    [Fact]
    public async Task LapseRate_IsTheCyclesThatLapsedOverThoseThatEnded()
    {
        var (data, admin) = await SeedAsync((d, db) => d.AddCycles(db, Hub.Now));

        var ofA = await (await admin.GetAsync($"/api/v1/dashboard/lapse-rate?{Period(data, -3, 1, data.A.Id)}")).ReadAsync<LapseRateResponse>();
        var all = await (await admin.GetAsync($"/api/v1/dashboard/lapse-rate?{Period(data, -3, 1)}")).ReadAsync<LapseRateResponse>();
        var none = await (await admin.GetAsync($"/api/v1/dashboard/lapse-rate?{Period(data, 1, 2)}")).ReadAsync<LapseRateResponse>();

        AssertLapsesOfA(ofA);
        Assert.Equal((4, 2, 0.5m), (all.Due, all.Lapsed, all.Rate));
        Assert.Equal((0, 0, null), (none.Due, none.Lapsed, none.Rate));
    }

    internal static void AssertLapsesOfA(LapseRateResponse ofA)
    {
        Assert.Equal((3, 1, 0.3333m), (ofA.Due, ofA.Lapsed, ofA.Rate));
        Assert.Equal([(0, 0), (1, 0), (2, 1), (0, 0), (0, 0)], ofA.Months.Select(m => (m.Due, m.Lapsed)));
    }

    [Fact]
    public async Task Engagement_CountsDownloadsSharesAndVerifications_OncePerRequest()
    {
        Web.Features.Credentials.Credential ofA = null!, ofB = null!;
        var (data, admin) = await SeedAsync((d, db) =>
        {
            (ofA, ofB) = (d.Credential(d.A, 0, Hub.Now.AddDays(-1), null), d.Credential(d.B, 1, Hub.Now.AddDays(-1), null));
            db.Credentials.AddRange(ofA, ofB);
        });
        var anyone = Hub.Anonymous();

        foreach (var file in new[] { "badge.png", "badge.svg", "badge.json", "certificate.pdf" })
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/credentials/{ofA.Id}/{file}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/credentials/{ofA.Id}/share")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync($"/api/v1/verify/{ofA.Number}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync($"/verify/{ofA.Number}")).StatusCode);
        // The badge's id only redirects; the page it leads to is the view, counted once there.
        Assert.Equal(HttpStatusCode.Redirect, (await anyone.GetAsync($"/credentials/{ofA.Number}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/credentials/{ofB.Id}/badge.png")).StatusCode);
        // Nothing is counted for what was not there.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/credentials/{Guid.NewGuid()}/badge.png")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync("/api/v1/verify/CERT-2024-999999")).StatusCode);

        var all = await (await admin.GetAsync("/api/v1/dashboard/engagement?months=3")).ReadAsync<EngagementResponse>();
        var a = await (await admin.GetAsync($"/api/v1/dashboard/engagement?months=3&programId={data.A.Id}")).ReadAsync<EngagementResponse>();
        var channels = await Hub.WithDbAsync(db => db.BadgeEngagements.Where(e => e.CredentialId == ofA.Id).OrderBy(e => e.Id).Select(e => e.Channel).ToListAsync());

        Assert.Equal((5, 1, 2), (all.Downloads, all.LinkedInShares, all.VerificationViews));
        Assert.Equal(new EngagementMonth(data.MonthName(0), 5, 1, 2), all.Months[^1]);
        Assert.Equal((4, 1, 2), (a.Downloads, a.LinkedInShares, a.VerificationViews));
        Assert.Equal(["png", "svg", "json", "pdf", "linkedin", "api", "page"], channels);
    }

    [Fact]
    public async Task Counting_ThatFails_LeavesTheRequestToSucceed()
    {
        var broken = new ServiceCollection().AddScoped<Web.Data.AppDbContext>(_ => throw new InvalidOperationException("The database is away."))
            .BuildServiceProvider();
        var engagements = new BadgeEngagements(broken.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, NullLogger<BadgeEngagements>.Instance);
        var http = new DefaultHttpContext();

        var counting = await Record.ExceptionAsync(() => engagements.CountAsync(http, Guid.NewGuid(), EngagementKind.Download, "png"));

        Assert.Null(counting);
    }

    [Fact]
    public async Task Attention_CountsWhatWaits_WithTheScreenThatResolvesIt_AndAReviewerSeesOnlyTheirs()
    {
        var (data, admin) = await SeedAsync((d, db) =>
        {
            var now = Hub.Now;
            var waiting = d.Application(d.A, 0, now.AddDays(-12), ApplicationStatus.Submitted);
            var recent = d.Application(d.A, 1, now.AddDays(-3), ApplicationStatus.Submitted);
            var inReview = d.Application(d.B, 2, now.AddDays(-10), ApplicationStatus.Submitted, ApplicationStatus.InReview);
            db.Applications.AddRange(waiting, recent, inReview);
            var message = new OutboxMessage { Kind = OutboxKinds.Email, IdempotencyKey = "dash-1", Payload = "{}", CreatedAt = now, NextAttemptAt = now };
            var replayedMessage = new OutboxMessage { Kind = OutboxKinds.Email, IdempotencyKey = "dash-2", Payload = "{}", CreatedAt = now, NextAttemptAt = now };
            db.OutboxMessages.AddRange(message, replayedMessage);
            db.DeadLetters.AddRange(
                new DeadLetter { OutboxMessageId = message.Id, Kind = OutboxKinds.Email, Reason = "Refused.", DeadLetteredAt = now },
                new DeadLetter { OutboxMessageId = replayedMessage.Id, Kind = OutboxKinds.Email, Reason = "Refused.", DeadLetteredAt = now, ReplayedAt = now });
            db.SyncStreams.Add(new SyncStream { Name = "wild-apricot/members", Connector = "wild-apricot", LastError = "401 Unauthorized" });
            db.PartnerPauses.AddRange(
                new PartnerPause { Connector = "wild-apricot", PausedUntil = now.AddMinutes(5), Reason = "429", UpdatedAt = now },
                new PartnerPause { Connector = "discourse", PausedUntil = now.AddMinutes(5), Reason = "429", UpdatedAt = now },
                new PartnerPause { Connector = "moodle", PausedUntil = now.AddMinutes(-5), Reason = "429", UpdatedAt = now });
            db.DomainEvents.AddRange(
                new DomainEvent { Type = DomainEventTypes.ExamPassed, OccurredAt = now, HeldAt = now },
                new DomainEvent { Type = DomainEventTypes.ExamPassed, OccurredAt = now });
            db.MemberMatchReviews.AddRange(
                new MemberMatchReview { Source = "wild-apricot", ExternalIdentity = "1", Reason = "Two members share the email.", RaisedAt = now },
                new MemberMatchReview { Source = "wild-apricot", ExternalIdentity = "2", Reason = "No member.", RaisedAt = now, Status = MatchReviewStatus.Dismissed });
            db.WorkflowInstances.Add(new WorkflowInstance { Id = Guid.NewGuid(), DefinitionId = "nurture", State = "{}", OpenIncidents = 1, CreatedAt = now, UpdatedAt = now });
        });
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);

        var all = await (await admin.GetAsync("/api/v1/dashboard/attention")).ReadAsync<AttentionResponse>();
        var ofA = await (await admin.GetAsync($"/api/v1/dashboard/attention?programId={data.A.Id}")).ReadAsync<AttentionResponse>();
        var reviewers = await (await reviewer.GetAsync("/api/v1/dashboard/attention")).ReadAsync<AttentionResponse>();

        Assert.Equal(7, all.WaitingDays);
        Assert.Equal(new Dictionary<string, (int, string)>
        {
            ["applications-waiting"] = (2, "/admin/applications?status=waiting&olderThanDays=7"),
            ["ce-audits"] = (0, "/admin/ce-audits"),
            ["workflow-incidents"] = (1, "/admin/workflows/incidents"),
            ["dead-letters"] = (1, "/admin/connectors/dead-letters"),
            ["connectors"] = (2, "/admin/connectors"),
            ["held-events"] = (1, "/admin/connectors/held-events"),
            ["match-reviews"] = (1, "/admin/connectors/match-reviews"),
        }, all.Items.ToDictionary(i => i.Key, i => (i.Count, i.Link)));
        Assert.Equal(1, ofA.Items.Single(i => i.Key == "applications-waiting").Count);
        Assert.Equal(["applications-waiting", "ce-audits"], reviewers.Items.Select(i => i.Key));
    }
}
