namespace CredentialConnect.Workflows.Activities.Flow;

[Activity("Flow", "Wait until", "Waits until a moment, usually computed, e.g. 30 days before the credential expires.", IsWaiting = true)]
public sealed class WaitUntil : Activity
{
    [Input(Description = "When to continue; a moment already past continues at once.", UIHint = UIHints.DateTime, Required = true)]
    public DateTimeOffset Until { get; set; }

    public override ActivityOutcome Execute(ActivityContext context)
    {
        if (Until <= context.Now) return ActivityOutcome.Done;
        context.CreateTimer(Until);
        return ActivityOutcome.Wait;
    }
}
