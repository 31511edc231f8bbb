using System.Net;
using System.Net.Http.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;

namespace CredentialConnect.IntegrationTests.Access;

/// <summary>Admins change staff roles and disable accounts, but nobody locks the association out of its own hub.</summary>
public sealed class StaffAccountTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task AnAdmin_MakesAReviewerAnAdmin_ThenDisablesThem_AndTheyCannotSignIn_UntilEnabledAgain()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var created = await (await admin.PostJsonAsync("/api/v1/staff", new CreateStaffAccountRequest("riley@example.org", "Riley", HubRoles.Reviewer, HubFixture.Password)))
            .ReadAsync<StaffAccountSummary>(HttpStatusCode.Created);

        var promoted = await (await admin.PutJsonAsync($"/api/v1/staff/{created.Id}", new UpdateStaffAccountRequest("Riley Reviewer", HubRoles.Admin, true)))
            .ReadAsync<StaffAccountSummary>();
        Assert.Equal([HubRoles.Admin], promoted.Roles);
        Assert.Equal(("Riley Reviewer", true), (promoted.DisplayName, promoted.Enabled));

        var disabled = await (await admin.PutJsonAsync($"/api/v1/staff/{created.Id}", new UpdateStaffAccountRequest("Riley Reviewer", HubRoles.Admin, false)))
            .ReadAsync<StaffAccountSummary>();
        Assert.False(disabled.Enabled);
        Assert.Null(disabled.LockedOutUntil);
        var refused = await Hub.Anonymous().PostAsJsonAsync("/auth/sign-in", new { email = "riley@example.org", password = HubFixture.Password });
        Assert.Equal(HttpStatusCode.Locked, refused.StatusCode);

        await (await admin.PutJsonAsync($"/api/v1/staff/{created.Id}", new UpdateStaffAccountRequest("Riley Reviewer", HubRoles.Reviewer, true)))
            .ReadAsync<StaffAccountSummary>();
        var back = await Hub.Anonymous().PostAsJsonAsync("/auth/sign-in", new { email = "riley@example.org", password = HubFixture.Password });
        Assert.Equal([HubRoles.Reviewer], (await back.ReadAsync<SignedInUser>()).Roles);
    }

    [Theory]
    [InlineData(HubRoles.Reviewer, true)]
    [InlineData(HubRoles.Admin, false)]
    public async Task NoAdmin_DemotesOrDisablesThemselves(string role, bool enabled)
    {
        var email = $"self-{Guid.NewGuid():N}@example.org";
        await Hub.CreateAccountAsync(email, HubRoles.Admin);
        var admin = Hub.Anonymous();
        var me = await (await admin.PostAsJsonAsync("/auth/sign-in", new { email, password = HubFixture.Password })).ReadAsync<SignedInUser>();
        var self = (await (await admin.GetAsync("/api/v1/staff")).ReadAsync<StaffAccountSummary[]>()).Single(a => a.Email == email);

        var refused = await admin.PutJsonAsync($"/api/v1/staff/{self.Id}", new UpdateStaffAccountRequest(me.Name, role, enabled));

        Assert.Contains("your own", (await refused.ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/staff")).StatusCode);
    }

    [Fact]
    public async Task ABadRoleOrEmptyName_IsA400NamingTheField_AndAnUnknownAccountIs404()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var created = await (await admin.PostJsonAsync("/api/v1/staff", new CreateStaffAccountRequest("sam@example.org", "Sam", HubRoles.Reviewer, HubFixture.Password)))
            .ReadAsync<StaffAccountSummary>(HttpStatusCode.Created);

        var bad = await (await admin.PutJsonAsync($"/api/v1/staff/{created.Id}", new UpdateStaffAccountRequest(" ", "Owner", true)))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(bad.FieldErrors("displayName"));
        Assert.NotEmpty(bad.FieldErrors("role"));
        await (await admin.PutJsonAsync("/api/v1/staff/nobody", new UpdateStaffAccountRequest("X", HubRoles.Reviewer, true))).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }
}
