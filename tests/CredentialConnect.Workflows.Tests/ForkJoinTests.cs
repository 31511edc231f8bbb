using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

public sealed class ForkJoinTests
{
    private readonly WorkflowHarness _harness = new();

    private IEnumerable<string?> Tags => _harness.Effects.Select(e => e.Payload["tag"]?.GetValue<string>());

    /// <summary>Two branches, one waiting a day and one two days, meeting at a join.</summary>
    private void PublishBranches(string mode) =>
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed")
            .Then("fork", "Fork")
            .Then("waitA", "Delay", new() { ["duration"] = "P1D" }, "a").Then("tagA", "AddTag", new() { ["tag"] = "a" })
            .Add("waitB", "Delay", new() { ["duration"] = "P2D" }).Connect("fork", "waitB", "b")
            .Then("tagB", "AddTag", new() { ["tag"] = "b" })
            .Add("join", "Join", new() { ["mode"] = mode }).Connect("tagA", "join").Connect("tagB", "join")
            .Then("joined", "AddTag", new() { ["tag"] = "joined" }).Build());

    [Fact]
    public async Task Fork_StartsEveryBranch()
    {
        PublishBranches("All");

        await _harness.RaiseAsync("ExamFailed", T0);

        Assert.Equal(["waitA", "waitB"], _harness.Instance.Bookmarks.Select(b => b.ActivityId).Order());
    }

    [Fact]
    public async Task JoinAll_ContinuesOnlyWhenEveryBranchHasArrived()
    {
        PublishBranches("All");
        await _harness.RaiseAsync("ExamFailed", T0);

        await _harness.AdvanceToAsync(Day(1));
        var afterFirst = Tags.ToList();
        await _harness.AdvanceToAsync(Day(2));

        Assert.Equal(["a"], afterFirst);
        Assert.Equal(["a", "b", "joined"], Tags);
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }

    [Fact]
    public async Task JoinAll_WithBranchesThatDoNotWait_ContinuesOnce()
    {
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed")
            .Then("fork", "Fork")
            .Then("tagA", "AddTag", new() { ["tag"] = "a" }, "a")
            .Add("tagB", "AddTag", new() { ["tag"] = "b" }).Connect("fork", "tagB", "b")
            .Add("join", "Join").Connect("tagA", "join").Connect("tagB", "join")
            .Then("joined", "AddTag", new() { ["tag"] = "joined" }).Build());

        await _harness.RaiseAsync("ExamFailed", T0);

        Assert.Equal(["a", "b", "joined"], Tags);
    }

    [Fact]
    public async Task JoinAny_ContinuesOnTheFirstBranchAndCancelsTheOthers()
    {
        PublishBranches("Any");
        await _harness.RaiseAsync("ExamFailed", T0);

        await _harness.AdvanceToAsync(Day(1));
        var afterFirst = _harness.Instance;
        await _harness.AdvanceToAsync(Day(5));

        Assert.Equal(["a", "joined"], Tags);
        Assert.Empty(afterFirst.Bookmarks);
        Assert.Equal(WorkflowStatus.Finished, afterFirst.Status);
        Assert.Contains(_harness.Store.JournalOf(afterFirst.InstanceId), j => j is { ActivityId: "waitB", Event: "Cancelled" });
    }
}
