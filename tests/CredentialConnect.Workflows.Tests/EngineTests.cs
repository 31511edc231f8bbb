using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

public sealed class EngineTests
{
    private readonly WorkflowHarness _harness = new();

    public EngineTests() =>
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed")
            .Then("await", "WaitForEvent", new() { ["eventType"] = "CourseCompleted", ["timeout"] = "P14D" })
            .Then("tag", "AddTag", new() { ["tag"] = "studied" })
            .CancelOn("ExamRegistered").Build());

    [Fact]
    public async Task Runner_ResumingABookmarkThatIsGone_ReturnsTheSameStateWithNoEffects()
    {
        await _harness.RaiseAsync("ExamFailed", T0);
        var state = _harness.Instance;
        var definition = (await _harness.Store.FindDefinitionAsync("flow", 1, default))!;

        var step = _harness.Runner.Resume(definition, state, Guid.NewGuid(), [], Day(1));

        Assert.Same(state, step.State);
        Assert.Empty(step.Effects);
        Assert.Empty(step.Journal);
    }

    [Fact]
    public async Task Engine_ResumingAGoneBookmarkOrInstance_DoesNothing()
    {
        await _harness.RaiseAsync("ExamFailed", T0);
        var state = _harness.Instance;

        var goneBookmark = await _harness.Engine.ResumeAsync(state.InstanceId, Guid.NewGuid(), null, Day(1));
        var goneInstance = await _harness.Engine.ResumeAsync(Guid.NewGuid(), state.Bookmarks[0].Id, null, Day(1));

        Assert.Null(goneBookmark);
        Assert.Null(goneInstance);
        Assert.Same(state, _harness.Instance);
    }

    [Fact]
    public async Task TheSameTimerFiredTwice_ResumesOnce()
    {
        await _harness.RaiseAsync("ExamFailed", T0);
        var timeout = _harness.Instance.Bookmarks.Single();

        var first = await _harness.Engine.ResumeAsync(_harness.Instance.InstanceId, timeout.Id, null, Day(14));
        var second = await _harness.Engine.ResumeAsync(_harness.Instance.InstanceId, timeout.Id, null, Day(14));

        Assert.NotNull(first);
        Assert.Null(second);
    }

    [Fact]
    public async Task AnEventDeliveredTwice_ChangesNothingTheSecondTime()
    {
        await _harness.RaiseAsync("ExamFailed", T0);
        await _harness.RaiseAsync("ExamFailed", T0);
        await _harness.RaiseAsync("CourseCompleted", Day(2));
        var afterFirst = (_harness.Instance, _harness.Effects.Count, _harness.Store.JournalOf(_harness.Instance.InstanceId).Count);

        var again = await _harness.RaiseAsync("CourseCompleted", Day(2));

        Assert.Empty(again);
        Assert.Equal(afterFirst, (_harness.Instance, _harness.Effects.Count, _harness.Store.JournalOf(_harness.Instance.InstanceId).Count));
        Assert.Single(_harness.Store.Instances);
        Assert.Equal(1, afterFirst.Item2);
    }

    [Fact]
    public async Task ACancelOnEvent_EndsTheMembersInstanceOnly()
    {
        var other = Guid.NewGuid();
        await _harness.RaiseAsync("ExamFailed", T0);
        await _harness.RaiseAsync("ExamFailed", T0, member: other);

        await _harness.RaiseAsync("ExamRegistered", Day(3));
        await _harness.AdvanceToAsync(Day(30));

        var mine = _harness.Store.Instances.Single(i => i.MemberId == Member);
        var theirs = _harness.Store.Instances.Single(i => i.MemberId == other);
        Assert.Equal((WorkflowStatus.Cancelled, 0), (mine.Status, mine.Bookmarks.Count));
        Assert.Equal(WorkflowStatus.Finished, theirs.Status);
        Assert.DoesNotContain(_harness.Effects, e => e.Payload["memberId"]!.GetValue<Guid>() == Member);
        Assert.Contains(_harness.Store.JournalOf(mine.InstanceId), j => j.Event == "Cancelled" && j.Message == "ExamRegistered arrived.");
    }

    [Fact]
    public async Task CancellingAnInstanceThatIsOver_DoesNothing()
    {
        await _harness.RaiseAsync("ExamFailed", T0);
        await _harness.Engine.CancelAsync(_harness.Instance.InstanceId, "Withdrawn", Day(1));

        var again = await _harness.Engine.CancelAsync(_harness.Instance.InstanceId, "Withdrawn", Day(2));

        Assert.Null(again);
        Assert.Equal((WorkflowStatus.Cancelled, Day(1)), (_harness.Instance.Status, _harness.Instance.UpdatedAt));
    }

    [Fact]
    public async Task Journal_RecordsEachActivityInOrder()
    {
        await _harness.RaiseAsync("ExamFailed", T0);
        await _harness.RaiseAsync("CourseCompleted", Day(1), new JsonObject { ["course"] = "Ethics" });

        var journal = _harness.Store.JournalOf(_harness.Instance.InstanceId).Select(j => $"{j.ActivityId}:{j.Event}");

        Assert.Equal(["workflow:Started", "trigger:Completed", "await:Suspended", "await:Resumed", "await:Completed", "tag:Completed", "workflow:Finished"], journal);
    }
}
