using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Validation;

namespace CredentialConnect.IntegrationTests.Processes;

/// <summary>The flow the multi-node timer test seeds by the thousand: it must be valid and wait on one timer already due.</summary>
public sealed class DueTimerFlowTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Definition_PassesTheValidator()
    {
        var validation = new WorkflowValidator(ActivityRegistry.Default, new JintScriptEvaluator(), new FluidTemplateRenderer()).Validate(DueTimerFlow.Definition());

        Assert.True(validation.IsValid, string.Join("; ", validation.Errors.Select(e => $"{e.ActivityId}: {e.Message}")));
    }

    [Fact]
    public void Start_WaitsOnOneTimerThatIsAlreadyDue_AndResumingItSendsOneEmailAndFinishes()
    {
        var runner = new WorkflowRunner(ActivityRegistry.Default, new JintScriptEvaluator(), new FluidTemplateRenderer());
        var definition = DueTimerFlow.Definition();

        var started = runner.Start(definition, DueTimerFlow.Trigger(7, Now), Guid.NewGuid());
        var timer = Assert.Single(started.BookmarksCreated);
        var resumed = runner.Resume(definition, started.State, timer.Id, null, Now);

        Assert.Equal(BookmarkKind.Timer, timer.Kind);
        Assert.Equal(DueTimerFlow.WaitActivity, timer.ActivityId);
        Assert.True(timer.ResumeAt <= Now);
        Assert.Empty(started.Effects);
        var email = Assert.Single(resumed.Effects);
        Assert.Equal("email", email.Kind);
        Assert.Equal("Timer 7 fired.", email.Payload["body"]?.GetValue<string>());
        Assert.Equal(WorkflowStatus.Finished, resumed.State.Status);
    }
}
