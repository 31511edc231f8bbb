using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

public sealed class IncidentTests
{
    private const string Script = "input.score * 2";
    private readonly WorkflowHarness _harness = new();

    private void PublishScoring(IncidentStrategy strategy) =>
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed")
            .Then("score", "SetVariable", new() { ["name"] = "doubled", ["value"] = Script })
            .Then("tag", "AddTag", new() { ["tag"] = "scored" })
            .OnIncident(strategy).Build());

    /// <summary>An instance faulted at 'score', its script failing.</summary>
    private async Task StartFaultedAsync()
    {
        _harness.Scripts.Throws(Script, new ScriptException("boom"));
        PublishScoring(IncidentStrategy.Fault);
        await _harness.RaiseAsync("ExamFailed", T0);
    }

    private IEnumerable<string?> Tags => _harness.Effects.Select(e => e.Payload["tag"]?.GetValue<string>());

    [Fact]
    public async Task AScriptOverItsLimits_WithFault_FaultsTheInstanceWithAnIncident()
    {
        _harness.Scripts.Throws(Script, new ScriptLimitException("The script ran for more than 100 ms."));
        PublishScoring(IncidentStrategy.Fault);

        await _harness.RaiseAsync("ExamFailed", T0);

        var incident = Assert.Single(_harness.Instance.Incidents);
        Assert.Equal(WorkflowStatus.Faulted, _harness.Instance.Status);
        Assert.Equal(("score", "SetVariable", false, 1), (incident.ActivityId, incident.ActivityType, incident.Resolved, incident.Attempts));
        Assert.Contains("Activity 'score' (SetVariable) failed: The script ran for more than 100 ms.", incident.Message);
        Assert.Empty(_harness.Effects);
    }

    [Fact]
    public async Task AFailingScript_WithContinue_CarriesOnThroughDone_AndLeavesTheIncidentOpen()
    {
        _harness.Scripts.Throws(Script, new ScriptException("score is not defined"));
        PublishScoring(IncidentStrategy.Continue);

        await _harness.RaiseAsync("ExamFailed", T0);

        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
        Assert.Equal(["scored"], Tags);
        Assert.False(Assert.Single(_harness.Instance.Incidents).Resolved);
        Assert.Contains(_harness.Store.JournalOf(_harness.Instance.InstanceId), j => j is { ActivityId: "score", Event: "Faulted" });
    }

    [Fact]
    public async Task Retry_AfterTheCauseIsFixed_RunsTheActivityAndContinues()
    {
        await StartFaultedAsync();
        var incident = _harness.Instance.Incidents.Single();
        _harness.Scripts.Returns(Script, 120.0);

        await _harness.Engine.RetryAsync(_harness.Instance.InstanceId, incident.Id, Day(1));

        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
        Assert.Equal(120, _harness.Instance.Variables["doubled"]!.GetValue<double>());
        Assert.True(_harness.Instance.Incidents.Single().Resolved);
        Assert.Equal(["scored"], Tags);
    }

    [Fact]
    public async Task Retry_ThatFailsAgain_CountsTheAttemptAndStaysFaulted()
    {
        await StartFaultedAsync();

        await _harness.Engine.RetryAsync(_harness.Instance.InstanceId, _harness.Instance.Incidents.Single().Id, Day(1));

        var incident = Assert.Single(_harness.Instance.Incidents);
        Assert.Equal((2, false, Day(1)), (incident.Attempts, incident.Resolved, incident.At));
        Assert.Equal(WorkflowStatus.Faulted, _harness.Instance.Status);
    }

    [Fact]
    public async Task Skip_ContinuesThroughDoneWithoutRunningTheActivity()
    {
        await StartFaultedAsync();

        await _harness.Engine.SkipAsync(_harness.Instance.InstanceId, _harness.Instance.Incidents.Single().Id, Day(1));

        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
        Assert.Null(_harness.Instance.Variables["doubled"]);
        Assert.Equal(["scored"], Tags);
    }

    [Fact]
    public async Task RetryOrSkip_OfAnUnknownIncident_DoesNothing()
    {
        await StartFaultedAsync();

        var retried = await _harness.Engine.RetryAsync(_harness.Instance.InstanceId, Guid.NewGuid(), Day(1));
        var skipped = await _harness.Engine.SkipAsync(_harness.Instance.InstanceId, Guid.NewGuid(), Day(1));

        Assert.Equal((null, null), (retried, skipped));
        Assert.Equal(WorkflowStatus.Faulted, _harness.Instance.Status);
    }

    [Fact]
    public async Task AnInputThatCannotBeRead_BecomesAnIncidentNamingTheInput()
    {
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed").Then("wait", "Delay", new() { ["duration"] = "three days" }).Build());

        await _harness.RaiseAsync("ExamFailed", T0);

        var incident = Assert.Single(_harness.Instance.Incidents);
        Assert.Equal("wait", incident.ActivityId);
        Assert.Contains("Input 'duration'", incident.Message);
    }
}
