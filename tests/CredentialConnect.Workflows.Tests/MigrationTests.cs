using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

public sealed class MigrationTests
{
    private readonly WorkflowHarness _harness = new();

    private static FlowBuilder Flow(int version, string waitType = "Delay") =>
        new FlowBuilder().Version(version).Trigger("ExamFailed")
            .Then("tag", "AddTag", new() { ["tag"] = "first" })
            .Then("wait", waitType, waitType == "Delay" ? new() { ["duration"] = "P3D" } : new() { ["eventType"] = "ExamRegistered" })
            .Then("after", "AddTag", new() { ["tag"] = $"after-v{version}" });

    [Fact]
    public async Task Migrate_WhenTheWaitingActivityExistsWithTheSameType_ContinuesOnTheNewVersionWithoutRerunning()
    {
        var v1 = Flow(1).Build();
        var v2 = Flow(2).Build();
        _harness.Publish(v1);
        await _harness.RaiseAsync("ExamFailed", T0);
        _harness.Publish(v2);
        var pinned = _harness.Instance.DefinitionVersion;

        var check = WorkflowMigration.Check(_harness.Instance, v1, v2);
        _harness.Store.Replace(WorkflowMigration.Migrate(_harness.Instance, v1, v2, Day(1)));
        await _harness.AdvanceToAsync(Day(3));

        Assert.Equal(1, pinned);
        Assert.True(check.Allowed);
        Assert.Equal(2, _harness.Instance.DefinitionVersion);
        Assert.Equal(["first", "after-v2"], _harness.Effects.Select(e => e.Payload["tag"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Check_WhenTheWaitingActivityIsGoneOrChangedType_RefusesAndSaysWhy()
    {
        var v1 = Flow(1).Build();
        var changed = Flow(2, "WaitForEvent").Build();
        var gone = new FlowBuilder().Version(3).Trigger("ExamFailed").Then("tag", "AddTag", new() { ["tag"] = "t" }).Build();
        _harness.Publish(v1);
        await _harness.RaiseAsync("ExamFailed", T0);

        var toChanged = WorkflowMigration.Check(_harness.Instance, v1, changed);
        var toGone = WorkflowMigration.Check(_harness.Instance, v1, gone);

        Assert.False(toChanged.Allowed);
        Assert.Contains("'wait' is waiting as a Delay but is a WaitForEvent in version 2", Assert.Single(toChanged.Problems));
        Assert.Contains("'wait' is waiting but is not in version 3", Assert.Single(toGone.Problems));
        Assert.Throws<InvalidOperationException>(() => WorkflowMigration.Migrate(_harness.Instance, v1, gone, Day(1)));
    }
}

public sealed class MigrationRefusalTests
{
    private readonly WorkflowHarness _harness = new();

    private static WorkflowDefinition Flow(int version, string duration = "P3D") =>
        new FlowBuilder().Version(version).Trigger("ExamFailed").Then("wait", "Delay", new() { ["duration"] = duration }).Build();

    [Fact]
    public async Task Check_WhenTheWaitingActivitysTimerChanged_RefusesNamingTheInput()
    {
        var v1 = Flow(1);
        _harness.Publish(v1);
        await _harness.RaiseAsync("ExamFailed", T0);

        var check = WorkflowMigration.Check(_harness.Instance, v1, Flow(2, "P10D"));

        Assert.Equal((false, MigrationRefusal.Incompatible), (check.Allowed, check.Refusal));
        Assert.Contains("'wait' is waiting, and its 'duration' changed in version 2", Assert.Single(check.Problems));
    }

    [Fact]
    public async Task Check_ToTheSameOrAnOlderVersion_IsRefusedAsNoOpOrDowngrade()
    {
        var v1 = Flow(1);
        var v2 = Flow(2);
        _harness.Publish(v2);
        await _harness.RaiseAsync("ExamFailed", T0);

        var same = WorkflowMigration.Check(_harness.Instance, v2, v2);
        var older = WorkflowMigration.Check(_harness.Instance, v2, v1);

        Assert.Equal((false, MigrationRefusal.NoOp), (same.Allowed, same.Refusal));
        Assert.Equal((false, MigrationRefusal.Downgrade), (older.Allowed, older.Refusal));
        Assert.Contains("older than version 2", Assert.Single(older.Problems));
    }
}
