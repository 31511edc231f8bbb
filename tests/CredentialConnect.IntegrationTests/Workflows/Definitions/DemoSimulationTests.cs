using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Demo;
using CredentialConnect.Workflows.Simulation;
using CredentialConnect.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CredentialConnect.IntegrationTests.Workflows.Definitions.DefinitionRequests;

namespace CredentialConnect.IntegrationTests.Workflows.Definitions;

/// <summary>
/// Each shipped flow simulated on the demo association's members: their records (sittings, applications, awards) and
/// the expiry notices still ahead of them give every flow a timeline, and every member's result says why.
/// </summary>
public sealed class DemoSimulationTests(HubFixture hub) : HubTest(hub)
{
    public static TheoryData<string> Flows => ["cnp-application-approval", "cnp-failed-exam-nurture", "cnp-recertification-reminders"];

    [Theory]
    [MemberData(nameof(Flows))]
    public async Task Simulate_EachShippedFlowOnTheDemoMembers_ReturnsExplainedTimelines(string definitionId)
    {
        await using (var scope = Hub.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var memberIds = await Hub.WithDbAsync(async db =>
        {
            var cnp = await db.Programs.Where(p => p.Code == DemoPrograms.CertificationCode).Select(p => p.Id).SingleAsync();
            return await db.Members.Where(m => db.ExamAttempts.Any(a => a.MemberId == m.Id && a.ProgramId == cnp)
                    || db.Applications.Any(a => a.MemberId == m.Id && a.ProgramId == cnp)
                    || db.Credentials.Any(c => c.MemberId == m.Id && c.ProgramId == cnp))
                .OrderBy(m => m.Id).Select(m => m.Id).Take(WorkflowDefinitionSimulation.MaxMembers).ToArrayAsync();
        });

        var result = await (await admin.PostJsonAsync($"{Root}/{definitionId}/simulate",
            new { memberIds, reviewerOutcome = nameof(ReviewerOutcome.Approved) })).ReadAsync<WorkflowSimulationResponse>();

        Assert.NotEmpty(memberIds);
        Assert.Equal(memberIds.Length, result.Members.Count);
        Assert.All(result.Members, m => Assert.False(string.IsNullOrWhiteSpace(m.Explanation), $"{m.MemberId} has no explanation"));
        Assert.All(result.Members.Where(m => m.Status is null), m => Assert.StartsWith("The flow never started", m.Explanation));
        var withTimeline = result.Members.Where(m => m.Effects.Count > 0).ToList();
        Assert.NotEmpty(withTimeline);
        Assert.All(withTimeline, m => Assert.Matches("^(\\d+ instances started\\. 1: )?Started on ", m.Explanation));
    }

    [Fact]
    public async Task Simulate_Reminders_ProjectTheExpiryNoticesStillAhead()
    {
        await using (var scope = Hub.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var (memberId, expiresAt) = await Hub.WithDbAsync(async db =>
        {
            var cnp = await db.Programs.SingleAsync(p => p.Code == DemoPrograms.CertificationCode);
            var soonest = Hub.Now.AddDays(120);
            var credential = await db.Credentials.Where(c => c.ProgramId == cnp.Id && c.ExpiresAt > soonest && c.Status == Web.Features.Credentials.CredentialStatus.Active)
                .OrderBy(c => c.ExpiresAt).FirstAsync();
            return (credential.MemberId, credential.ExpiresAt!.Value);
        });

        var result = await (await admin.PostJsonAsync($"{Root}/cnp-recertification-reminders/simulate",
            new { memberIds = new[] { memberId }, until = expiresAt.AddDays(1) })).ReadAsync<WorkflowSimulationResponse>();

        var member = Assert.Single(result.Members);
        var projected = member.Events.Where(e => e.Projected).ToList();
        Assert.Contains(projected, e => e.Type == "CredentialExpiring" && e.At == expiresAt.AddDays(-90));
        Assert.All(projected, e => Assert.True(e.At > Hub.Now));
        Assert.NotEmpty(member.Effects);
        Assert.All(member.Effects, e => Assert.True(e.At >= expiresAt.AddDays(-90)));
    }
}
