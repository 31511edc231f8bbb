using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Readiness;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CredentialConnect.IntegrationTests.Eligibility.EligibilityCriteriaApiTests;

namespace CredentialConnect.IntegrationTests.Eligibility;

public sealed class ReadinessApiTests(HubFixture hub) : HubTest(hub)
{
    private const string CaeCriteria = """
        {"all":[{"experience":{"minYears":4}},{"ceHours":{"minHours":10,"category":"Ethics","withinMonths":24}},
                {"credential":{"program":"FND"}},{"not":{"membership":{"levels":["Student"]}}}]}
        """;

    [Fact]
    public async Task GetReadiness_ExplainsEveryCriterionAndWhatWouldCloseEachGap()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await CreateAsync(admin, "FND", null, publish: true);
        var cae = await CreateAsync(admin, "CAE", CaeCriteria, publish: true);
        var member = await Hub.AddMemberAsync(m => (m.YearsOfExperience, m.MembershipLevel) = (2, "Professional"));
        await AddCeAsync(member.Id, "Ethics", 5);
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);

        var readiness = await (await client.GetAsync($"/api/v1/members/{member.Id}/readiness/{cae.Id}")).ReadAsync<ProgramReadiness>();

        Assert.False(readiness.Eligible);
        Assert.Equal(50m, readiness.PercentReady); // mean of 0.5 (experience), 0.5 (CE), 0 (credential), 1 (not a student)
        Assert.Equal((1, 3), (readiness.MetCount, readiness.UnmetCount));
        Assert.Equal(4, readiness.Criteria!.Parts!.Count);
        Assert.Collection(readiness.Gaps,
            g => Assert.Equal(("eligibilityCriteria.all[0]", "2 more years of experience"), (g.Path, g.Gap)),
            g => Assert.Equal(("eligibilityCriteria.all[1]", $"Earn 5 more h of Ethics CE since {Hub.Now.AddMonths(-24):yyyy-MM-dd}"), (g.Path, g.Gap)),
            g => Assert.Equal(("eligibilityCriteria.all[2]", "Earn the FND credential"), (g.Path, g.Gap)));
    }

    [Fact]
    public async Task ListReadiness_CoversEveryPublishedProgramOnly()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await CreateAsync(admin, "FND", null, publish: true);
        await CreateAsync(admin, "CAE", CaeCriteria, publish: true);
        await CreateAsync(admin, "DRAFT", """{"experience":{"minYears":1}}""");
        var member = await Hub.AddMemberAsync();

        var page = await (await admin.GetAsync($"/api/v1/members/{member.Id}/readiness")).ReadAsync<Page<ProgramReadiness>>();

        Assert.Equal(["CAE", "FND"], page.Items.Select(p => p.ProgramCode));
        Assert.True(page.Items[1].Eligible);
        Assert.Equal(100m, page.Items[1].PercentReady);
    }

    [Fact]
    public async Task Member_ReadingAnotherMembersReadinessOrGoals_Gets404()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await CreateAsync(admin, "FND", null, publish: true);
        var me = await Hub.AddMemberAsync();
        var someoneElse = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, me.Id);

        await (await client.GetAsync($"/api/v1/members/{someoneElse.Id}/readiness")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await (await client.GetAsync($"/api/v1/members/{someoneElse.Id}/readiness/{program.Id}")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await (await client.GetAsync($"/api/v1/members/{someoneElse.Id}/goals")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await (await client.PostJsonAsync($"/api/v1/members/{someoneElse.Id}/goals", new GoalWrite(program.Id))).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        Assert.Equal(0, await Hub.WithDbAsync(db => db.Goals.CountAsync()));
    }

    [Fact]
    public async Task Member_AskingForStaffCampaignList_Gets403()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await CreateAsync(admin, "FND", null, publish: true);
        var me = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, me.Id);

        await (await client.GetAsync($"/api/v1/programs/{program.Id}/close-members")).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
    }

    [Fact]
    public async Task Goal_TracksProgressWhenACourseIsCompleted_AndRaisesGoalProgressed()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await CreateAsync(admin, "FND", null, publish: true);
        var cae = await CreateAsync(admin, "CAE", CaeCriteria, publish: true);
        var member = await Hub.AddMemberAsync(m => (m.YearsOfExperience, m.MembershipLevel) = (4, "Professional"));
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);

        var goal = await (await client.PostJsonAsync($"/api/v1/members/{member.Id}/goals", new GoalWrite(cae.Id))).ReadAsync<GoalResponse>(HttpStatusCode.Created);
        Assert.Equal(50m, goal.Goal.PercentReady);

        Hub.Factory.Clock.Advance(TimeSpan.FromDays(3));
        await AddCeAsync(member.Id, "Ethics", 10, raise: true);
        await DispatchAsync();

        var read = await (await client.GetAsync($"/api/v1/members/{member.Id}/goals/{cae.Id}")).ReadAsync<GoalResponse>();
        Assert.Collection(read.History,
            h => Assert.Equal((50m, 2, 2), (h.PercentReady, h.MetCount, h.UnmetCount)),
            h => Assert.Equal((75m, 3, 1), (h.PercentReady, h.MetCount, h.UnmetCount)));
        Assert.Equal("eligibilityCriteria.all[2]", Assert.Single(read.Gaps).Path);
        var progressed = await Hub.WithDbAsync(db => db.DomainEvents.SingleAsync(e => e.Type == DomainEventTypes.GoalProgressed));
        var data = progressed.Read<GoalProgressedData>();
        Assert.Equal((50m, 75m, "CAE"), (data.OldPercent, data.NewPercent, data.ProgramCode));
        Assert.Equal((member.Id, cae.Id), (progressed.MemberId!.Value, progressed.ProgramId!.Value));
    }

    [Fact]
    public async Task Goal_WhenNothingMoves_AddsNoHistoryAndRaisesNothing()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await CreateAsync(admin, "FND", null, publish: true);
        var cae = await CreateAsync(admin, "CAE", CaeCriteria, publish: true);
        var member = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);
        await (await client.PostJsonAsync($"/api/v1/members/{member.Id}/goals", new GoalWrite(cae.Id))).ReadAsync<GoalResponse>(HttpStatusCode.Created);

        await AddCeAsync(member.Id, "Finance", 3, raise: true);
        await DispatchAsync();

        var read = await (await client.GetAsync($"/api/v1/members/{member.Id}/goals/{cae.Id}")).ReadAsync<GoalResponse>();
        Assert.Single(read.History);
        Assert.False(await Hub.WithDbAsync(db => db.DomainEvents.AnyAsync(e => e.Type == DomainEventTypes.GoalProgressed)));
    }

    [Fact]
    public async Task Goals_AddTwiceOrForADraft_AreRefused_AndDeleteRemovesTheGoal()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var fnd = await CreateAsync(admin, "FND", null, publish: true);
        var draft = await CreateAsync(admin, "DRAFT", null);
        var member = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);
        var goals = $"/api/v1/members/{member.Id}/goals";

        await (await client.PostJsonAsync(goals, new GoalWrite(fnd.Id))).ReadAsync<GoalResponse>(HttpStatusCode.Created);
        await (await client.PostJsonAsync(goals, new GoalWrite(fnd.Id))).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        var draftProblem = await (await client.PostJsonAsync(goals, new GoalWrite(draft.Id))).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.NotEmpty(draftProblem.FieldErrors("programId"));
        var list = await (await client.GetAsync(goals)).ReadAsync<Page<GoalSummary>>();
        Assert.Equal("FND", Assert.Single(list.Items).ProgramCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{goals}/{fnd.Id}")).StatusCode);
        await (await client.GetAsync($"{goals}/{fnd.Id}")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Fact]
    public async Task CloseMembers_ListsOnlyThoseNotYetEligibleButReadyEnough_WithTheirBiggestGap()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var fnd = await CreateAsync(admin, "FND", null, publish: true);
        var cae = await CreateAsync(admin, "CAE", CaeCriteria, publish: true);
        var eligible = await Hub.AddMemberAsync(m => m.YearsOfExperience = 5);
        var close = await Hub.AddMemberAsync(m => m.YearsOfExperience = 5);
        var far = await Hub.AddMemberAsync(m => m.YearsOfExperience = 1);
        var holder = await Hub.AddMemberAsync(m => m.YearsOfExperience = 5);
        foreach (var m in new[] { eligible, close, far, holder }) await AddCeAsync(m.Id, "Ethics", 10);
        await AwardAsync(eligible.Id, fnd.Id, "FND");
        await AwardAsync(holder.Id, cae.Id, "CAE");

        var page = await (await admin.GetAsync($"/api/v1/programs/{cae.Id}/close-members?minPercent=70")).ReadAsync<Page<CloseMember>>();

        var only = Assert.Single(page.Items);
        Assert.Equal((close.Id, 75m), (only.MemberId, only.PercentReady));
        Assert.Equal("Earn the FND credential", only.TopGap!.Gap);
        Assert.Equal(1, page.TotalCount);
        var byDefault = await (await admin.GetAsync($"/api/v1/programs/{cae.Id}/close-members")).ReadAsync<Page<CloseMember>>();
        Assert.Empty(byDefault.Items);
        await (await admin.GetAsync($"/api/v1/programs/{cae.Id}/close-members?minPercent=120")).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
    }

    private Task AddCeAsync(Guid memberId, string category, decimal hours, bool raise = false) => Hub.WithDbAsync(async db =>
    {
        var credit = new ContinuingEducationCredit
        {
            MemberId = memberId, Activity = $"{category} course", Category = category, Hours = hours, EarnedAt = Hub.Now.AddDays(-1), Source = CreditSource.Lms,
        };
        db.ContinuingEducationCredits.Add(credit);
        if (raise) db.Raise(DomainEventTypes.CourseCompleted, Hub.Now, memberId, null, new CourseEventData(credit.Id, credit.Activity, category, hours));
        await db.SaveChangesAsync();
    });

    private Task AwardAsync(Guid memberId, Guid programId, string code) => Hub.WithDbAsync(async db =>
    {
        db.Credentials.Add(Credential.Award($"CERT-2026-{Random.Shared.Next(1, 999999):D6}", memberId, programId, Hub.Now, null, "test"));
        await db.SaveChangesAsync();
    });

    private async Task DispatchAsync()
    {
        var dispatcher = Hub.Factory.Services.GetRequiredService<DomainEventDispatcher>();
        while (await dispatcher.DispatchAsync(100, CancellationToken.None) > 0) { }
    }
}
