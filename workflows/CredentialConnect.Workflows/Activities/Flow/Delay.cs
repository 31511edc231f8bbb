namespace CredentialConnect.Workflows.Activities.Flow;

[Activity("Flow", "Delay", "Waits for a time, e.g. 3 days.", IsWaiting = true)]
public sealed class Delay : Activity
{
    [Input(Description = "How long to wait: ISO 8601 (P3D, PT12H) or d.hh:mm:ss.", UIHint = UIHints.Duration, Required = true)]
    public TimeSpan Duration { get; set; }

    public override ActivityOutcome Execute(ActivityContext context)
    {
        context.CreateTimer(context.Now + Duration);
        return ActivityOutcome.Wait;
    }
}
