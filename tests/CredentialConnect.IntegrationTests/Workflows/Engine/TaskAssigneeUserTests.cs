using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Workflows;

namespace CredentialConnect.IntegrationTests.Workflows.Engine;

/// <summary>An approval task assigned to one person: only they (or an Admin) may decide it.</summary>
public sealed class TaskAssigneeUserTests(HubFixture hub) : HubTest(hub)
{
    private const string Tasks = "/api/v1/workflow-tasks";

    [Fact]
    public async Task AnotherReviewer_DecidingATaskAssignedToOneReviewer_GetsForbidden_AndTheNamedReviewerDecidesIt()
    {
        // Arrange
        var named = $"named-reviewer-{Guid.NewGuid():N}@example.org";
        await PublishReviewAssignedToAsync("named-review", named.Replace("example.org", "Example.ORG"));
        await FailExamAsync();
        var namedReviewer = await SignedInAsAsync(named, HubRoles.Reviewer);
        var otherReviewer = await Hub.SignedInAsync(HubRoles.Reviewer);
        var task = Assert.Single((await (await otherReviewer.GetAsync($"{Tasks}?status=Open")).ReadAsync<Page<WorkflowTaskResponse>>()).Items);

        // Act
        var refused = await (await otherReviewer.PostJsonAsync($"{Tasks}/{task.Id}/decide", new { decision = "Rejected" }))
            .ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        var stillOpen = Assert.Single((await (await otherReviewer.GetAsync($"{Tasks}?status=Open")).ReadAsync<Page<WorkflowTaskResponse>>()).Items);
        var decided = await (await namedReviewer.PostJsonAsync($"{Tasks}/{task.Id}/decide", new { decision = "Approved" })).ReadAsync<WorkflowTaskResponse>();

        // Assert
        Assert.Equal(named, task.AssigneeEmail, ignoreCase: true);
        Assert.Contains(named, refused.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(task.Id, stillOpen.Id);
        Assert.Equal(("Approved", $"staff:{named}"), (decided.Status, decided.DecidedBy));
    }

    [Fact]
    public async Task AnAdmin_MayDecideATaskAssignedToOneReviewer()
    {
        // Arrange
        await PublishReviewAssignedToAsync("named-review-admin", $"someone-{Guid.NewGuid():N}@example.org");
        await FailExamAsync();
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var task = Assert.Single((await (await admin.GetAsync($"{Tasks}?status=Open")).ReadAsync<Page<WorkflowTaskResponse>>()).Items);

        // Act
        var decided = await (await admin.PostJsonAsync($"{Tasks}/{task.Id}/decide", new { decision = "Rejected" })).ReadAsync<WorkflowTaskResponse>();

        // Assert
        Assert.Equal("Rejected", decided.Status);
    }

    private Task PublishReviewAssignedToAsync(string definitionId, string email) =>
        Hub.PublishAsync(new FlowBuilder(definitionId, DomainEventTypes.ExamFailed)
            .Then("review", "ApprovalTask", new JsonObject { ["assigneeRole"] = HubRoles.Reviewer, ["assigneeEmail"] = email }).Build());

    private async Task FailExamAsync()
    {
        var (admin, program) = await Hub.ExamProgramAsync();
        await Hub.FailExamAsync(admin, await Hub.AddMemberAsync(), program);
    }

    private async Task<HttpClient> SignedInAsAsync(string email, string role)
    {
        await Hub.CreateAccountAsync(email, role);
        var client = Hub.Anonymous();
        (await client.PostAsJsonAsync("/auth/sign-in", new { email, password = HubFixture.Password })).EnsureSuccessStatusCode();
        return client;
    }
}
