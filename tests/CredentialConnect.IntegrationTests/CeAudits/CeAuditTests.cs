using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Recertification;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.CeAudits;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Recertification;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.CeAudits;

public sealed class CeAuditTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task Audit_BlocksRenewalUntilItsEvidenceIsAccepted()
    {
        var program = await Hub.AddProgramAsync(RecertificationSetup.Rules());
        var member = await Hub.AddMemberAsync();
        var credential = await Hub.AwardAsync(member.Id, program.Id, TimeSpan.FromDays(30));
        var ethics = await Hub.AddCreditAsync(member.Id, "Ethics", 2, Hub.Now.AddDays(-200));
        var general = await Hub.AddCreditAsync(member.Id, "Leadership", 8, Hub.Now.AddDays(-100));
        var (admin, reviewer, certificant) =
            (await Hub.SignedInAsync(HubRoles.Admin), await Hub.SignedInAsync(HubRoles.Reviewer), await Hub.SignedInAsync(HubRoles.Member, member.Id));

        var audit = await (await admin.PostJsonAsync($"/api/v1/programs/{program.Id}/ce-audits", new { percent = 0, targetedMemberIds = new[] { member.Id } }))
            .ReadAsync<CeAuditResponse>(HttpStatusCode.Created);
        var selection = Assert.Single(audit.Selections);
        var selectionUrl = $"/api/v1/ce-audits/{audit.Id}/selections/{selection.Id}";
        var blocked = await (await certificant.PostAsync($"/api/v1/credentials/{credential.Id}/renew", null)).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);

        foreach (var credit in new[] { ethics, general })
            (await certificant.PostJsonAsync($"{selectionUrl}/evidence", new { creditId = credit.Id, evidence = $"https://example.org/{credit.Id}.pdf" }))
                .EnsureSuccessStatusCode();
        await (await reviewer.PostJsonAsync($"{selectionUrl}/credits/{ethics.Id}/decision", new { decision = "Accept" })).ReadAsync<CeAuditSelectionResponse>();
        var stillBlocked = await (await certificant.PostAsync($"/api/v1/credentials/{credential.Id}/renew", null)).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        var passed = await (await reviewer.PostJsonAsync($"{selectionUrl}/credits/{general.Id}/decision", new { decision = "Accept" }))
            .ReadAsync<CeAuditSelectionResponse>();
        var renewed = await (await certificant.PostAsync($"/api/v1/credentials/{credential.Id}/renew", null)).ReadAsync<CycleResponse>();

        Assert.Equal((CeAuditSelectionReason.Targeted, credential.Id), (selection.Reason, selection.CredentialId));
        Assert.Contains("CE audit", blocked.GetProperty("detail").GetString());
        Assert.Contains("CE audit", stillBlocked.GetProperty("detail").GetString());
        Assert.Equal(CeAuditSelectionStatus.Passed, passed.Status);
        Assert.Equal(2, renewed.Cycle);
        var events = await Hub.WithDbAsync(db => db.DomainEvents.Where(e => e.MemberId == member.Id).Select(e => e.Type).ToListAsync());
        Assert.Contains(DomainEventTypes.CeAuditSelected, events);
        Assert.Contains(DomainEventTypes.CeAuditCompleted, events);
    }

    [Fact]
    public async Task Audit_RejectedCreditLeavingTheCycleShort_FailsAndKeepsRenewalBlocked()
    {
        var program = await Hub.AddProgramAsync(RecertificationSetup.Rules());
        var member = await Hub.AddMemberAsync();
        var credential = await Hub.AwardAsync(member.Id, program.Id, TimeSpan.FromDays(30));
        var ethics = await Hub.AddCreditAsync(member.Id, "Ethics", 10, Hub.Now.AddDays(-200));
        var (admin, reviewer, certificant) =
            (await Hub.SignedInAsync(HubRoles.Admin), await Hub.SignedInAsync(HubRoles.Reviewer), await Hub.SignedInAsync(HubRoles.Member, member.Id));
        var audit = await (await admin.PostJsonAsync($"/api/v1/programs/{program.Id}/ce-audits", new { percent = 100, seed = 7 }))
            .ReadAsync<CeAuditResponse>(HttpStatusCode.Created);
        var selectionUrl = $"/api/v1/ce-audits/{audit.Id}/selections/{Assert.Single(audit.Selections).Id}";
        await certificant.PostJsonAsync($"{selectionUrl}/evidence", new { creditId = ethics.Id, evidence = "Attendance list" });

        var failed = await (await reviewer.PostJsonAsync($"{selectionUrl}/credits/{ethics.Id}/decision", new { decision = "Reject", reason = "No certificate." }))
            .ReadAsync<CeAuditSelectionResponse>();
        var refused = await (await certificant.PostAsync($"/api/v1/credentials/{credential.Id}/renew", null)).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);

        Assert.Equal((7, 1, CeAuditSelectionReason.Random), (audit.Seed, audit.PopulationCount, audit.Selections[0].Reason));
        Assert.Equal(CeAuditSelectionStatus.Failed, failed.Status);
        Assert.Contains("audit failed", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Audits_AreListedNewestFirstWithHowTheirSelectionsStand()
    {
        var program = await Hub.AddProgramAsync(RecertificationSetup.Rules());
        var other = await Hub.AddProgramAsync(RecertificationSetup.Rules());
        var (passing, open) = (await Hub.AddMemberAsync(), await Hub.AddMemberAsync());
        await Hub.AwardAsync(passing.Id, program.Id, TimeSpan.FromDays(30));
        await Hub.AwardAsync(open.Id, program.Id, TimeSpan.FromDays(40));
        var ethics = await Hub.AddCreditAsync(passing.Id, "Ethics", 10, Hub.Now.AddDays(-200));
        var (admin, reviewer) = (await Hub.SignedInAsync(HubRoles.Admin), await Hub.SignedInAsync(HubRoles.Reviewer));
        var audit = await (await admin.PostJsonAsync($"/api/v1/programs/{program.Id}/ce-audits", new { percent = 100, seed = 11 }))
            .ReadAsync<CeAuditResponse>(HttpStatusCode.Created);
        var selection = audit.Selections.Single(s => s.MemberId == passing.Id);
        var certificant = await Hub.SignedInAsync(HubRoles.Member, passing.Id);
        await certificant.PostJsonAsync($"/api/v1/ce-audits/{audit.Id}/selections/{selection.Id}/evidence", new { creditId = ethics.Id, evidence = "Certificate" });
        await reviewer.PostJsonAsync($"/api/v1/ce-audits/{audit.Id}/selections/{selection.Id}/credits/{ethics.Id}/decision", new { decision = "Accept" });

        var listed = await (await reviewer.GetAsync($"/api/v1/ce-audits?programId={program.Id}")).ReadAsync<Page<CeAuditSummary>>();
        var otherProgram = await (await reviewer.GetAsync($"/api/v1/ce-audits?programId={other.Id}")).ReadAsync<Page<CeAuditSummary>>();
        var asMember = await certificant.GetAsync("/api/v1/ce-audits");

        var summary = Assert.Single(listed.Items);
        Assert.Equal((audit.Id, 11, 2), (summary.Id, summary.Seed, summary.PopulationCount));
        Assert.Equal((1, 1, 0), (summary.Open, summary.Passed, summary.Failed));
        Assert.Empty(otherProgram.Items);
        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
    }
}
