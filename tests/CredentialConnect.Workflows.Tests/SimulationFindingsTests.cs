using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Simulation;
using CredentialConnect.Workflows.Tests.Support;
using static CredentialConnect.Workflows.Tests.Support.WorkflowHarness;

namespace CredentialConnect.Workflows.Tests;

public sealed class SimulationFindingsTests
{
    private static readonly Guid Member = Guid.Parse("0195a4c1-0000-7000-8000-0000000000f1");
    private readonly WorkflowHarness _harness = WorkflowHarness.WithRealExpressions();

    [Fact]
    public async Task Simulation_OfATemplateReadingAVariableNothingProvides_ReportsItAsAFindingOnItsInput()
    {
        // Arrange
        var definition = new FlowBuilder().Trigger("ExamFailed")
            .Then("email", "SendEmail", new JsonObject
            {
                ["subject"] = "Your result, {{ member.firstName }}",
                ["body"] = "Dear {{ member.fristName }}, your score was {{ input.score }}. Retake after {{ program.retakeWaitDay }} days.",
            })
            .Build();
        var history = new MemberHistory(Member, [Event("ExamFailed", Day(0), new JsonObject { ["score"] = 58 }, Member, "CPA")]);

        // Act
        var result = await new WorkflowSimulator(_harness.Runner).RunAsync(definition, [history], T0, Day(5));

        // Assert
        Assert.Equal([("email", "body"), ("email", "body")], result.Findings.Select(f => (f.ActivityId, f.Input)));
        Assert.Contains("'member.fristName'", result.Findings[0].Message);
        Assert.Contains("'program.retakeWaitDay'", result.Findings[1].Message);
        Assert.Contains("rendered as nothing", result.Findings[0].Message);
        // The member's timeline still plays out: a finding explains it, it does not stop it.
        Assert.Single(Assert.Single(result.Members).Effects);
    }

    [Theory]
    [InlineData(ShippedTemplates.ApplicationApproval)]
    [InlineData(ShippedTemplates.RecertificationReminders)]
    [InlineData(ShippedTemplates.FailedExamNurture)]
    public async Task Simulation_OfAShippedTemplate_HasNoFindings(string template)
    {
        var definition = ShippedTemplates.Load(template);

        var result = await new WorkflowSimulator(_harness.Runner).RunAsync(definition, [], T0, Day(5));

        Assert.Empty(result.Findings);
    }
}
