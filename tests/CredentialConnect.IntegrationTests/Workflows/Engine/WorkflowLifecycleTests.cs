using System.Net;
using System.Text.Json.Nodes;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Definitions;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Workflows.Engine;

/// <summary>Republishing an older version, disabling and enabling a flow, and starting a Manual flow for chosen members.</summary>
public sealed class WorkflowLifecycleTests(HubFixture hub) : HubTest(hub)
{
    private const string Definitions = "/api/v1/workflow-definitions";

    [Fact]
    public async Task AnOlderVersion_Republished_BecomesTheLatestPublished()
    {
        await Hub.PublishAsync(new FlowBuilder("rollback", DomainEventTypes.ExamFailed).Then("tag", "AddTag", new JsonObject { ["tag"] = "v1" }).AsVersion(1).Build());
        await Hub.PublishAsync(new FlowBuilder("rollback", DomainEventTypes.ExamFailed).Then("tag", "AddTag", new JsonObject { ["tag"] = "v2" }).AsVersion(2).Build());
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var republished = await (await admin.PostJsonAsync($"{Definitions}/rollback/publish", new { version = 1 })).ReadAsync<WorkflowDefinitionResponse>();
        var again = await (await admin.PostJsonAsync($"{Definitions}/rollback/publish", new { version = 1 })).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
        var (admin2, program) = await Hub.ExamProgramAsync();
        var member = await Hub.AddMemberAsync();
        await Hub.FailExamAsync(admin2, member, program);

        Assert.True(republished.IsLatestPublished);
        Assert.Contains("already the published version", again.GetProperty("detail").GetString());
        Assert.Equal(1, (await Hub.InstanceOfAsync(member)).DefinitionVersion);
        Assert.Equal(["v1"], await Hub.WithDbAsync(db => db.MemberTags.Where(t => t.MemberId == member.Id).Select(t => t.Tag).ToListAsync()));
    }

    [Fact]
    public async Task ADisabledFlow_StartsNothing_UntilEnabled()
    {
        await Hub.PublishAsync(new FlowBuilder("switchable", DomainEventTypes.ExamFailed).Then("tag", "AddTag", new JsonObject { ["tag"] = "on" }).Build());
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var (staff, program) = await Hub.ExamProgramAsync();

        var disabled = await (await admin.PostJsonAsync($"{Definitions}/switchable/disable", new { })).ReadAsync<WorkflowDefinitionResponse>();
        var whileOff = await Hub.AddMemberAsync();
        await Hub.FailExamAsync(staff, whileOff, program);
        var twice = await admin.PostJsonAsync($"{Definitions}/switchable/disable", new { });
        var enabled = await (await admin.PostJsonAsync($"{Definitions}/switchable/enable", new { })).ReadAsync<WorkflowDefinitionResponse>();
        var afterOn = await Hub.AddMemberAsync();
        await Hub.FailExamAsync(staff, afterOn, program);

        Assert.True(disabled.IsDisabled);
        Assert.False(await Hub.WithDbAsync(db => db.WorkflowInstances.AnyAsync(i => i.MemberId == whileOff.Id)));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.False(enabled.IsDisabled);
        Assert.True(await Hub.WithDbAsync(db => db.WorkflowInstances.AnyAsync(i => i.MemberId == afterOn.Id)));
    }

    [Fact]
    public async Task AManualFlow_StartsForTheChosenMembers_OncePerRequestKey()
    {
        var onEvent = new FlowBuilder("by-hand", "Unused").Then("tag", "AddTag", new JsonObject { ["tag"] = "by-hand" }).Build();
        await Hub.PublishAsync(onEvent with { Root = onEvent.Root with { Activities = [new ActivityNode { Id = "start", Type = "Manual" }, .. onEvent.Root.Activities.Skip(1)] } });
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var (ada, grace) = (await Hub.AddMemberAsync(), await Hub.AddMemberAsync());

        var first = await (await admin.PostJsonAsync($"{Definitions}/by-hand/start", new { memberIds = new[] { ada.Id, grace.Id }, requestKey = "spring-outreach" }))
            .ReadAsync<StartWorkflowResponse>();
        var repeat = await (await admin.PostJsonAsync($"{Definitions}/by-hand/start", new { memberIds = new[] { ada.Id }, requestKey = "spring-outreach" }))
            .ReadAsync<StartWorkflowResponse>();
        var unknownMember = await admin.PostJsonAsync($"{Definitions}/by-hand/start", new { memberIds = new[] { Guid.NewGuid() } });
        var unknownFlow = await admin.PostJsonAsync($"{Definitions}/no-such-flow/start", new { memberIds = new[] { ada.Id } });
        var reviewer = await (await Hub.SignedInAsync(HubRoles.Reviewer)).PostJsonAsync($"{Definitions}/by-hand/start", new { memberIds = new[] { ada.Id } });

        Assert.All(first.Instances, i => Assert.True(i.Started));
        Assert.False(Assert.Single(repeat.Instances).Started);
        Assert.Equal(first.Instances.Single(i => i.MemberId == ada.Id).InstanceId, repeat.Instances.Single().InstanceId);
        Assert.Equal(2, await Hub.WithDbAsync(db => db.MemberTags.CountAsync(t => t.Tag == "by-hand")));
        Assert.Equal(HttpStatusCode.BadRequest, unknownMember.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownFlow.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, reviewer.StatusCode);
    }
}
