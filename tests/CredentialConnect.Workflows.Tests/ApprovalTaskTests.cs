using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

public sealed class ApprovalTaskTests
{
    private readonly WorkflowHarness _harness = new();

    public ApprovalTaskTests() =>
        _harness.Publish(new FlowBuilder().Trigger("ApplicationSubmitted")
            .Then("review", "ApprovalTask", new()
            {
                ["assigneeRole"] = "Reviewer",
                ["dueIn"] = "P10D",
                ["escalation"] = new JsonObject { ["after"] = "P5D", ["notifyRole"] = "ProgramManager" },
            })
            .Then("approved", "AddTag", new() { ["tag"] = "approved" }, "Approved")
            .Add("rejected", "AddTag", new() { ["tag"] = "rejected" }).Connect("review", "rejected", "Rejected")
            .Add("overdue", "AddTag", new() { ["tag"] = "overdue" }).Connect("review", "overdue", "TimedOut").Build());

    private Bookmark Approval => _harness.Instance.Bookmarks.Single(b => b.Kind == BookmarkKind.Approval);

    [Fact]
    public async Task Start_AsksTheRoleWithADueDateAndWaitsOnAnApproval()
    {
        await _harness.RaiseAsync("ApplicationSubmitted", T0);

        var task = Assert.Single(_harness.Effects);
        Assert.Equal(("approval-task", "Reviewer"), (task.Kind, task.Payload["assigneeRole"]!.GetValue<string>()));
        Assert.Equal(Approval.Stimulus, task.Payload["taskId"]!.GetValue<string>());
        Assert.Equal(Day(10), Approval.ResumeAt);
    }

    [Theory]
    [InlineData("Approved", "approved")]
    [InlineData("Rejected", "rejected")]
    public async Task Decision_LeavesThroughItsPortAndRecordsTheComment(string decision, string expectedTag)
    {
        await _harness.RaiseAsync("ApplicationSubmitted", T0);

        await _harness.Engine.ResumeAsync(_harness.Instance.InstanceId, Approval.Id,
            new JsonObject { ["decision"] = decision, ["comment"] = "Checked the transcript." }, Day(2));

        Assert.Equal(expectedTag, _harness.Effects.Last().Payload["tag"]!.GetValue<string>());
        Assert.Equal("Checked the transcript.", _harness.Instance.Variables["review"]!["comment"]!.GetValue<string>());
        Assert.Empty(_harness.Instance.Bookmarks);
    }

    [Fact]
    public async Task Escalation_AfterFiveDays_NotifiesTheRoleAndKeepsWaiting()
    {
        await _harness.RaiseAsync("ApplicationSubmitted", T0);

        await _harness.AdvanceToAsync(Day(5));

        var notice = _harness.Effects.Last();
        Assert.Equal(("portal-notification", "ProgramManager", Day(5)), (notice.Kind, notice.Payload["role"]!.GetValue<string>(), notice.At));
        Assert.EndsWith("/review/1/escalation", notice.IdempotencyKey);
        Assert.Equal(WorkflowStatus.Suspended, _harness.Instance.Status);
        Assert.Equal(BookmarkKind.Approval, Assert.Single(_harness.Instance.Bookmarks).Kind);
    }

    [Fact]
    public async Task NoDecisionByTheDueDate_LeavesThroughTimedOut()
    {
        await _harness.RaiseAsync("ApplicationSubmitted", T0);

        await _harness.AdvanceToAsync(Day(10));

        Assert.Equal("overdue", _harness.Effects.Last().Payload["tag"]!.GetValue<string>());
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }
}
