using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Activities;

namespace CredentialConnect.IntegrationTests.Workflows.Definitions;

public sealed class WorkflowActivitiesApiTests(HubFixture hub) : HubTest(hub)
{
    private const string Url = "/api/v1/workflow-activities";

    [Fact]
    public async Task List_GroupsEveryActivityByCategoryWithItsPropertyForm()
    {
        var member = await Hub.SignedInAsync(HubRoles.Member);

        var catalog = await (await member.GetAsync(Url)).ReadAsync<ActivityCatalog>();

        Assert.Equal(ActivityRegistry.Default.Descriptors.Count, catalog.Categories.Sum(c => c.Activities.Count));
        var triggers = Assert.Single(catalog.Categories, c => c.Name == "Triggers");
        Assert.Equal(["Manual", "OnEvent", "OnSchedule"], triggers.Activities.Select(a => a.TypeName).Order());
        var email = catalog.Categories.SelectMany(c => c.Activities).Single(a => a.TypeName == "SendEmail");
        var subject = Assert.Single(email.Inputs, i => i.Name == "subject");
        Assert.Equal(("liquid", true), (subject.UIHint, subject.Required));
        var approval = catalog.Categories.SelectMany(c => c.Activities).Single(a => a.TypeName == "ApprovalTask");
        Assert.Equal(["Approved", "Rejected", "TimedOut"], approval.Ports.Order());
    }

    [Fact]
    public async Task List_ForOneCategory_ReturnsOnlyThatGroup()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var catalog = await (await admin.GetAsync($"{Url}?category=triggers")).ReadAsync<ActivityCatalog>();

        Assert.Equal("Triggers", Assert.Single(catalog.Categories).Name);
        Assert.All(catalog.Categories[0].Activities, a => Assert.True(a.IsTrigger));
    }

    [Fact]
    public async Task List_ForAnUnknownCategory_Returns400NamingTheCategories()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.GetAsync($"{Url}?category=Fax")).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("Triggers", Assert.Single(problem.FieldErrors("category")));
    }

    [Fact]
    public async Task List_WithoutSigningIn_Returns401()
    {
        var response = await Hub.Anonymous().GetAsync(Url);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
