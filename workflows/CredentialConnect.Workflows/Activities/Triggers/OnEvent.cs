using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Activities.Triggers;

[Activity("Triggers", "On event", "Starts the flow when a domain event happens, e.g. ExamFailed.", IsTrigger = true)]
public sealed class OnEvent : Activity, ITriggerActivity
{
    [Input(Description = "The domain event that starts the flow, e.g. ExamFailed.", Required = true)]
    public string EventType { get; set; } = "";

    [Input(Description = "Only this program's events (its code); empty for every program.")]
    public string? Program { get; set; }

    [Input(Description = "A JavaScript condition over the event data (input); the flow starts only when it is true.",
        UIHint = UIHints.JavaScript, DefaultValue = true)]
    public bool Filter { get; set; } = true;

    public bool Accepts(WorkflowTrigger trigger) =>
        trigger.Type == EventType && (Program is null || Program == trigger.Program) && Filter;

    public override ActivityOutcome Execute(ActivityContext context) => ActivityOutcome.Done;
}
