using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Simulation;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

public sealed class SimulationTests
{
    private static readonly Guid Persistent = Guid.Parse("0195a4c1-0000-7000-8000-00000000000a");
    private static readonly Guid Registers = Guid.Parse("0195a4c1-0000-7000-8000-00000000000b");
    private static readonly Guid Passed = Guid.Parse("0195a4c1-0000-7000-8000-00000000000c");
    private readonly WorkflowHarness _harness = WorkflowHarness.WithRealExpressions();

    private static MemberHistory History(Guid member, params (string Type, double Day)[] events) =>
        new(member, [.. events.Select(e => Event(e.Type, Day(e.Day), new JsonObject { ["programCode"] = "CPA", ["attemptNumber"] = 1, ["score"] = 58, ["maxScore"] = 100 }, member, "CPA")
            with { Context = new TemplateContexts().Build() })]);

    private async Task<SimulationResult> SimulateNurtureAsync()
    {
        var definition = ShippedTemplates.Load(ShippedTemplates.FailedExamNurture) with { IsPublished = false };
        var simulator = new WorkflowSimulator(_harness.Runner);
        return await simulator.RunAsync(definition,
        [
            History(Persistent, ("ExamFailed", 0)),
            History(Registers, ("ExamFailed", 0), ("ExamRegistered", 5)),
            History(Passed, ("ExamPassed", 0)),
        ], T0, Day(60));
    }

    [Fact]
    public async Task Simulation_ReturnsWhatEachMemberWouldReceiveAndWhen()
    {
        var result = await SimulateNurtureAsync();

        var schedule = result.Members.ToDictionary(m => m.MemberId, m => m.Effects.Select(e => $"{e.Kind} '{e.Summary}' on day {e.Day}").ToList());
        Assert.Equal(
        [
            "email 'Your Certified Planning Associate exam result and your next attempt' on day 0",
            "community-message 'Study resources for your next Certified Planning Associate attempt' on day 0",
            "email 'You can now book your next Certified Planning Associate attempt' on day 30",
            "email 'Your next Certified Planning Associate attempt is waiting' on day 44",
        ], schedule[Persistent]);
        Assert.Equal(
        [
            "email 'Your Certified Planning Associate exam result and your next attempt' on day 0",
            "community-message 'Study resources for your next Certified Planning Associate attempt' on day 0",
        ], schedule[Registers]);
        Assert.Empty(schedule[Passed]);
        Assert.Equal([WorkflowStatus.Finished, WorkflowStatus.Cancelled, null], result.Members.Select(m => m.Status));
    }

    [Fact]
    public async Task Simulation_LeavesTheLiveStoreUntouched()
    {
        _harness.Publish(ShippedTemplates.Load(ShippedTemplates.FailedExamNurture));

        await SimulateNurtureAsync();

        Assert.Empty(_harness.Store.Instances);
        Assert.Empty(_harness.Store.Outbox);
    }

    [Fact]
    public async Task Simulation_StopsAtItsEnd()
    {
        var definition = ShippedTemplates.Load(ShippedTemplates.FailedExamNurture);

        var result = await new WorkflowSimulator(_harness.Runner).RunAsync(definition, [History(Persistent, ("ExamFailed", 0))], T0, Day(10));

        var member = Assert.Single(result.Members);
        Assert.Equal(2, member.Effects.Count);
        Assert.Equal(WorkflowStatus.Suspended, member.Status);
    }
}
