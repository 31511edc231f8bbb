using System.Net;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Audit;

public sealed class AuditLogTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task EveryProgramChange_IsLoggedWithWhoAndWhatChanged()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var created = await (await admin.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("AUD").WithName("Before").Build()))
            .ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        Hub.Factory.Clock.Advance(TimeSpan.FromHours(1));
        var editedAt = Hub.Now;
        await admin.PutJsonAsync($"/api/v1/programs/{created.Id}", new ProgramBuilder().WithCode("AUD").WithName("After").AtVersion(created.Version).Build());

        var log = await (await admin.GetAsync($"/api/v1/audit-log?entityType=CredentialProgram&entityId={created.Id}")).ReadAsync<Page<AuditLogEntryResponse>>();

        Assert.Equal(["Updated", "Created"], log.Items.Select(e => e.Action));
        var update = log.Items[0];
        Assert.StartsWith("staff:admin-", update.Actor);
        Assert.Equal(editedAt, update.At);
        Assert.Equal("Before", update.Changes.GetProperty("Name").GetProperty("from").GetString());
        Assert.Equal("After", update.Changes.GetProperty("Name").GetProperty("to").GetString());
    }

    [Fact]
    public async Task ChangesToOwnedCycleRules_AreLoggedAgainstTheirProgram()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var created = await (await admin.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("CYC").Build()))
            .ReadAsync<ProgramResponse>(HttpStatusCode.Created);

        var updated = await (await admin.PutJsonAsync($"/api/v1/programs/{created.Id}",
            new ProgramBuilder().WithCode("CYC").WithCycle(60, new CeCategoryWrite("Ethics", 4, null)).AtVersion(created.Version).Build())).ReadAsync<ProgramResponse>();
        var log = await (await admin.GetAsync($"/api/v1/audit-log?entityType=CredentialProgram&entityId={created.Id}")).ReadAsync<Page<AuditLogEntryResponse>>();

        Assert.Equal(created.Version + 1, updated.Version);
        Assert.Equal(60m, updated.Recertification!.TotalCeHours);
        Assert.Equal(2, log.TotalCount);
        Assert.Contains("Recertification", log.Items[0].Changes.GetRawText());
    }

    [Fact]
    public async Task ApiClientChanges_AreLoggedUnderTheKeyName_AndAuditReadNeedsItsScope()
    {
        var (writer, _) = await Hub.WithApiKeyAsync(ApiScopes.MembersWrite);
        var (reader, _) = await Hub.WithApiKeyAsync(ApiScopes.AuditRead);
        await writer.PostJsonAsync("/api/v1/members", new MemberBuilder().WithAmsId("WA-42").Build());

        var log = await (await reader.GetAsync("/api/v1/audit-log?entityType=Member")).ReadAsync<Page<AuditLogEntryResponse>>();
        var denied = await writer.GetAsync("/api/v1/audit-log");

        Assert.StartsWith("api-key:test-", Assert.Single(log.Items).Actor);
        Assert.Equal("WA-42", log.Items[0].Changes.GetProperty("AmsMemberId").GetString());
        await denied.ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
    }

    [Fact]
    public async Task AuditLog_NeverRecordsSecrets()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.PostJsonAsync("/api/v1/api-keys", new CreateApiKeyRequest("lms", [ApiScopes.MembersRead]));

        var log = await (await admin.GetAsync("/api/v1/audit-log?pageSize=200")).Content.ReadAsStringAsync();

        Assert.Contains("ApiKey", log);
        Assert.DoesNotContain("SecretHash", log);
        Assert.DoesNotContain("PasswordHash", log);
    }

    [Fact]
    public async Task GrantingARole_IsLogged()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await admin.PostJsonAsync("/api/v1/staff", new CreateStaffAccountRequest("r2@example.org", "Reviewer Two", HubRoles.Reviewer, "a-long-enough-password"));

        var log = await (await admin.GetAsync("/api/v1/audit-log?entityType=IdentityUserRole")).ReadAsync<Page<AuditLogEntryResponse>>();

        Assert.Contains(log.Items, e => e.Action == "Created" && e.Actor.StartsWith("staff:admin-") && e.Changes.GetRawText().Contains("RoleId"));
    }

    [Fact]
    public async Task Reviewer_CannotReadTheAuditLog()
    {
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);

        await (await reviewer.GetAsync("/api/v1/audit-log")).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
    }
}
