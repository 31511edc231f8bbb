using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

public sealed class FlowActivityTests
{
    private readonly WorkflowHarness _harness = new();

    private static JsonObject Tag(string tag) => new() { ["tag"] = tag };

    private IEnumerable<string?> Tags => _harness.Effects.Select(e => e.Payload["tag"]?.GetValue<string>());

    [Theory]
    [InlineData("P3D")]
    [InlineData("3.00:00:00")]
    public async Task Delay_WaitsOnATimerAndContinuesWhenItIsDue(string duration)
    {
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed")
            .Then("wait", "Delay", new() { ["duration"] = duration }).Then("tag", "AddTag", Tag("later")).Build());

        await _harness.RaiseAsync("ExamFailed", T0);
        var waiting = _harness.Instance;
        await _harness.AdvanceToAsync(Day(3));

        var timer = Assert.Single(waiting.Bookmarks);
        Assert.Equal((BookmarkKind.Timer, Day(3)), (timer.Kind, timer.ResumeAt));
        Assert.Equal(WorkflowStatus.Suspended, waiting.Status);
        Assert.Equal(Day(3), Assert.Single(_harness.Effects).At);
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }

    [Fact]
    public async Task WaitUntil_AMomentAhead_WaitsUntilThen()
    {
        _harness.Scripts.Returns("input.expiresAt", s => s.Input["expiresAt"]);
        _harness.Publish(new FlowBuilder().Trigger("CredentialExpiring")
            .Then("until", "WaitUntil", new() { ["until"] = new JsonObject { ["expression"] = "input.expiresAt" } })
            .Then("tag", "AddTag", Tag("expired")).Build());

        await _harness.RaiseAsync("CredentialExpiring", T0, new JsonObject { ["expiresAt"] = Day(30).ToString("O") });

        Assert.Equal(Day(30), Assert.Single(_harness.Instance.Bookmarks).ResumeAt);
        Assert.Empty(_harness.Effects);
    }

    [Fact]
    public async Task WaitUntil_AMomentPast_ContinuesAtOnce()
    {
        _harness.Publish(new FlowBuilder().Trigger("CredentialExpiring")
            .Then("until", "WaitUntil", new() { ["until"] = Day(-1).ToString("O") }).Then("tag", "AddTag", Tag("expired")).Build());

        await _harness.RaiseAsync("CredentialExpiring", T0);

        Assert.Equal(["expired"], Tags);
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }

    [Theory]
    [InlineData(true, "eligible")]
    [InlineData(false, "review")]
    public async Task Decision_LeavesThroughTrueOrFalse(bool eligible, string expectedTag)
    {
        _harness.Scripts.Returns("input.eligible", s => s.Input["eligible"]);
        _harness.Publish(new FlowBuilder().Trigger("ApplicationSubmitted")
            .Then("decide", "Decision", new() { ["condition"] = "input.eligible" })
            .Then("yes", "AddTag", Tag("eligible"), Ports.True)
            .Add("no", "AddTag", Tag("review")).Connect("decide", "no", Ports.False).Build());

        await _harness.RaiseAsync("ApplicationSubmitted", T0, new JsonObject { ["eligible"] = eligible });

        Assert.Equal([expectedTag], Tags);
    }

    [Theory]
    [InlineData(30, "low")]
    [InlineData(55, "close")]
    [InlineData(90, "other")]
    public async Task Switch_LeavesThroughTheFirstTrueCaseOrDefault(double score, string expectedTag)
    {
        _harness.Scripts.Returns("input.score < 40", s => (double)s.Input["score"]! < 40)
            .Returns("input.score < 70", s => (double)s.Input["score"]! < 70);
        var cases = new JsonArray(
            new JsonObject { ["name"] = "Low", ["condition"] = "input.score < 40" },
            new JsonObject { ["name"] = "Close", ["condition"] = "input.score < 70" });
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed")
            .Then("band", "Switch", new() { ["cases"] = cases })
            .Then("low", "AddTag", Tag("low"), "Low")
            .Add("close", "AddTag", Tag("close")).Connect("band", "close", "Close")
            .Add("other", "AddTag", Tag("other")).Connect("band", "other", Ports.Default).Build());

        await _harness.RaiseAsync("ExamFailed", T0, new JsonObject { ["score"] = score });

        Assert.Equal([expectedTag], Tags);
    }

    private void PublishRetakeWait() =>
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed")
            .Then("await", "WaitForEvent", new() { ["eventType"] = "ExamRegistered", ["timeout"] = "P14D" })
            .Then("registered", "AddTag", Tag("registered"))
            .Add("reminder", "AddTag", Tag("reminded")).Connect("await", "reminder", Ports.TimedOut).Build());

    [Fact]
    public async Task WaitForEvent_WaitsOnTheMembersStimulusWithATimeout()
    {
        PublishRetakeWait();

        await _harness.RaiseAsync("ExamFailed", T0);

        var bookmark = Assert.Single(_harness.Instance.Bookmarks);
        Assert.Equal((BookmarkKind.Event, $"ExamRegistered:{Member}", Day(14)), (bookmark.Kind, bookmark.Stimulus, bookmark.ResumeAt));
    }

    [Fact]
    public async Task WaitForEvent_WhenTheEventArrives_LeavesThroughDoneWithTheEvent()
    {
        PublishRetakeWait();
        await _harness.RaiseAsync("ExamFailed", T0);

        await _harness.RaiseAsync("ExamRegistered", Day(4), new JsonObject { ["sittingId"] = "s-9" });
        await _harness.AdvanceToAsync(Day(20));

        Assert.Equal(["registered"], Tags);
        Assert.Equal("s-9", _harness.Instance.Variables["await"]!["event"]!["sittingId"]!.GetValue<string>());
    }

    [Fact]
    public async Task WaitForEvent_WhenTheTimeoutPasses_LeavesThroughTimedOut()
    {
        PublishRetakeWait();
        await _harness.RaiseAsync("ExamFailed", T0);

        await _harness.RaiseAsync("ExamRegistered", Day(2), member: Guid.NewGuid());
        await _harness.AdvanceToAsync(Day(14));

        Assert.Equal(["reminded"], Tags);
        Assert.Equal(Day(14), _harness.Effects.Single().At);
    }

    [Fact]
    public async Task End_FinishesTheInstanceAndStopsBranchesStillWaiting()
    {
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed")
            .Then("fork", "Fork")
            .Then("wait", "Delay", new() { ["duration"] = "P1D" }, "slow").Then("late", "AddTag", Tag("late"))
            .Add("end", "End").Connect("fork", "end", "fast").Build());

        await _harness.RaiseAsync("ExamFailed", T0);
        await _harness.AdvanceToAsync(Day(2));

        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
        Assert.Empty(_harness.Instance.Bookmarks);
        Assert.Empty(_harness.Effects);
    }

    [Fact]
    public async Task OnEvent_WithAFalseFilterOrAnotherProgram_StartsNothing()
    {
        _harness.Scripts.Returns("input.attemptNumber >= 2", s => (double)s.Input["attemptNumber"]! >= 2);
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed", new() { ["program"] = "CPA", ["filter"] = "input.attemptNumber >= 2" })
            .Then("tag", "AddTag", Tag("second-fail")).Build());

        await _harness.RaiseAsync("ExamFailed", T0, new JsonObject { ["attemptNumber"] = 1 }, program: "CPA");
        await _harness.RaiseAsync("ExamFailed", T0, new JsonObject { ["attemptNumber"] = 2 }, program: "CMA");
        await _harness.RaiseAsync("ExamFailed", T0, new JsonObject { ["attemptNumber"] = 2 }, program: "CPA");

        Assert.Equal(["second-fail"], Tags);
    }

    [Theory]
    [InlineData("Manual")]
    [InlineData("OnSchedule")]
    public async Task ManualAndScheduleTriggers_StartTheirFlows(string triggerType)
    {
        var definition = new FlowBuilder().Add("start", triggerType, triggerType == "OnSchedule" ? new() { ["daysBeforeExpiry"] = 90 } : null)
            .Then("tag", "AddTag", Tag("started")).Build();
        _harness.Publish(definition);
        var type = triggerType == "Manual" ? Activities.Triggers.Manual.TriggerType : Activities.Triggers.OnSchedule.TriggerType;

        var step = await _harness.Engine.StartAsync(definition, Event(type, T0));
        var notStarted = await _harness.Engine.StartAsync(definition, Event("ExamFailed", T0));

        Assert.NotNull(step);
        Assert.Null(notStarted);
        Assert.Equal(["started"], Tags);
    }
}
