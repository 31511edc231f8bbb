using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Tests.Support;
using CredentialConnect.Workflows.Validation;

namespace CredentialConnect.Workflows.Tests;

/// <summary>What a well-formed flow can still get wrong at run time, each found by validation with its severity.</summary>
public sealed class ValidationSemanticsTests
{
    private static readonly WorkflowVocabulary Vocabulary = new(["ExamFailed", "ExamPassed", "ExamRegistered", "ApplicationSubmitted"], WorkflowRoles.All);

    private static WorkflowValidation Validate(FlowBuilder flow, WorkflowVocabulary? vocabulary = null) =>
        new WorkflowValidator(ActivityRegistry.Default, new ScriptedEvaluator(), new PlaceholderRenderer(), vocabulary ?? Vocabulary).Validate(flow.Build());

    private static WorkflowValidation ValidateReal(FlowBuilder flow) =>
        new WorkflowValidator(ActivityRegistry.Default, new JintScriptEvaluator(), new FluidTemplateRenderer(), Vocabulary).Validate(flow.Build());

    private static FlowBuilder Failed() => new FlowBuilder().Trigger("ExamFailed");

    [Fact]
    public void ABranchWithAnOutputLeftUnconnected_IsAWarningNamingThePort_AndDoesNotBlockPublishing()
    {
        var result = Validate(Failed()
            .Then("decide", "Decision", new() { ["condition"] = "true" })
            .Then("tag", "AddTag", new() { ["tag"] = "t" }, Ports.True));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("decide", ProblemSeverity.Warning), (problem.ActivityId, problem.Severity));
        Assert.Contains("output 'False' is not connected", problem.Message);
        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("two days")]
    [InlineData("3 days")]
    [InlineData("P3X")]
    public void ADurationTheRuntimeCannotRead_IsAnErrorNamingTheInput(string duration)
    {
        var result = Validate(Failed().Then("wait", "Delay", new() { ["duration"] = duration }));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("wait", "duration", ProblemSeverity.Error), (problem.ActivityId, problem.Input, problem.Severity));
        Assert.Contains($"'{duration}' is not a duration", problem.Message);
        Assert.False(result.IsValid);
    }

    [Theory]
    [InlineData("P3D")]
    [InlineData("PT12H")]
    [InlineData("3.00:00:00")]
    public void DurationsInIsoOrTimeSpanForm_AreAccepted(string duration)
    {
        var result = Validate(Failed().Then("wait", "Delay", new() { ["duration"] = duration }));

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void AnEscalationAfterInWords_IsAnErrorOnTheEscalation()
    {
        var result = Validate(new FlowBuilder().Trigger("ApplicationSubmitted").Then("review", "ApprovalTask", new()
        {
            ["assigneeRole"] = "Reviewer",
            ["escalation"] = new JsonObject { ["after"] = "five days", ["notifyRole"] = "Admin" },
        }));

        var problem = Assert.Single(result.Errors);
        Assert.Equal(("review", "escalation"), (problem.ActivityId, problem.Input));
        Assert.Contains("after 'five days' is not a duration", problem.Message);
    }

    [Fact]
    public void AnInvalidCron_IsAnError_AndAQuartzCronIsAccepted()
    {
        FlowBuilder Scheduled(string cron) => new FlowBuilder().Add("schedule", "OnSchedule", new() { ["cron"] = cron })
            .Then("tag", "AddTag", new() { ["tag"] = "t" });

        var invalid = Validate(Scheduled("every day at nine"));
        var valid = Validate(Scheduled("0 0 9 * * ?"));

        var problem = Assert.Single(invalid.Problems);
        Assert.Equal(("schedule", "cron", ProblemSeverity.Error), (problem.ActivityId, problem.Input, problem.Severity));
        Assert.Contains("'every day at nine' is not a valid cron expression", problem.Message);
        Assert.Empty(valid.Problems);
    }

    [Fact]
    public void AMisspelledEvent_IsAnErrorWithADidYouMean_InTriggersWaitsAndCancelOn()
    {
        var result = Validate(new FlowBuilder().Trigger("ExamFailled")
            .Then("wait", "WaitForEvent", new() { ["eventType"] = "ExamRegisterd" })
            .CancelOn("ExamPased"));

        Assert.Equal(
        [
            ("trigger", "eventType", "Did you mean 'ExamFailed'?"),
            ("wait", "eventType", "Did you mean 'ExamRegistered'?"),
            (null, "cancelOn[0]", "Did you mean 'ExamPassed'?"),
        ], result.Errors.Select(p => (p.ActivityId, p.Input, p.Message[(p.Message.IndexOf("Did you", StringComparison.Ordinal))..])));
    }

    [Fact]
    public void WithoutAnEventCatalogue_EventNamesAreNotChecked()
    {
        var result = Validate(new FlowBuilder().Trigger("SomethingNew").Then("tag", "AddTag", new() { ["tag"] = "t" }), WorkflowVocabulary.RolesOnly);

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void AnUnknownRole_IsAnError_InTheAssigneeTheEscalationAndANotification()
    {
        var result = Validate(new FlowBuilder().Trigger("ApplicationSubmitted")
            .Then("review", "ApprovalTask", new()
            {
                ["assigneeRole"] = "Reviewers",
                ["escalation"] = new JsonObject { ["after"] = "P5D", ["notifyRole"] = "ProgramManager" },
            })
            .Add("notify", "NotifyInPortal", new() { ["title"] = "t", ["message"] = "m", ["role"] = "Boss" })
            .Connect("review", "notify", Ports.Approved).Connect("review", "notify", Ports.Rejected).Connect("review", "notify", Ports.TimedOut));

        Assert.Equal([("review", "assigneeRole"), ("review", "escalation"), ("notify", "role")], result.Errors.Select(p => (p.ActivityId, p.Input)));
        Assert.Contains("Did you mean 'Reviewer'?", result.Errors.First().Message);
        Assert.All(result.Errors, p => Assert.Contains("the roles are Admin, Reviewer, Member", p.Message));
    }

    [Fact]
    public void AnInputTheActivityDoesNotHave_IsAnErrorNamingIt()
    {
        var result = Validate(Failed().Then("tag", "AddTag", new() { ["tag"] = "t", ["tagg"] = "u" }));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("tag", "tagg", ProblemSeverity.Error), (problem.ActivityId, problem.Input, problem.Severity));
        Assert.Contains("has no input 'tagg'", problem.Message);
        Assert.Contains("Did you mean 'tag'?", problem.Message);
    }

    [Fact]
    public void ANameAnExpressionReadsThatIsNotInScope_IsAWarning_InLiquidAndJavaScript()
    {
        var result = ValidateReal(Failed()
            .Then("decide", "Decision", new() { ["condition"] = "score < 70" })
            .Then("mail", "SendEmail", new() { ["subject"] = "Your {{ inptu.programCode }} result", ["body"] = "Body" }, Ports.True)
            .Connect("decide", "mail", Ports.False));

        Assert.Equal([("decide", "condition", "'score'"), ("mail", "subject", "'inptu'")],
            result.Problems.Select(p => (p.ActivityId, p.Input, p.Message.Contains("'score'") ? "'score'" : p.Message.Contains("'inptu'") ? "'inptu'" : p.Message)));
        Assert.All(result.Problems, p => Assert.Equal(ProblemSeverity.Warning, p.Severity));
        Assert.Contains("Did you mean 'input'?", result.Problems[1].Message);
        Assert.True(result.IsValid);
    }

    [Fact]
    public void LocalNamesGlobalsAndKnownVariables_AreNotWarnings()
    {
        var result = ValidateReal(Failed()
            .Then("remember", "SetVariable", new() { ["name"] = "count", ["value"] = "const s = input.score; Math.max(s, variables.count || 0)" })
            .Then("mail", "SendEmail", new()
            {
                ["subject"] = "{% assign n = input.programCode %}{{ n }} {% for x in input.list %}{{ x }}{{ forloop.index }}{% endfor %}",
                ["body"] = "{{ variables.count }} {{ variables.remember }} {{ now | date: '%Y' }}",
            }));

        Assert.Empty(result.Problems);
    }

    [Fact]
    public void AVariableNoActivityOrDeclarationGives_IsAWarningWithADidYouMean()
    {
        var result = ValidateReal(Failed()
            .Then("remember", "SetVariable", new() { ["name"] = "count", ["value"] = "1" })
            .Then("mail", "SendEmail", new() { ["subject"] = "{{ variables.cont }}", ["body"] = "Body" }));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("mail", "subject", ProblemSeverity.Warning), (problem.ActivityId, problem.Input, problem.Severity));
        Assert.Contains("'variables.cont'", problem.Message);
        Assert.Contains("Did you mean 'count'?", problem.Message);
    }
}
