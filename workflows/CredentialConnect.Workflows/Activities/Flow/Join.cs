namespace CredentialConnect.Workflows.Activities.Flow;

public enum JoinMode { All, Any }

[Activity("Flow", "Join", "Brings branches together: continues once all have arrived, or on the first and stops the others.")]
public sealed class Join : Activity
{
    [Input(Description = "All waits for every inbound branch; Any continues on the first and cancels the rest.", UIHint = UIHints.Dropdown, DefaultValue = "All")]
    public JoinMode Mode { get; set; }

    public override ActivityOutcome Execute(ActivityContext context)
    {
        if (Mode == JoinMode.Any)
        {
            context.Arrivals.Clear();
            return ActivityOutcome.Done with { CancelsRivals = true };
        }
        if (context.InboundFrom is { } from) context.Arrivals.Add(from);
        if (!context.InboundSources.All(context.Arrivals.Contains)) return ActivityOutcome.Wait;
        context.Arrivals.Clear();
        return ActivityOutcome.Done;
    }
}
