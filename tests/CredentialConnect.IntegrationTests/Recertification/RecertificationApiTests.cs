using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Recertification;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Recertification;

public sealed class RecertificationApiTests(HubFixture hub) : HubTest(hub)
{
    private Task<(int History, int Events, int Notices)> CountRowsAsync() => Hub.WithDbAsync(async db =>
        (await db.CredentialStatusChanges.CountAsync(), await db.DomainEvents.CountAsync(), await db.CredentialNotices.CountAsync()));

    [Fact]
    public async Task Sweep_RunTwiceOnTheSameDay_ChangesNothingTheSecondTime()
    {
        var program = await Hub.AddProgramAsync(RecertificationSetup.Rules(graceDays: 30));
        var member = await Hub.AddMemberAsync();
        var expiring = await Hub.AwardAsync(member.Id, program.Id, TimeSpan.FromDays(45));
        var lapsing = await Hub.AwardAsync(member.Id, program.Id, TimeSpan.FromDays(-31));
        var current = await Hub.AwardAsync(member.Id, program.Id, TimeSpan.FromDays(400));
        var suspended = await Hub.AwardAsync(member.Id, program.Id, TimeSpan.FromDays(-400));
        await Hub.WithDbAsync(async db =>
        {
            var c = await db.Credentials.SingleAsync(x => x.Id == suspended.Id);
            c.ChangeStatus(CredentialStatus.Suspended, "Under investigation.", "test", Hub.Now);
            await db.SaveChangesAsync();
        });
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var before = await CountRowsAsync();

        var first = await (await admin.PostAsync("/api/v1/credentials/sweep", null)).ReadAsync<SweepCounts>();
        var afterFirst = await CountRowsAsync();
        var second = await (await admin.PostAsync("/api/v1/credentials/sweep", null)).ReadAsync<SweepCounts>();
        var afterSecond = await CountRowsAsync();

        Assert.Equal((1, 1, 1), (first.Expiring, first.Lapsed, first.NoticesRaised));
        Assert.Equal((before.History + 2, before.Events + 2, 1), afterFirst);
        Assert.Equal((0, 0, 0), (second.Expiring, second.Lapsed, second.NoticesRaised));
        Assert.Equal(afterFirst, afterSecond);
        var statuses = await Hub.WithDbAsync(db => db.Credentials.ToDictionaryAsync(c => c.Id, c => c.Status));
        Assert.Equal([CredentialStatus.Expiring, CredentialStatus.Lapsed, CredentialStatus.Active, CredentialStatus.Suspended],
            [statuses[expiring.Id], statuses[lapsing.Id], statuses[current.Id], statuses[suspended.Id]]);
        var notice = await Hub.WithDbAsync(db => db.DomainEvents.SingleAsync(e => e.Type == DomainEventTypes.CredentialExpiring));
        Assert.Equal((expiring.Id, 60), (notice.Read<CredentialCycleEventData>().CredentialId, notice.Read<CredentialCycleEventData>().DaysBefore!.Value));
    }

    [Fact]
    public async Task Renew_WithRequirementsMet_StartsTheNextCycleOfTheSameCredential()
    {
        var program = await Hub.AddProgramAsync(RecertificationSetup.Rules());
        var member = await Hub.AddMemberAsync();
        var credential = await Hub.AwardAsync(member.Id, program.Id, TimeSpan.FromDays(20));
        await Hub.AddCreditAsync(member.Id, "Ethics", 2, Hub.Now.AddDays(-100));
        await Hub.AddCreditAsync(member.Id, "Leadership", 8, Hub.Now.AddDays(-50));
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);

        var renewed = await (await client.PostAsync($"/api/v1/credentials/{credential.Id}/renew", null)).ReadAsync<CycleResponse>();

        Assert.Equal((2, CredentialStatus.Active, credential.ExpiresAt, credential.ExpiresAt!.Value.AddYears(3)),
            (renewed.Cycle, renewed.Status, (DateTimeOffset?)renewed.CycleStartedAt, renewed.CycleEndsAt));
        var stored = await Hub.WithDbAsync(db => db.Credentials.Include(c => c.StatusHistory).SingleAsync(c => c.Id == credential.Id));
        Assert.Equal(2, stored.StatusHistory.Count);
        Assert.Equal(1, await Hub.WithDbAsync(db => db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.CredentialRenewed)));
    }

    [Fact]
    public async Task Renew_WithCategoryShort_Returns409ExplainingWhatIsMissing()
    {
        var program = await Hub.AddProgramAsync(RecertificationSetup.Rules());
        var member = await Hub.AddMemberAsync();
        var credential = await Hub.AwardAsync(member.Id, program.Id, TimeSpan.FromDays(20));
        await Hub.AddCreditAsync(member.Id, "Leadership", 12, Hub.Now.AddDays(-50));
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);

        var problem = await (await client.PostAsync($"/api/v1/credentials/{credential.Id}/renew", null)).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);

        Assert.Contains("Ethics: 0 hours earned, 0 hours counted; 2 hours missing", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Renew_AfterLapseWhenProgramRequiresReapplying_Returns409()
    {
        var rules = RecertificationSetup.Rules();
        rules.Reinstatement = ReinstatementRule.Reapply;
        var program = await Hub.AddProgramAsync(rules);
        var member = await Hub.AddMemberAsync();
        var credential = await Hub.AwardAsync(member.Id, program.Id, TimeSpan.FromDays(-40));
        await Hub.AddCreditAsync(member.Id, "Ethics", 10, Hub.Now.AddDays(-400));
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.PostAsync($"/api/v1/credentials/{credential.Id}/renew", null)).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);

        Assert.Contains("must apply again", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Cycle_ShowsCappedAndMissingHoursPerCategory()
    {
        var rules = RecertificationSetup.Rules(total: 20);
        rules.Categories.Add(new CeCategoryRule { Category = "Self-study", MaximumHours = 5 });
        var program = await Hub.AddProgramAsync(rules);
        var member = await Hub.AddMemberAsync();
        var credential = await Hub.AwardAsync(member.Id, program.Id, TimeSpan.FromDays(200));
        await Hub.AddCreditAsync(member.Id, "Self-study", 12, Hub.Now.AddDays(-30));
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);

        var cycle = await (await client.GetAsync($"/api/v1/credentials/{credential.Id}/cycle")).ReadAsync<CycleResponse>();

        var selfStudy = cycle.Progress!.Categories.Single(c => c.Category == "Self-study");
        Assert.Equal((5m, 7m), (selfStudy.CountedHours, selfStudy.CappedHours));
        Assert.Equal((5m, 15m, false), (cycle.Progress.CountedHours, cycle.Progress.MissingHours, cycle.Progress.Met));
        Assert.False(cycle.Renewal.Allowed);
    }
}
