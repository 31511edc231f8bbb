using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Credentials;

public sealed class CredentialActionsApiTests(HubFixture hub) : HubTest(hub)
{
    private const string Credentials = "/api/v1/credentials";

    private static async Task<CredentialAwardResponse> AwardAsync(HttpClient admin, Guid memberId, CredentialProgram program) =>
        await (await admin.PostJsonAsync(Credentials, new { memberId, programId = program.Id, reason = "Granted by the board." }))
            .ReadAsync<CredentialAwardResponse>(HttpStatusCode.Created);

    [Fact]
    public async Task Award_WithoutThePrerequisites_Returns409NamingWhatIsMissing()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var basics = await new LifecycleProgramBuilder().WithCode("BASICS").SaveAsync(Hub);
        var advanced = await new LifecycleProgramBuilder().Requiring(basics).SaveAsync(Hub);

        var response = await admin.PostJsonAsync(Credentials, new { memberId = member.Id, programId = advanced.Id, reason = "Board decision." });
        var problem = await response.ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);

        Assert.Contains("BASICS held", Assert.Single(problem.GetProperty("missing").EnumerateArray()).GetString());
        Assert.Equal(0, await Hub.WithDbAsync(db => db.Credentials.CountAsync()));
    }

    [Fact]
    public async Task Award_WithoutAReason_Returns400()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().SaveAsync(Hub);

        var problem = await (await admin.PostJsonAsync(Credentials, new { memberId = member.Id, programId = program.Id, reason = " " }))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("reason"));
    }

    [Fact]
    public async Task Award_ASecondTimeWhileLive_Returns409()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().SaveAsync(Hub);
        var first = await AwardAsync(admin, member.Id, program);

        var problem = await (await admin.PostJsonAsync(Credentials, new { memberId = member.Id, programId = program.Id, reason = "Again." }))
            .ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);

        Assert.Contains(first.Credential.Number, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Award_TwoAtOnce_GetDistinctNumbersInSequence()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await new LifecycleProgramBuilder().OfKind(ProgramKind.Certificate).SaveAsync(Hub);
        var members = new[] { await Hub.AddMemberAsync(), await Hub.AddMemberAsync(), await Hub.AddMemberAsync() };

        var awards = await Task.WhenAll(members.Select(m => AwardAsync(admin, m.Id, program)));

        var numbers = awards.Select(a => a.Credential.Number).Order().ToList();
        var year = Hub.Now.Year;
        Assert.Equal([$"CTFC-{year}-000001", $"CTFC-{year}-000002", $"CTFC-{year}-000003"], numbers);
    }

    [Fact]
    public async Task Award_CompletingAPathway_AwardsThePathwayToo()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var (a, b) = (await new LifecycleProgramBuilder().SaveAsync(Hub), await new LifecycleProgramBuilder().SaveAsync(Hub));
        var pathway = await new LifecycleProgramBuilder().OfKind(ProgramKind.MicroCredential).AsPathwayOf(a, b).SaveAsync(Hub);

        var first = await AwardAsync(admin, member.Id, a);
        var second = await AwardAsync(admin, member.Id, b);

        Assert.Empty(first.PathwaysAwarded);
        var awarded = Assert.Single(second.PathwaysAwarded);
        Assert.Equal(pathway.Id, awarded.ProgramId);
        Assert.StartsWith("MCRD-", awarded.Number);
        Assert.Equal(3, await Hub.WithDbAsync(db => db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.CredentialAwarded)));
    }

    [Fact]
    public async Task Award_CompletingANestedPathway_AwardsTheInnerAndOuterPathways()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var (a, b, c) = (await new LifecycleProgramBuilder().SaveAsync(Hub), await new LifecycleProgramBuilder().SaveAsync(Hub), await new LifecycleProgramBuilder().SaveAsync(Hub));
        var inner = await new LifecycleProgramBuilder().AsPathwayOf(a, b).SaveAsync(Hub);
        var outer = await new LifecycleProgramBuilder().AsPathwayOf(inner, c).SaveAsync(Hub);
        await AwardAsync(admin, member.Id, a);
        await AwardAsync(admin, member.Id, c);

        var last = await AwardAsync(admin, member.Id, b);

        Assert.Equal([inner.Id, outer.Id], last.PathwaysAwarded.Select(p => p.ProgramId));
        Assert.Equal(5, await Hub.WithDbAsync(db => db.Credentials.CountAsync(x => x.MemberId == member.Id && x.Status == CredentialStatus.Active)));
    }

    [Fact]
    public async Task Reinstate_OfTheLastMissingComponent_AwardsThePathway()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var a = await new LifecycleProgramBuilder().SaveAsync(Hub);
        var held = await AwardAsync(admin, member.Id, a);
        await (await admin.PostJsonAsync($"{Credentials}/{held.Credential.Id}/suspend", new { reason = "Complaint under review." })).ReadAsync<CredentialStatusActionResponse>();
        var b = await new LifecycleProgramBuilder().SaveAsync(Hub);
        var pathway = await new LifecycleProgramBuilder().AsPathwayOf(a, b).SaveAsync(Hub);
        var other = await AwardAsync(admin, member.Id, b);
        Assert.Empty(other.PathwaysAwarded);

        var reinstated = await (await admin.PostJsonAsync($"{Credentials}/{held.Credential.Id}/reinstate", new { reason = "Complaint dismissed." }))
            .ReadAsync<CredentialStatusActionResponse>();

        Assert.Equal(CredentialStatus.Active, reinstated.Credential.Status);
        Assert.Equal(pathway.Id, Assert.Single(reinstated.PathwaysAwarded).ProgramId);
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("revoke")]
    [InlineData("reinstate")]
    public async Task StatusAction_WithoutAReason_Returns400AndChangesNothing(string action)
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var held = await AwardAsync(admin, member.Id, await new LifecycleProgramBuilder().SaveAsync(Hub));

        var problem = await (await admin.PostJsonAsync($"{Credentials}/{held.Credential.Id}/{action}", new { reason = "" }))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("reason"));
        Assert.Equal(CredentialStatus.Active, (await Hub.WithDbAsync(db => db.Credentials.SingleAsync())).Status);
    }

    [Fact]
    public async Task Reinstate_AnActiveCredential_Returns409InvalidTransition()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var held = await AwardAsync(admin, member.Id, await new LifecycleProgramBuilder().SaveAsync(Hub));

        var problem = await (await admin.PostJsonAsync($"{Credentials}/{held.Credential.Id}/reinstate", new { reason = "No reason to." }))
            .ProblemAsync(HttpStatusCode.Conflict, Problems.InvalidTransition);

        Assert.Contains("is Active", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Suspend_RecordsTheReasonInHistoryAuditLogAndEvent()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var held = await AwardAsync(admin, member.Id, await new LifecycleProgramBuilder().SaveAsync(Hub));
        const string reason = "Ethics complaint 2026-14 under investigation.";

        var suspended = await (await admin.PostJsonAsync($"{Credentials}/{held.Credential.Id}/suspend", new { reason })).ReadAsync<CredentialStatusActionResponse>();

        Assert.Equal(CredentialStatus.Suspended, suspended.Credential.Status);
        Assert.Equal((CredentialStatus.Active, CredentialStatus.Suspended, reason), suspended.Credential.StatusHistory[^1] is var h ? (h.From, h.To, h.Reason) : default);
        var audit = await Hub.WithDbAsync(db => db.AuditLog.Where(e => e.EntityType == nameof(Credential) && e.Action == "Updated").ToListAsync());
        Assert.Contains(reason, Assert.Single(audit).Changes);
        var raised = await Hub.WithDbAsync(db => db.DomainEvents.SingleAsync(e => e.Type == DomainEventTypes.CredentialSuspended));
        Assert.Equal(reason, raised.Read<CredentialStatusEventData>().Reason);
    }

    [Fact]
    public async Task Reinstate_NearTheEndDate_RestoresExpiring()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var held = await AwardAsync(admin, member.Id, await new LifecycleProgramBuilder().WithValidity("P60D").SaveAsync(Hub));
        await admin.PostJsonAsync($"{Credentials}/{held.Credential.Id}/revoke", new { reason = "Issued in error." });

        var reinstated = await (await admin.PostJsonAsync($"{Credentials}/{held.Credential.Id}/reinstate", new { reason = "Revoked the wrong record." }))
            .ReadAsync<CredentialStatusActionResponse>();

        Assert.Equal(CredentialStatus.Expiring, reinstated.Credential.Status);
        Assert.Equal(1, await Hub.WithDbAsync(db => db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.CredentialReinstated)));
    }

    [Fact]
    public async Task BulkRevoke_AfterAPreview_RevokesExactlyThatSetInOneGo()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await new LifecycleProgramBuilder().SaveAsync(Hub);
        var untouched = await new LifecycleProgramBuilder().SaveAsync(Hub);
        var members = new[] { await Hub.AddMemberAsync(), await Hub.AddMemberAsync(), await Hub.AddMemberAsync() };
        foreach (var m in members) await AwardAsync(admin, m.Id, program);
        await AwardAsync(admin, members[0].Id, untouched);

        var preview = await (await admin.PostJsonAsync($"{Credentials}/bulk-revoke/preview?pageSize=2", new { programId = program.Id, reason = "Exam breach." }))
            .ReadAsync<BulkRevokePreviewResponse>();
        var revoked = await (await admin.PostJsonAsync($"{Credentials}/bulk-revoke", new { preview.PreviewToken, reason = "Exam content breach, case 88." }))
            .ReadAsync<BulkRevokeResponse>();

        Assert.Equal(3, preview.Count);
        Assert.Equal(2, preview.Credentials.Items.Count);
        Assert.Equal(3, revoked.Revoked);
        var statuses = await Hub.WithDbAsync(db => db.Credentials.Select(c => new { c.ProgramId, c.Status, c.StatusReason }).ToListAsync());
        Assert.All(statuses.Where(s => s.ProgramId == program.Id), s => Assert.Equal((CredentialStatus.Revoked, "Exam content breach, case 88."), (s.Status, s.StatusReason)));
        Assert.Equal(CredentialStatus.Active, statuses.Single(s => s.ProgramId == untouched.Id).Status);
        Assert.Equal(3, await Hub.WithDbAsync(db => db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.CredentialRevoked)));
    }

    [Fact]
    public async Task BulkRevoke_WhenTheSetChangedSinceThePreview_Returns409AndRevokesNothing()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await new LifecycleProgramBuilder().SaveAsync(Hub);
        var (first, second) = (await Hub.AddMemberAsync(), await Hub.AddMemberAsync());
        await AwardAsync(admin, first.Id, program);
        var preview = await (await admin.PostJsonAsync($"{Credentials}/bulk-revoke/preview", new { programId = program.Id, reason = "Exam breach." }))
            .ReadAsync<BulkRevokePreviewResponse>();
        await AwardAsync(admin, second.Id, program);

        var response = await admin.PostJsonAsync($"{Credentials}/bulk-revoke", new { preview.PreviewToken, reason = "Exam breach." });

        await response.ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        Assert.Equal(0, await Hub.WithDbAsync(db => db.Credentials.CountAsync(c => c.Status == CredentialStatus.Revoked)));
    }

    [Fact]
    public async Task BulkRevoke_WithAnEditedToken_Returns400()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.PostJsonAsync($"{Credentials}/bulk-revoke", new { previewToken = "not-a-token", reason = "Exam breach." }))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("previewToken"));
    }

    [Fact]
    public async Task ApplicationApproved_WhenItCompletesTheProgram_AwardsIt()
    {
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithApplicationForm().SaveAsync(Hub);
        await Hub.WithDbAsync(async db =>
        {
            db.Applications.Add(new Application { MemberId = member.Id, ProgramId = program.Id, Status = ApplicationStatus.Approved, CreatedAt = Hub.Now, DecidedAt = Hub.Now });
            db.Raise(DomainEventTypes.ApplicationApproved, Hub.Now, member.Id, program.Id);
            await db.SaveChangesAsync();
        });

        await Hub.Factory.Services.GetRequiredService<DomainEventDispatcher>().DispatchAsync(200, CancellationToken.None);

        var credential = await Hub.WithDbAsync(db => db.Credentials.SingleAsync());
        Assert.Equal((member.Id, program.Id, CredentialStatus.Active), (credential.MemberId, credential.ProgramId, credential.Status));
    }
}
