using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Activities.Triggers;

/// <summary>Started by the host's scheduler with a trigger of type <see cref="TriggerType"/>.</summary>
[Activity("Triggers", "On schedule", "Starts the flow on a cron schedule, or a number of days before each credential expires.", IsTrigger = true)]
public sealed class OnSchedule : Activity, ITriggerActivity
{
    public const string TriggerType = "Schedule";

    [Input(Description = "A cron expression (UTC), e.g. 0 0 9 * * ? for every day at 09:00.")]
    public string? Cron { get; set; }

    [Input(Description = "Start for each credential this many days before it expires.")]
    public int? DaysBeforeExpiry { get; set; }

    public bool Accepts(WorkflowTrigger trigger) => trigger.Type == TriggerType;

    public override ActivityOutcome Execute(ActivityContext context) => ActivityOutcome.Done;
}
