using System.Net;
using System.Text;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.ContinuingEducation;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.ContinuingEducation;

public sealed class CeCreditsApiTests(HubFixture hub) : HubTest(hub)
{
    private object Credit(object hours, DateTimeOffset? earnedAt = null) => new
    {
        activity = "Ethics in practice", category = "Ethics", hours, earnedAt = earnedAt ?? Hub.Now.AddDays(-2), evidence = "https://example.org/cert.pdf",
    };

    [Fact]
    public async Task Report_WithNonNumericHours_Returns400NamingHours()
    {
        var member = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);

        var response = await client.PostAsync("/api/v1/ce-credits", new StringContent(
            """{"activity":"Ethics","category":"Ethics","hours":"ten","earnedAt":"2026-05-01T00:00:00Z","evidence":"certificate"}""",
            Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains("a number", Assert.Single(problem.FieldErrors("hours")));
        Assert.Equal(0, await Hub.WithDbAsync(db => db.ContinuingEducationCredits.CountAsync()));
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(0)]
    [InlineData(100000)]
    public async Task Report_WithImpossibleHours_Returns400NamingHours(decimal hours)
    {
        var member = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);

        var problem = await (await client.PostJsonAsync("/api/v1/ce-credits", Credit(hours))).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Single(problem.FieldErrors("hours"));
    }

    [Fact]
    public async Task Report_EarnedInTheFuture_Returns400NamingEarnedAt()
    {
        var member = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);

        var problem = await (await client.PostJsonAsync("/api/v1/ce-credits", Credit(2, Hub.Now.AddDays(1))))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("future", Assert.Single(problem.FieldErrors("earnedAt")));
    }

    [Fact]
    public async Task Report_ByAMember_IsSelfReportedAndPendingReview()
    {
        var member = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);

        var credit = await (await client.PostJsonAsync("/api/v1/ce-credits", Credit(1.5m))).ReadAsync<CeCreditResponse>(HttpStatusCode.Created);

        Assert.Equal((member.Id, CreditSource.SelfReported, CreditReviewStatus.Pending, 1.5m), (credit.MemberId, credit.Source, credit.ReviewStatus, credit.Hours));
    }

    [Fact]
    public async Task Report_SameSourceEventTwice_ReturnsTheExistingCreditAndAddsNothing()
    {
        var member = await Hub.AddMemberAsync();
        var (client, _) = await Hub.WithApiKeyAsync(ApiScopes.LifecycleWrite);
        var body = new { memberId = member.Id, activity = "Grant writing", category = "General", hours = 3, earnedAt = Hub.Now.AddDays(-1),
            source = "Lms", sourceRecordId = "stmt-0001" };

        var first = await (await client.PostJsonAsync("/api/v1/ce-credits", body)).ReadAsync<CeCreditResponse>(HttpStatusCode.Created);
        var repeat = await (await client.PostJsonAsync("/api/v1/ce-credits", body)).ReadAsync<CeCreditResponse>(HttpStatusCode.OK);

        Assert.Equal(first.Id, repeat.Id);
        Assert.Equal(CreditReviewStatus.NotRequired, repeat.ReviewStatus);
        Assert.Equal(1, await Hub.WithDbAsync(db => db.ContinuingEducationCredits.CountAsync()));
    }

    [Fact]
    public async Task Report_WithAnotherMembersSourceRecordId_CreatesTheirOwnCredit_AndNeverShowsTheOtherMembersCredit()
    {
        var (a, b) = (await Hub.AddMemberAsync(), await Hub.AddMemberAsync());
        var aCredit = await (await (await Hub.SignedInAsync(HubRoles.Member, a.Id)).PostJsonAsync("/api/v1/ce-credits", new
        {
            activity = "Ethics in practice", category = "Ethics", hours = 3, earnedAt = Hub.Now.AddDays(-3),
            evidence = "https://example.org/a-certificate.pdf", sourceRecordId = "cert-0042",
        })).ReadAsync<CeCreditResponse>(HttpStatusCode.Created);
        var bClient = await Hub.SignedInAsync(HubRoles.Member, b.Id);

        var response = await bClient.PostJsonAsync("/api/v1/ce-credits", new
        {
            activity = "Board governance", category = "Governance", hours = 1.5m, earnedAt = Hub.Now.AddDays(-1),
            evidence = "https://example.org/b-transcript.pdf", sourceRecordId = "cert-0042",
        });

        var bCredit = await response.ReadAsync<CeCreditResponse>(HttpStatusCode.Created);
        Assert.NotEqual(aCredit.Id, bCredit.Id);
        Assert.Equal((b.Id, "Board governance", 1.5m, "https://example.org/b-transcript.pdf"),
            (bCredit.MemberId, bCredit.Activity, bCredit.Hours, bCredit.Evidence));
        var stored = await Hub.WithDbAsync(db => db.ContinuingEducationCredits.AsNoTracking().SingleAsync(c => c.Id == aCredit.Id));
        Assert.Equal((a.Id, "Ethics in practice", 3m, "https://example.org/a-certificate.pdf"), (stored.MemberId, stored.Activity, stored.Hours, stored.Evidence));
        var bSees = await (await bClient.GetAsync("/api/v1/ce-credits")).ReadAsync<Page<CeCreditResponse>>();
        Assert.Equal(bCredit.Id, Assert.Single(bSees.Items).Id);
    }

    [Fact]
    public async Task Review_RejectWithoutReason_Returns400_AndWithReasonRecordsIt()
    {
        var member = await Hub.AddMemberAsync();
        var reported = await (await (await Hub.SignedInAsync(HubRoles.Member, member.Id)).PostJsonAsync("/api/v1/ce-credits", Credit(2)))
            .ReadAsync<CeCreditResponse>(HttpStatusCode.Created);
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);

        var noReason = await (await reviewer.PostJsonAsync($"/api/v1/ce-credits/{reported.Id}/review", new { decision = "Reject" }))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var rejected = await (await reviewer.PostJsonAsync($"/api/v1/ce-credits/{reported.Id}/review", new { decision = "Reject", reason = "The certificate is for another person." }))
            .ReadAsync<CeCreditResponse>();

        Assert.Single(noReason.FieldErrors("reason"));
        Assert.Equal((CreditReviewStatus.Rejected, "The certificate is for another person."), (rejected.ReviewStatus, rejected.ReviewReason));
    }

    [Fact]
    public async Task List_AsAMember_ShowsOnlyTheirOwnCredits()
    {
        var (mine, theirs) = (await Hub.AddMemberAsync(), await Hub.AddMemberAsync());
        await (await Hub.SignedInAsync(HubRoles.Member, theirs.Id)).PostJsonAsync("/api/v1/ce-credits", Credit(2));
        var client = await Hub.SignedInAsync(HubRoles.Member, mine.Id);
        await client.PostJsonAsync("/api/v1/ce-credits", Credit(1));

        var page = await (await client.GetAsync("/api/v1/ce-credits?status=pending")).ReadAsync<Page<CeCreditResponse>>();

        Assert.Equal(mine.Id, Assert.Single(page.Items).MemberId);
    }
}
