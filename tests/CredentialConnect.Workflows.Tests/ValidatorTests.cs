using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Tests.Support;
using CredentialConnect.Workflows.Validation;

namespace CredentialConnect.Workflows.Tests;

public sealed class ValidatorTests
{
    private readonly ScriptedEvaluator _scripts = new();
    private readonly PlaceholderRenderer _templates = new();

    private WorkflowValidation Validate(FlowBuilder flow) =>
        new WorkflowValidator(ActivityRegistry.Default, _scripts, _templates).Validate(flow.Build());

    private static FlowBuilder Valid() => new FlowBuilder().Trigger("ExamFailed").Then("tag", "AddTag", new() { ["tag"] = "t" });

    [Fact]
    public void AValidFlow_HasNoProblems()
    {
        var result = Validate(Valid());

        Assert.True(result.IsValid);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void ALoopWithoutAWait_IsAnErrorNamingItsActivities()
    {
        var result = Validate(Valid().Then("again", "AddTag", new() { ["tag"] = "u" }).Connect("again", "tag"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal("tag", problem.ActivityId);
        Assert.Contains("tag → again → tag", problem.Message);
        Assert.False(result.IsValid);
    }

    [Fact]
    public void ALoopThroughADelay_IsAllowed()
    {
        var result = Validate(Valid().Then("wait", "Delay", new() { ["duration"] = "P1D" }).Connect("wait", "tag"));

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void DanglingConnections_AreErrorsOnTheirActivities()
    {
        var result = Validate(Valid().Connect("tag", "nowhere").Connect("ghost", "tag").Connect("tag", "tag", "Sideways")
            .Add("decide", "Decision", new() { ["condition"] = "true" }).Connect("trigger", "decide").Connect("decide", "tag", "Maybe"));

        Assert.Equal(
            [("tag", "'nowhere', which does not exist"), ("tag", "from 'ghost', which does not exist"), ("tag", "no port 'Sideways'"), ("decide", "no port 'Maybe'")],
            result.Errors.Where(p => !p.Message.Contains("loop")).Select(p => (p.ActivityId, Fragment(p.Message))).ToList());

        static string Fragment(string message) =>
            new[] { "'nowhere', which does not exist", "from 'ghost', which does not exist", "no port 'Sideways'", "no port 'Maybe'" }.First(message.Contains);
    }

    [Fact]
    public void SwitchCasesAndForkConnections_AreValidPorts()
    {
        _scripts.Returns("input.score < 40", false);
        var cases = new JsonArray(new JsonObject { ["name"] = "Low", ["condition"] = "input.score < 40" });
        var result = Validate(new FlowBuilder().Trigger("ExamFailed")
            .Then("band", "Switch", new() { ["cases"] = cases })
            .Then("fork", "Fork", port: "Low").Then("a", "AddTag", new() { ["tag"] = "a" }, "anything")
            .Add("b", "AddTag", new() { ["tag"] = "b" }).Connect("band", "b", Ports.Default));

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void AnUnknownActivityType_IsAnError()
    {
        var problem = Assert.Single(Validate(Valid().Then("sms", "SendSms")).Problems);

        Assert.Equal(("sms", "Unknown activity type 'SendSms'."), (problem.ActivityId, problem.Message));
    }

    [Fact]
    public void AMissingRequiredInput_IsAnErrorNamingTheInput()
    {
        var problem = Assert.Single(Validate(Valid().Then("email", "SendEmail", new() { ["subject"] = "Hello" })).Problems);

        Assert.Equal(("email", "body"), (problem.ActivityId, problem.Input));
    }

    [Fact]
    public void ScriptSyntaxErrors_InLiteralsExpressionsAndCases_AreErrors()
    {
        _scripts.HasSyntaxError("input.score <", "Unexpected end of input");
        var result = Validate(new FlowBuilder().Trigger("ExamFailed")
            .Then("decide", "Decision", new() { ["condition"] = "input.score <" })
            .Then("remember", "SetVariable", new() { ["name"] = "x", ["value"] = new JsonObject { ["expression"] = "input.score <", ["language"] = "JavaScript" } }, Ports.True)
            .Then("band", "Switch", new() { ["cases"] = new JsonArray(new JsonObject { ["name"] = "Low", ["condition"] = "input.score <" }) }));

        Assert.Equal([("decide", "condition"), ("remember", "value"), ("band", "cases")], result.Errors.Select(p => (p.ActivityId, p.Input)));
        Assert.All(result.Errors, p => Assert.Contains("JavaScript error at line 1, column 1: Unexpected end of input", p.Message));
    }

    [Fact]
    public void TemplateSyntaxErrors_AreErrors()
    {
        var problem = Assert.Single(Validate(Valid().Then("email", "SendEmail", FlowBuilder.Email("Hello {{ input.name", "Body"))).Problems);

        Assert.Equal(("email", "subject"), (problem.ActivityId, problem.Input));
        Assert.Contains("Liquid error", problem.Message);
    }

    [Fact]
    public void AFlowWithoutATrigger_IsAnError()
    {
        var problem = Assert.Single(Validate(new FlowBuilder().Add("tag", "AddTag", new() { ["tag"] = "t" })).Problems);

        Assert.Null(problem.ActivityId);
        Assert.Contains("no trigger", problem.Message);
    }

    [Fact]
    public void DuplicateActivityIds_AreAnError()
    {
        var problem = Assert.Single(Validate(Valid().Add("tag", "AddTag", new() { ["tag"] = "u" })).Problems);

        Assert.Equal("tag", problem.ActivityId);
        Assert.Contains("used by 2 activities", problem.Message);
    }

    [Fact]
    public void AnUnreachableActivity_IsAWarningThatDoesNotBlockPublishing()
    {
        var result = Validate(Valid().Add("island", "AddTag", new() { ["tag"] = "u" }));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("island", ProblemSeverity.Warning), (problem.ActivityId, problem.Severity));
        Assert.True(result.IsValid);
    }

    [Fact]
    public void EveryProblem_IsListedAtOnce()
    {
        var result = Validate(new FlowBuilder().Add("a", "Nope").Add("b", "SendEmail").Connect("a", "c"));

        Assert.Equal([("a", null), ("b", "subject"), ("b", "body"), (null, null), ("a", null)],
            result.Problems.Select(p => (p.ActivityId, p.Input)));
    }
}
