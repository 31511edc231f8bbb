using System.Net;
using System.Text.Json.Nodes;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Workflows.Engine;

/// <summary>Gone bookmarks, repeated and early events, runaway scripts and reviewers' decisions, through the hub.</summary>
public sealed class EngineFaultTests(HubFixture hub) : HubTest(hub)
{
    private const string Instances = "/api/v1/workflow-instances";

    [Fact]
    public async Task Resume_OfABookmarkThatIsGone_IsANoOp_AndASecondFireOfATimerChangesNothing()
    {
        await Hub.PublishAsync(new FlowBuilder("settle", DomainEventTypes.ExamFailed)
            .Then("wait", "Delay", new JsonObject { ["duration"] = "P1D" }).Then("tag", "AddTag", new JsonObject { ["tag"] = "nudged" }).Build());
        var member = await FailExamAsync();
        var instance = await InstanceOfAsync(member);
        var timer = await Hub.WithDbAsync(db => db.WorkflowBookmarks.SingleAsync(b => b.InstanceId == instance.Id));
        Hub.Factory.Clock.Advance(TimeSpan.FromDays(1));

        Assert.True(await Hub.Timers().ResumeAsync(instance.Id, timer.Id, CancellationToken.None));
        Assert.False(await Hub.Timers().ResumeAsync(instance.Id, timer.Id, CancellationToken.None));
        Assert.False(await Hub.Timers().ResumeAsync(instance.Id, Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(WorkflowStatus.Finished, (await InstanceOfAsync(member)).Status);
        Assert.Equal(1, await Hub.WithDbAsync(db => db.MemberTags.CountAsync(t => t.MemberId == member.Id && t.Tag == "nudged")));
        Assert.Equal(1, await Hub.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == "add-tag")));
    }

    [Fact]
    public async Task AnEventDeliveredTwice_StartsNothingNew()
    {
        await Hub.PublishAsync(new FlowBuilder("settle", DomainEventTypes.ExamFailed).Then("wait", "Delay", new JsonObject { ["duration"] = "P1D" }).Build());
        var member = await FailExamAsync();
        var journalLines = await Hub.WithDbAsync(db => db.WorkflowJournal.CountAsync());

        await Hub.WithDbAsync(db => db.DomainEvents.Where(e => e.Type == DomainEventTypes.ExamFailed)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.HandledAt, (DateTimeOffset?)null)));
        await Hub.DispatchEventsAsync();

        Assert.Equal(1, await Hub.WithDbAsync(db => db.WorkflowInstances.CountAsync(i => i.MemberId == member.Id)));
        Assert.Equal(1, await Hub.WithDbAsync(db => db.WorkflowBookmarks.CountAsync()));
        Assert.Equal(journalLines, await Hub.WithDbAsync(db => db.WorkflowJournal.CountAsync()));
    }

    [Fact]
    public async Task AnEventThatArrivesBeforeItsWait_IsDeliveredWhenTheWaitAppears()
    {
        await Hub.PublishAsync(new FlowBuilder("await-booking", DomainEventTypes.ExamFailed)
            .Then("booked", "WaitForEvent", new JsonObject { ["eventType"] = DomainEventTypes.ExamRegistered, ["timeout"] = "P14D" })
            .Then("thanks", "AddTag", new JsonObject { ["tag"] = "booked" })
            .From("booked", Ports.TimedOut, "late", "AddTag", new JsonObject { ["tag"] = "never-booked" }).Build());
        var (admin, program) = await Hub.ExamProgramAsync();
        var member = await Hub.AddMemberAsync();

        // The booking is recorded before the LMS reports the failed sitting.
        (await admin.PostJsonAsync("/api/v1/exam-registrations", new { memberId = member.Id, programId = program.Id, scheduledFor = Hub.Now.AddDays(20) }))
            .EnsureSuccessStatusCode();
        await Hub.DispatchEventsAsync();
        Hub.Factory.Clock.Advance(TimeSpan.FromMinutes(10));
        await Hub.FailExamAsync(admin, member, program);

        Assert.Equal(WorkflowStatus.Finished, (await InstanceOfAsync(member)).Status);
        Assert.Equal(["booked"], await Hub.WithDbAsync(db => db.MemberTags.Where(t => t.MemberId == member.Id).Select(t => t.Tag).ToListAsync()));
        Assert.NotNull((await Hub.WithDbAsync(db => db.PendingStimuli.SingleAsync())).DeliveredAt);
    }

    [Fact]
    public async Task AScriptThatLoopsForever_BecomesAnIncident_TheHostStaysHealthy_AndSkipContinues()
    {
        await Hub.PublishAsync(new FlowBuilder("runaway", DomainEventTypes.ExamFailed)
            .Then("spin", "SetVariable", new JsonObject { ["name"] = "x", ["value"] = "while (true) {}" })
            .Then("tag", "AddTag", new JsonObject { ["tag"] = "after-skip" }).Build());
        var member = await FailExamAsync();
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var faulted = await (await admin.GetAsync($"{Instances}/{(await InstanceOfAsync(member)).Id}")).ReadAsync<WorkflowInstanceResponse>();
        Assert.Equal(nameof(WorkflowStatus.Faulted), faulted.Instance.Status);
        var incident = Assert.Single(faulted.Incidents);
        Assert.Equal("spin", incident.ActivityId);
        Assert.Equal(HttpStatusCode.OK, (await Hub.Anonymous().GetAsync("/health/live")).StatusCode);

        var skipped = await (await admin.PostAsync($"{Instances}/{faulted.Instance.Id}/incidents/{incident.Id}/skip", null)).ReadAsync<WorkflowInstanceResponse>();

        Assert.Equal(nameof(WorkflowStatus.Finished), skipped.Instance.Status);
        Assert.True(await Hub.WithDbAsync(db => db.MemberTags.AnyAsync(t => t.MemberId == member.Id && t.Tag == "after-skip")));
    }

    [Fact]
    public async Task AnApprovalTaskDecidedThroughTheApi_ResumesTheFlowThroughItsPort()
    {
        await Hub.PublishAsync(new FlowBuilder("review", DomainEventTypes.ExamFailed)
            .Then("review", "ApprovalTask", new JsonObject { ["assigneeRole"] = HubRoles.Reviewer, ["dueIn"] = "P5D" })
            .Then("approved", "AddTag", new JsonObject { ["tag"] = "approved" }, Ports.Approved)
            .From("review", Ports.Rejected, "rejected", "AddTag", new JsonObject { ["tag"] = "rejected" }).Build());
        var member = await FailExamAsync();
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);

        var open = await (await reviewer.GetAsync("/api/v1/workflow-tasks?status=Open")).ReadAsync<CredentialConnect.Web.Api.Page<WorkflowTaskResponse>>();
        var task = Assert.Single(open.Items);
        var decided = await (await reviewer.PostJsonAsync($"/api/v1/workflow-tasks/{task.Id}/decide", new { decision = "Approved", comment = "Looks right." }))
            .ReadAsync<WorkflowTaskResponse>();

        Assert.Equal("Approved", decided.Status);
        Assert.Equal(WorkflowStatus.Finished, (await InstanceOfAsync(member)).Status);
        Assert.Equal(["approved"], await Hub.WithDbAsync(db => db.MemberTags.Where(t => t.MemberId == member.Id).Select(t => t.Tag).ToListAsync()));
        Assert.Empty((await (await reviewer.GetAsync("/api/v1/workflow-tasks?status=Open")).ReadAsync<CredentialConnect.Web.Api.Page<WorkflowTaskResponse>>()).Items);
    }

    [Fact]
    public async Task InstancesApi_ListsFiltersJournalsCancels_AndRefusesAMigrationThatDropsTheWait()
    {
        var settle = new FlowBuilder("settle", DomainEventTypes.ExamFailed).Then("wait", "Delay", new JsonObject { ["duration"] = "P1D" });
        await Hub.PublishAsync(settle.Build());
        var member = await FailExamAsync();
        await Hub.PublishAsync(new FlowBuilder("settle", DomainEventTypes.ExamFailed).Then("pause", "Delay", new JsonObject { ["duration"] = "P2D" }).AsVersion(2).Build());
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var id = (await InstanceOfAsync(member)).Id;

        var listed = await (await admin.GetAsync($"{Instances}?memberId={member.Id}&status=Suspended")).ReadAsync<CredentialConnect.Web.Api.Page<WorkflowInstanceSummary>>();
        var journal = await (await admin.GetAsync($"{Instances}/{id}/journal")).ReadAsync<CredentialConnect.Web.Api.Page<WorkflowJournalLine>>();
        var refused = await (await admin.PostJsonAsync($"{Instances}/{id}/migrate", new { toVersion = 2 })).ProblemAsync(HttpStatusCode.Conflict, CredentialConnect.Web.Api.Problems.Conflict);
        var cancelled = await (await admin.PostJsonAsync($"{Instances}/{id}/cancel", new { reason = "Member asked." })).ReadAsync<WorkflowInstanceResponse>();

        Assert.Equal(id, Assert.Single(listed.Items).Id);
        Assert.Contains(journal.Items, l => l.ActivityId == "start");
        Assert.Contains(journal.Items, l => l.ActivityId == "wait");
        Assert.Contains("'wait' is waiting but is not in version 2", refused.GetProperty("detail").GetString());
        Assert.Equal(nameof(WorkflowStatus.Cancelled), cancelled.Instance.Status);
        Assert.Empty(cancelled.Bookmarks);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Hub.SignedInAsync(HubRoles.Reviewer)).GetAsync(Instances)).StatusCode);
    }

    private async Task<Member> FailExamAsync()
    {
        var (admin, program) = await Hub.ExamProgramAsync();
        var member = await Hub.AddMemberAsync();
        await Hub.FailExamAsync(admin, member, program);
        return member;
    }

    private Task<WorkflowInstance> InstanceOfAsync(Member member) => Hub.InstanceOfAsync(member);
}
