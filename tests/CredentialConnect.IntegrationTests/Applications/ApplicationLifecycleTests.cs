using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Applications;

public sealed class ApplicationLifecycleTests(HubFixture hub, ApplicationsHub applications) : ApplicationsTest(hub, applications)
{
    [Fact]
    public async Task Start_AsMember_CreatesADraftForThemselfWithItsFirstHistoryStep()
    {
        var program = await ProgramAsync();
        var (memberId, member) = await MemberAsync();

        var created = await StartAsync(member, program.Id);

        Assert.Equal((ApplicationStatus.Draft, memberId, program.Id), (created.Status, created.MemberId, created.ProgramId));
        Assert.Equal("IL1234", created.Answers.GetProperty("licenceNumber").GetString());
        var step = Assert.Single(created.History);
        Assert.Equal((null, ApplicationStatus.Draft), (step.From, step.To));
        Assert.StartsWith("member:", step.ChangedBy);
    }

    [Fact]
    public async Task Start_WithAnswersThatBreakTheForm_Returns400KeyedByEachAnswerPathAndStoresNothing()
    {
        var program = await ProgramAsync();
        var (_, member) = await MemberAsync();
        var answers = new { licenceNumber = "12", yearsOfExperience = "many", employers = new object[] { new { name = "Acme" }, new { name = "" } }, nickname = "Ace" };

        var problem = await (await member.PostJsonAsync(Url, new { programId = program.Id, answers })).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("answers.licenceNumber"));
        Assert.NotEmpty(problem.FieldErrors("answers.yearsOfExperience"));
        Assert.NotEmpty(problem.FieldErrors("answers.employers[1].name"));
        Assert.Contains("not a field of the form", Assert.Single(problem.FieldErrors("answers.nickname")));
        Assert.Equal(0, await CountAsync<Application>());
    }

    [Fact]
    public async Task Submit_WithARequiredAnswerMissing_Returns400NamingItAndStaysDraft()
    {
        var program = await ProgramAsync();
        var (_, member) = await MemberAsync();
        var draft = await StartAsync(member, program.Id, new { yearsOfExperience = 4, employers = new[] { new { } } });

        var problem = await (await member.PostJsonAsync($"{Url}/{draft.Id}/submit", new { })).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Equal("This answer is required.", Assert.Single(problem.FieldErrors("answers.licenceNumber")));
        Assert.Equal("This answer is required.", Assert.Single(problem.FieldErrors("answers.employers[0].name")));
        var read = await (await member.GetAsync($"{Url}/{draft.Id}")).ReadAsync<ApplicationResponse>();
        Assert.Equal(ApplicationStatus.Draft, read.Status);
    }

    [Fact]
    public async Task Submit_WhenCriteriaPass_AutoApprovesWithTheExplanationAndRaisesBothEvents()
    {
        var program = await ProgramAsync();
        var (memberId, member) = await MemberAsync();
        var draft = await StartAsync(member, program.Id);
        Eligibility.Eligible = true;

        var decided = await SubmitAsync(member, draft.Id);

        Assert.Equal(ApplicationStatus.Approved, decided.Status);
        Assert.Equal(Application.AutoApprover, decided.DecidedBy);
        Assert.True(decided.Eligibility!.Eligible);
        Assert.Equal("At least 3 years of experience", decided.Eligibility.Criteria!.Requirement);
        Assert.Equal([ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.Approved], decided.History.Select(h => h.To));
        var call = Assert.Single(Eligibility.Calls);
        Assert.Equal((memberId, program.Id), (call.MemberId, call.ProgramId));
        Assert.Contains("IL1234", call.Answers);

        var events = await Factory.WithDbAsync(db => db.DomainEvents.Where(e => e.MemberId == memberId).OrderBy(e => e.Type).ToListAsync());
        Assert.Equal([DomainEventTypes.ApplicationApproved, DomainEventTypes.ApplicationSubmitted], events.Select(e => e.Type));
        var approved = events[0].Read<ApplicationEventData>();
        Assert.Equal((draft.Id, program.Code, Application.AutoApprover), (approved.ApplicationId, approved.ProgramCode, approved.DecidedBy));
    }

    [Fact]
    public async Task Submit_WhenCriteriaAreNotMet_GoesToReviewWithTheExplanationForTheReviewer()
    {
        var program = await ProgramAsync();
        var (_, member) = await MemberAsync();
        var draft = await StartAsync(member, program.Id);

        var submitted = await SubmitAsync(member, draft.Id);
        var reviewer = await ReviewerAsync();
        var seen = await (await reviewer.GetAsync($"{Url}/{draft.Id}")).ReadAsync<ApplicationResponse>();

        Assert.Equal(ApplicationStatus.InReview, submitted.Status);
        Assert.Null(seen.DecidedBy);
        Assert.Equal("2 more years", seen.Eligibility!.Criteria!.Gap);
        Assert.Contains("33% ready", seen.History[^1].Reason);
    }

    [Fact]
    public async Task Submit_ForAProgramWithoutCriteria_GoesToReviewWithoutEvaluating()
    {
        var program = await ProgramAsync(criteria: null);
        var (_, member) = await MemberAsync();

        var submitted = await SubmitAsync(member, (await StartAsync(member, program.Id)).Id);

        Assert.Equal(ApplicationStatus.InReview, submitted.Status);
        Assert.Null(submitted.Eligibility);
        Assert.Empty(Eligibility.Calls);
    }

    [Theory]
    [InlineData(ProgramStatus.Draft)]
    [InlineData(ProgramStatus.Retired)]
    public async Task Start_ForAProgramThatIsNotPublished_Returns409(ProgramStatus status)
    {
        var program = await ProgramAsync(status: status);
        var (_, member) = await MemberAsync();

        var problem = await (await member.PostJsonAsync(Url, new { programId = program.Id, answers = ValidAnswers }))
            .ProblemAsync(HttpStatusCode.Conflict, Problems.InvalidTransition);

        Assert.Contains("only published programs", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Start_WhileAnotherApplicationToTheProgramIsOpen_Returns409()
    {
        var program = await ProgramAsync();
        var (_, member) = await MemberAsync();
        await SubmitAsync(member, (await StartAsync(member, program.Id)).Id);

        var problem = await (await member.PostJsonAsync(Url, new { programId = program.Id, answers = ValidAnswers }))
            .ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);

        Assert.Contains("already has an open application", problem.GetProperty("detail").GetString());
        Assert.Equal(1, await CountAsync<Application>());
    }

    [Fact]
    public async Task Start_TwiceAtOnce_StoresOneApplicationAndAnswersTheOther409()
    {
        var program = await ProgramAsync();
        var (_, member) = await MemberAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => member.PostJsonAsync(Url, new { programId = program.Id, answers = ValidAnswers })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await CountAsync<Application>());
    }

    [Fact]
    public async Task Reapply_AfterRejection_StartsANewApplicationAndKeepsTheOldWithItsHistory()
    {
        var program = await ProgramAsync();
        var (first, memberId, member) = await InReviewAsync(program);
        var reviewer = await ReviewerAsync();
        await (await reviewer.PostJsonAsync($"{Url}/{first.Id}/reject", new { reason = "Licence could not be verified.", version = first.Version }))
            .ReadAsync<ApplicationResponse>();

        var second = await StartAsync(member, program.Id);
        var old = await (await member.GetAsync($"{Url}/{first.Id}")).ReadAsync<ApplicationResponse>();
        var mine = await (await member.GetAsync($"{Url}?programId={program.Id}")).ReadAsync<Page<ApplicationSummary>>();

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(ApplicationStatus.Rejected, old.Status);
        Assert.Equal("Licence could not be verified.", old.DecisionReason);
        Assert.Equal([ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.InReview, ApplicationStatus.Rejected], old.History.Select(h => h.To));
        Assert.Equal("Licence could not be verified.", old.History[^1].Reason);
        Assert.Equal(2, mine.TotalCount);
        Assert.All(mine.Items, a => Assert.Equal(memberId, a.MemberId));
    }

    [Fact]
    public async Task Withdraw_WhileInReview_RecordsWhoAndWhyAndRaisesTheEvent()
    {
        var (application, memberId, member) = await InReviewAsync();

        var withdrawn = await (await member.PostJsonAsync($"{Url}/{application.Id}/withdraw", new { reason = "Moving abroad." })).ReadAsync<ApplicationResponse>();

        Assert.Equal(ApplicationStatus.Withdrawn, withdrawn.Status);
        Assert.Equal("Moving abroad.", withdrawn.History[^1].Reason);
        var raised = await Factory.WithDbAsync(db => db.DomainEvents.SingleAsync(e => e.MemberId == memberId && e.Type == DomainEventTypes.ApplicationWithdrawn));
        Assert.Equal("Moving abroad.", raised.Read<ApplicationEventData>().Reason);
    }

    [Fact]
    public async Task Withdraw_AfterTheDecision_Returns409()
    {
        var (application, _, member) = await InReviewAsync();
        var reviewer = await ReviewerAsync();
        await (await reviewer.PostJsonAsync($"{Url}/{application.Id}/approve", new { version = application.Version })).ReadAsync<ApplicationResponse>();

        var problem = await (await member.PostJsonAsync($"{Url}/{application.Id}/withdraw", new { })).ProblemAsync(HttpStatusCode.Conflict, Problems.InvalidTransition);

        Assert.Contains("already approved", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ReplaceAnswers_WhileDraft_NeedsTheVersionAndRefusesAStaleOne()
    {
        var program = await ProgramAsync();
        var (_, member) = await MemberAsync();
        var draft = await StartAsync(member, program.Id);

        var missing = await member.PutJsonAsync($"{Url}/{draft.Id}", new { answers = ValidAnswers });
        var updated = await (await member.PutJsonAsync($"{Url}/{draft.Id}", new { answers = new { licenceNumber = "NY9999" }, version = draft.Version }))
            .ReadAsync<ApplicationResponse>();
        var stale = await member.PutJsonAsync($"{Url}/{draft.Id}", new { answers = ValidAnswers, version = draft.Version });

        Assert.NotEmpty((await missing.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).FieldErrors("version"));
        Assert.Equal("NY9999", updated.Answers.GetProperty("licenceNumber").GetString());
        await stale.ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
    }

    [Fact]
    public async Task Member_ActingOnAnotherMembersApplication_Gets404AndChangesNothing()
    {
        var program = await ProgramAsync();
        var (_, owner) = await MemberAsync();
        var (_, other) = await MemberAsync();
        var draft = await StartAsync(owner, program.Id);

        var responses = new[]
        {
            await other.GetAsync($"{Url}/{draft.Id}"),
            await other.PutJsonAsync($"{Url}/{draft.Id}", new { answers = ValidAnswers, version = draft.Version }),
            await other.PostJsonAsync($"{Url}/{draft.Id}/submit", new { }),
            await other.PostJsonAsync($"{Url}/{draft.Id}/withdraw", new { }),
            await other.GetAsync($"{Url}/{draft.Id}/evidence"),
        };
        var list = await (await other.GetAsync(Url)).ReadAsync<Page<ApplicationSummary>>();

        foreach (var response in responses) await response.ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        Assert.Equal(0, list.TotalCount);
        var read = await (await owner.GetAsync($"{Url}/{draft.Id}")).ReadAsync<ApplicationResponse>();
        Assert.Equal((ApplicationStatus.Draft, draft.Version), (read.Status, read.Version));
    }

    [Fact]
    public async Task Member_StartingAnApplicationForSomeoneElse_Gets404()
    {
        var program = await ProgramAsync();
        var (_, member) = await MemberAsync();
        var someoneElse = await Hub.AddMemberAsync();

        await (await member.PostJsonAsync(Url, new { programId = program.Id, memberId = someoneElse.Id, answers = ValidAnswers }))
            .ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);

        Assert.Equal(0, await CountAsync<Application>());
    }

    [Fact]
    public async Task Staff_StartAnApplicationForTheMemberTheyName()
    {
        var program = await ProgramAsync();
        var member = await Hub.AddMemberAsync();
        var admin = await Factory.SignedInAsync(HubRoles.Admin);

        var unnamed = await admin.PostJsonAsync(Url, new { programId = program.Id, answers = ValidAnswers });
        var created = await (await admin.PostJsonAsync(Url, new { programId = program.Id, memberId = member.Id, answers = ValidAnswers }))
            .ReadAsync<ApplicationResponse>(HttpStatusCode.Created);

        Assert.NotEmpty((await unnamed.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).FieldErrors("memberId"));
        Assert.Equal(member.Id, created.MemberId);
    }
}
