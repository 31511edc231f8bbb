using System.Net;
using System.Text.Json.Nodes;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CredentialConnect.IntegrationTests.Workflows.Engine;

/// <summary>Task assignees, webhook addresses, skip ports, Continue incidents, cancel answers and migration refusals through the API.</summary>
public sealed class WorkflowRuntimeFaultTests(HubFixture hub) : HubTest(hub)
{
    private const string Instances = "/api/v1/workflow-instances";

    [Fact]
    public async Task AReviewer_DecidingATaskAssignedToAdmins_GetsForbidden_AndTheTaskStaysOpen()
    {
        await Hub.PublishAsync(new FlowBuilder("admin-review", DomainEventTypes.ExamFailed)
            .Then("review", "ApprovalTask", new JsonObject { ["assigneeRole"] = HubRoles.Admin }).Build());
        await FailExamAsync();
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);
        var task = Assert.Single((await (await reviewer.GetAsync("/api/v1/workflow-tasks?status=Open")).ReadAsync<Page<WorkflowTaskResponse>>()).Items);

        var refused = await (await reviewer.PostJsonAsync($"/api/v1/workflow-tasks/{task.Id}/decide", new { decision = "Approved" }))
            .ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var decided = await (await admin.PostJsonAsync($"/api/v1/workflow-tasks/{task.Id}/decide", new { decision = "Approved" })).ReadAsync<WorkflowTaskResponse>();

        Assert.Contains("Admin", refused.GetProperty("detail").GetString());
        Assert.Equal("Approved", decided.Status);
    }

    [Fact]
    public async Task AWebhookToLoopback_IsRefusedWithAnIncident_UnlessAllowListed()
    {
        using var partner = WireMockServer.Start();
        partner.Given(Request.Create().WithPath("/hooks/local").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        var url = $"http://127.0.0.1:{partner.Port}/hooks/local";
        await Hub.PublishAsync(new FlowBuilder("local-hook", DomainEventTypes.ExamFailed).Then("hook", "HttpWebhook", new JsonObject { ["url"] = url }).Build());
        var refusedMember = await FailExamAsync();

        await Hub.Factory.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(50, CancellationToken.None);
        var refused = await Hub.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == WorkflowWebhookChannel.Kind));
        var instance = await Hub.InstanceOfAsync(refusedMember);
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var listed = await (await admin.GetAsync($"{Instances}?hasOpenIncidents=true")).ReadAsync<Page<WorkflowInstanceSummary>>();
        var callsWhileRefused = partner.LogEntries.Count();

        var allowedMember = await FailExamAsync();
        await using var allowing = Hub.Factory.WithWebHostBuilder(b => b.UseSetting("Workflows:Webhooks:AllowedHosts:0", "127.0.0.1"));
        await allowing.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(50, CancellationToken.None);

        Assert.Equal(OutboxStatus.DeadLettered, refused.Status);
        Assert.Contains("loopback", refused.LastError);
        Assert.Equal(0, callsWhileRefused);
        var incident = Assert.Single(instance.ReadState().Incidents);
        Assert.Equal(("hook", false), (incident.ActivityId, incident.Resolved));
        Assert.Contains("loopback", incident.Message);
        Assert.Equal(instance.Id, Assert.Single(listed.Items).Id);
        Assert.Single(partner.LogEntries);
        Assert.Empty((await Hub.InstanceOfAsync(allowedMember)).ReadState().Incidents);
    }

    [Fact]
    public async Task Skip_ThroughAPortTheActivityDoesNotHave_Is400NamingTheValidPorts_AndTheChosenPortContinues()
    {
        await Hub.PublishAsync(new FlowBuilder("branching", DomainEventTypes.ExamFailed)
            .Then("check", "Decision", new JsonObject { ["condition"] = new JsonObject { ["expression"] = "input.nothing.here > 1", ["language"] = "JavaScript" } })
            .Then("high", "AddTag", new JsonObject { ["tag"] = "high" }, Ports.True)
            .From("check", Ports.False, "low", "AddTag", new JsonObject { ["tag"] = "low" }).Build());
        var member = await FailExamAsync();
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var instance = await Hub.InstanceOfAsync(member);
        var incident = Assert.Single(instance.ReadState().Incidents);

        var noPort = await (await admin.PostJsonAsync($"{Instances}/{instance.Id}/incidents/{incident.Id}/skip", new { })).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var wrongPort = await (await admin.PostJsonAsync($"{Instances}/{instance.Id}/incidents/{incident.Id}/skip", new { port = "Maybe" })).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var skipped = await (await admin.PostJsonAsync($"{Instances}/{instance.Id}/incidents/{incident.Id}/skip", new { port = "False" })).ReadAsync<WorkflowInstanceResponse>();

        Assert.Contains("True, False", noPort.GetProperty("errors").GetProperty("port")[0].GetString());
        Assert.Contains("no port 'Maybe'", wrongPort.GetProperty("errors").GetProperty("port")[0].GetString());
        Assert.Equal(nameof(WorkflowStatus.Finished), skipped.Instance.Status);
        Assert.Equal(["low"], await Hub.WithDbAsync(db => db.MemberTags.Where(t => t.MemberId == member.Id).Select(t => t.Tag).ToListAsync()));
    }

    [Fact]
    public async Task ContinueMode_RecordsTheIncidentOpen_AndListsTheInstance()
    {
        await Hub.PublishAsync(new FlowBuilder("carry-on", DomainEventTypes.ExamFailed)
            .Then("score", "SetVariable", new JsonObject { ["name"] = "x", ["value"] = new JsonObject { ["expression"] = "input.nothing.here", ["language"] = "JavaScript" } })
            .Then("tag", "AddTag", new JsonObject { ["tag"] = "carried" }).OnIncident(IncidentStrategy.Continue).Build());
        var member = await FailExamAsync();
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var listed = await (await admin.GetAsync($"{Instances}?hasOpenIncidents=true")).ReadAsync<Page<WorkflowInstanceSummary>>();

        var summary = Assert.Single(listed.Items);
        Assert.Equal((member.Id, nameof(WorkflowStatus.Finished), 1), (summary.MemberId, summary.Status, summary.OpenIncidents));
        Assert.Equal(["carried"], await Hub.WithDbAsync(db => db.MemberTags.Where(t => t.MemberId == member.Id).Select(t => t.Tag).ToListAsync()));
    }

    [Fact]
    public async Task Cancel_OfAFinishedInstanceIs409_AndOfAnUnknownOne404()
    {
        await Hub.PublishAsync(new FlowBuilder("quick", DomainEventTypes.ExamFailed).Then("tag", "AddTag", new JsonObject { ["tag"] = "done" }).Build());
        var member = await FailExamAsync();
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var id = (await Hub.InstanceOfAsync(member)).Id;

        var finished = await (await admin.PostJsonAsync($"{Instances}/{id}/cancel", new { })).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        var unknown = await admin.PostJsonAsync($"{Instances}/{Guid.NewGuid()}/cancel", new { });

        Assert.Contains("already Finished", finished.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Migrate_ToTheSameOrAnOlderVersionIs400_AndToOneWhoseTimerChangedIs409()
    {
        await Hub.PublishAsync(new FlowBuilder("timed", DomainEventTypes.ExamFailed).Then("wait", "Delay", new JsonObject { ["duration"] = "P1D" }).AsVersion(1).Build());
        await Hub.PublishAsync(new FlowBuilder("timed", DomainEventTypes.ExamFailed).Then("wait", "Delay", new JsonObject { ["duration"] = "P1D" }).AsVersion(2).Build());
        var member = await FailExamAsync();
        await Hub.PublishAsync(new FlowBuilder("timed", DomainEventTypes.ExamFailed).Then("wait", "Delay", new JsonObject { ["duration"] = "P9D" }).AsVersion(3).Build());
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var id = (await Hub.InstanceOfAsync(member)).Id;

        var same = await (await admin.PostJsonAsync($"{Instances}/{id}/migrate", new { toVersion = 2 })).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var older = await (await admin.PostJsonAsync($"{Instances}/{id}/migrate", new { toVersion = 1 })).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var changed = await (await admin.PostJsonAsync($"{Instances}/{id}/migrate", new { toVersion = 3 })).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);

        Assert.Contains("already on version 2", same.GetProperty("errors").GetProperty("toVersion")[0].GetString());
        Assert.Contains("older than version 2", older.GetProperty("errors").GetProperty("toVersion")[0].GetString());
        Assert.Contains("'duration' changed in version 3", changed.GetProperty("detail").GetString());
    }

    private async Task<Member> FailExamAsync()
    {
        var (admin, program) = await Hub.ExamProgramAsync();
        var member = await Hub.AddMemberAsync();
        await Hub.FailExamAsync(admin, member, program);
        return member;
    }
}
