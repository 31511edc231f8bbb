using System.Net;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Contract;

/// <summary>What a careful client expects of HTTP itself: a deleted record is gone, and a method a route does not take is a 405.</summary>
public sealed class HttpSemanticsTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task AfterADelete_TheProgramAnswers404_AndASecondDeleteToo()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await (await admin.PostJsonAsync("/api/v1/programs", new ProgramBuilder().Build())).ReadAsync<ProgramResponse>(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/programs/{program.Id}")).StatusCode);

        await (await admin.GetAsync($"/api/v1/programs/{program.Id}")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await (await admin.DeleteAsync($"/api/v1/programs/{program.Id}")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Fact]
    public async Task AfterADelete_TheMemberAnswers404_AndASecondDeleteToo()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/members/{member.Id}")).StatusCode);

        await (await admin.GetAsync($"/api/v1/members/{member.Id}")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await (await admin.DeleteAsync($"/api/v1/members/{member.Id}")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
    }

    [Theory]
    [InlineData("PUT", "/api/v1/workflow-definitions/import")]
    [InlineData("PUT", "/api/v1/workflow-definitions/validate")]
    [InlineData("DELETE", "/api/v1/workflow-definitions/validate")]
    [InlineData("PATCH", "/api/v1/programs")]
    public async Task AMethodTheRouteDoesNotTake_Is405_WithTheMethodsItDoesTake(string method, string path)
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.NotEmpty(response.Content.Headers.Allow);
        Assert.DoesNotContain(method, response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("Validate")]
    public async Task AWorkflowDefinition_CannotTakeOneOfTheApisOwnWordsAsItsId(string id)
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PostJsonAsync("/api/v1/workflow-definitions", new { definitionId = id, name = "Named like a route", root = new { activities = Array.Empty<object>(), connections = Array.Empty<object>() } });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains("own words", Assert.Single(problem.FieldErrors("definitionId")));
    }
}
