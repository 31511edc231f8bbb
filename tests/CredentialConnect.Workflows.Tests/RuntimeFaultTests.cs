using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

/// <summary>Refused commands, skips by port, once-only occurrences and the moves a migration refuses.</summary>
public sealed class RuntimeFaultTests
{
    private const string Condition = "input.score > 50";
    private readonly WorkflowHarness _harness = new();

    private static WorkflowDefinition Rejection() => new FlowBuilder("reject").Trigger("ApplicationSubmitted")
        .Then("reject", "UpdateApplication", new() { ["status"] = "Rejected" })
        .Then("tell", "SendEmail", new() { ["subject"] = "Your application was not approved", ["body"] = "Sorry." })
        .Build();

    [Fact]
    public async Task ACommandTheHubRefuses_FaultsItsStepWithTheReason_AndNothingAfterItRuns()
    {
        _harness.Publish(Rejection());
        _harness.Store.RefuseCommands = e => e.Kind == "update-application" ? "The application is already Approved." : null;

        await _harness.RaiseAsync("ApplicationSubmitted", T0);

        var incident = Assert.Single(_harness.Instance.Incidents);
        Assert.Equal(WorkflowStatus.Faulted, _harness.Instance.Status);
        Assert.Equal(("reject", false), (incident.ActivityId, incident.Resolved));
        Assert.Contains("The application is already Approved.", incident.Message);
        Assert.DoesNotContain(_harness.Effects, e => e.Kind == "email");
    }

    [Fact]
    public async Task ACommandTheHubAccepts_ContinuesToTheNextStep()
    {
        _harness.Publish(Rejection());

        await _harness.RaiseAsync("ApplicationSubmitted", T0);

        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
        Assert.Empty(_harness.Instance.Incidents);
        Assert.Equal(["update-application", "email"], _harness.Effects.Select(e => e.Kind));
    }

    [Fact]
    public async Task ARefusedCommand_RetriedOnceTheHubAccepts_ContinuesAndResolvesTheIncident()
    {
        _harness.Publish(Rejection());
        _harness.Store.RefuseCommands = _ => "Not yet.";
        await _harness.RaiseAsync("ApplicationSubmitted", T0);
        _harness.Store.RefuseCommands = null;

        await _harness.Engine.RetryAsync(_harness.Instance.InstanceId, _harness.Instance.Incidents.Single().Id, Day(1));

        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
        Assert.True(_harness.Instance.Incidents.Single().Resolved);
        Assert.Contains(_harness.Effects, e => e.Kind == "email");
    }

    private async Task<Incident> FaultedDecisionAsync()
    {
        _harness.Scripts.Throws(Condition, new ScriptException("score is not defined"));
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed")
            .Then("check", "Decision", new() { ["condition"] = new JsonObject { ["expression"] = Condition, ["language"] = "JavaScript" } })
            .Then("high", "AddTag", new() { ["tag"] = "high" }, Ports.True)
            .Add("low", "AddTag", new() { ["tag"] = "low" }).Connect("check", "low", Ports.False)
            .Build());
        await _harness.RaiseAsync("ExamFailed", T0);
        return _harness.Instance.Incidents.Single();
    }

    [Fact]
    public async Task Skip_ThroughAPortTheActivityHas_ContinuesThere()
    {
        var incident = await FaultedDecisionAsync();

        await _harness.Engine.SkipAsync(_harness.Instance.InstanceId, incident.Id, Ports.False, Day(1));

        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
        Assert.Equal(["low"], _harness.Effects.Select(e => e.Payload["tag"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Skip_ThroughAPortTheActivityDoesNotHave_IsRefusedNamingTheValidPorts()
    {
        var incident = await FaultedDecisionAsync();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => _harness.Engine.SkipAsync(_harness.Instance.InstanceId, incident.Id, Ports.Done, Day(1)));

        Assert.Contains("True, False", refused.Message);
        Assert.Equal(WorkflowStatus.Faulted, _harness.Instance.Status);
        Assert.Equal([Ports.True, Ports.False], _harness.Runner.PortsOf(Published(), "check"));
    }

    private WorkflowDefinition Published() => _harness.Store.FindDefinitionAsync("flow", 1, CancellationToken.None).Result!;

    [Fact]
    public async Task TheSameOccurrence_DeliveredTwice_StartsOneInstance()
    {
        _harness.Publish(new FlowBuilder().Add("tick", "OnSchedule", new() { ["cron"] = "0 0 9 * * ?" }).Then("tag", "AddTag", new() { ["tag"] = "ticked" }).Build());
        var definition = Published();
        WorkflowTrigger Occurrence(DateTimeOffset firedAt) => new("Schedule", null, null, null, new JsonObject { ["firedAt"] = firedAt }, firedAt)
            { OccurrenceKey = $"schedule/tick/{T0:O}" };

        var first = await _harness.Engine.StartAsync(definition, Occurrence(T0));
        var replay = await _harness.Engine.StartAsync(definition, Occurrence(T0.AddMinutes(3)));

        Assert.NotNull(first);
        Assert.Null(replay);
        Assert.Single(_harness.Store.Instances);
    }


    [Fact]
    public async Task AnIncidentFoundAfterTheStep_IsRecordedOpen_AndCanBeMarkedHandled()
    {
        _harness.Publish(new FlowBuilder().Trigger("ExamFailed").Then("hook", "HttpWebhook", new() { ["url"] = "https://partner.example/hooks" }).Build());
        await _harness.RaiseAsync("ExamFailed", T0);

        await _harness.Engine.RecordIncidentAsync(_harness.Instance.InstanceId, "hook", "partner.example refused the webhook with 404.", Day(1));
        var recorded = Assert.Single(_harness.Instance.Incidents);
        await _harness.Engine.AcknowledgeAsync(_harness.Instance.InstanceId, recorded.Id, "staff:ada@example.org", Day(2));

        Assert.Equal(("hook", "HttpWebhook"), (recorded.ActivityId, recorded.ActivityType));
        Assert.Contains("404", recorded.Message);
        Assert.False(recorded.Resolved);
        Assert.True(Assert.Single(_harness.Instance.Incidents).Resolved);
        Assert.Equal(WorkflowStatus.Finished, _harness.Instance.Status);
    }
}
