using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Activities.Triggers;

[Activity("Triggers", "Manual", "Started by a member of staff for a chosen member.", IsTrigger = true)]
public sealed class Manual : Activity, ITriggerActivity
{
    public const string TriggerType = "Manual";

    public bool Accepts(WorkflowTrigger trigger) => trigger.Type == TriggerType;

    public override ActivityOutcome Execute(ActivityContext context) => ActivityOutcome.Done;
}
