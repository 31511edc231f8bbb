using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Applications;

public sealed class ReviewQueueTests(HubFixture hub, ApplicationsHub applications) : ApplicationsTest(hub, applications)
{
    [Fact]
    public async Task Decide_ADraft_Returns409()
    {
        var program = await ProgramAsync();
        var (_, member) = await MemberAsync();
        var draft = await StartAsync(member, program.Id);
        var reviewer = await ReviewerAsync();

        var problem = await (await reviewer.PostJsonAsync($"{Url}/{draft.Id}/approve", new { version = draft.Version }))
            .ProblemAsync(HttpStatusCode.Conflict, Problems.InvalidTransition);

        Assert.Contains("only once they are InReview", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Reject_WithoutAReasonOrVersion_Returns400NamingBoth()
    {
        var (application, _, _) = await InReviewAsync();
        var reviewer = await ReviewerAsync();

        var problem = await (await reviewer.PostJsonAsync($"{Url}/{application.Id}/reject", new { reason = "  " }))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("reason"));
        Assert.NotEmpty(problem.FieldErrors("version"));
    }

    [Fact]
    public async Task Reject_RecordsTheReviewerAndReasonAndRaisesTheEvent()
    {
        var (application, memberId, _) = await InReviewAsync();
        var reviewer = await ReviewerAsync();

        var rejected = await (await reviewer.PostJsonAsync($"{Url}/{application.Id}/reject", new { reason = "Two years short.", version = application.Version }))
            .ReadAsync<ApplicationResponse>();

        Assert.Equal(ApplicationStatus.Rejected, rejected.Status);
        Assert.StartsWith("staff:reviewer-", rejected.DecidedBy);
        Assert.Equal((rejected.DecidedBy, "Two years short."), (rejected.History[^1].ChangedBy, rejected.History[^1].Reason));
        var raised = await Factory.WithDbAsync(db => db.DomainEvents.SingleAsync(e => e.MemberId == memberId && e.Type == DomainEventTypes.ApplicationRejected));
        Assert.Equal(("Two years short.", rejected.DecidedBy), (raised.Read<ApplicationEventData>().Reason, raised.Read<ApplicationEventData>().DecidedBy));
    }

    [Fact]
    public async Task TwoReviewersDecidingFromTheSameVersion_TheFirstWinsAndTheSecondGets409()
    {
        var (application, _, _) = await InReviewAsync();
        var first = await ReviewerAsync();
        var second = await ReviewerAsync();
        var readByBoth = (await (await first.GetAsync($"{Url}/{application.Id}")).ReadAsync<ApplicationResponse>()).Version;

        var approved = await first.PostJsonAsync($"{Url}/{application.Id}/approve", new { version = readByBoth });
        var rejected = await second.PostJsonAsync($"{Url}/{application.Id}/reject", new { reason = "Incomplete.", version = readByBoth });

        Assert.Equal(ApplicationStatus.Approved, (await approved.ReadAsync<ApplicationResponse>()).Status);
        Assert.Equal(HttpStatusCode.Conflict, rejected.StatusCode);
        var stored = await Factory.WithDbAsync(db => db.Applications.Include(a => a.History).SingleAsync(a => a.Id == application.Id));
        Assert.Equal(ApplicationStatus.Approved, stored.Status);
        Assert.Single(stored.History, h => h.To is ApplicationStatus.Approved or ApplicationStatus.Rejected);
    }

    [Fact]
    public async Task TwoReviewersDecidingAtOnce_ExactlyOneSucceedsEveryTime()
    {
        var program = await ProgramAsync(criteria: null);
        var first = await ReviewerAsync();
        var second = await ReviewerAsync();

        for (var round = 0; round < 5; round++)
        {
            var (application, memberId, _) = await InReviewAsync(program);

            var responses = await Task.WhenAll(
                first.PostJsonAsync($"{Url}/{application.Id}/approve", new { version = application.Version }),
                second.PostJsonAsync($"{Url}/{application.Id}/reject", new { reason = "Not enough experience.", version = application.Version }));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Conflict);
            var decisions = await Factory.WithDbAsync(db => db.DomainEvents.CountAsync(e => e.MemberId == memberId
                && (e.Type == DomainEventTypes.ApplicationApproved || e.Type == DomainEventTypes.ApplicationRejected)));
            Assert.Equal(1, decisions);
        }
    }

    [Fact]
    public async Task Queue_FiltersByStatusProgramAndAssignee_AndPagesInTheOrderAsked()
    {
        var program = await ProgramAsync();
        var other = await ProgramAsync();
        var reviewer = await ReviewerAsync();
        var (a, _, _) = await InReviewAsync(program);
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var (b, _, _) = await InReviewAsync(program);
        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var (c, _, _) = await InReviewAsync(other);
        await (await reviewer.PostJsonAsync($"{Url}/{b.Id}/assign", new { reviewerId = "me" })).ReadAsync<ApplicationResponse>();

        var mine = await (await reviewer.GetAsync($"{Url}?assignee=me")).ReadAsync<Page<ApplicationSummary>>();
        var unassigned = await (await reviewer.GetAsync($"{Url}?assignee=unassigned&status=inreview&sort=-submittedAt")).ReadAsync<Page<ApplicationSummary>>();
        var byProgram = await (await reviewer.GetAsync($"{Url}?programId={program.Id}&pageSize=1&page=2&sort=createdAt")).ReadAsync<Page<ApplicationSummary>>();
        var badStatus = await reviewer.GetAsync($"{Url}?status=pending");

        Assert.Equal(b.Id, Assert.Single(mine.Items).Id);
        Assert.Equal([c.Id, a.Id], unassigned.Items.Select(i => i.Id));
        Assert.Equal((2, b.Id), (byProgram.TotalCount, Assert.Single(byProgram.Items).Id));
        Assert.NotEmpty((await badStatus.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).FieldErrors("status"));
    }

    [Fact]
    public async Task Assign_ToAnAccountThatIsNotAReviewer_Returns400()
    {
        var (application, _, _) = await InReviewAsync();
        var reviewer = await ReviewerAsync();

        var problem = await (await reviewer.PostJsonAsync($"{Url}/{application.Id}/assign", new { reviewerId = "no-such-account" }))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("reviewerId"));
    }

    [Fact]
    public async Task Member_CannotDecideEvenTheirOwnApplication()
    {
        var (application, _, member) = await InReviewAsync();

        var response = await member.PostJsonAsync($"{Url}/{application.Id}/approve", new { version = application.Version });

        await response.ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
    }

    [Fact]
    public async Task Queue_ForAMember_ShowsOnlyTheirOwnApplications()
    {
        var program = await ProgramAsync();
        var (mine, memberId, member) = await InReviewAsync(program);
        await InReviewAsync(program);

        var page = await (await member.GetAsync(Url)).ReadAsync<Page<ApplicationSummary>>();
        var staffView = await (await (await Factory.SignedInAsync(HubRoles.Admin)).GetAsync(Url)).ReadAsync<Page<ApplicationSummary>>();

        Assert.Equal((memberId, mine.Id), (Assert.Single(page.Items).MemberId, page.Items[0].Id));
        Assert.Equal(2, staffView.TotalCount);
    }
}
