using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Activities.Flow;

[Activity("Flow", "Decision", "Goes one way or the other on a condition.")]
[Ports(Ports.True, Ports.False)]
public sealed class Decision : Activity
{
    [Input(Description = "A JavaScript condition, e.g. input.eligible === true.", UIHint = UIHints.JavaScript, Required = true)]
    public bool Condition { get; set; }

    public override ActivityOutcome Execute(ActivityContext context) =>
        ActivityOutcome.Continue(Condition ? Ports.True : Ports.False);
}
