namespace CredentialConnect.Workflows.Activities.Flow;

[Activity("Flow", "End", "Finishes the flow, stopping every branch still waiting.")]
[Ports]
public sealed class End : Activity
{
    public override ActivityOutcome Execute(ActivityContext context) => ActivityOutcome.Finish;
}
