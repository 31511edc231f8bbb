using CredentialConnect.Workflows.Activities.Triggers;
using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Runtime;

/// <summary>
/// What publishing indexes: the trigger types a definition starts on (an OnEvent's event type, <c>Schedule</c>,
/// <c>Manual</c>). The runner still applies program and filter when the trigger arrives.
/// </summary>
public static class TriggerIndex
{
    public static IReadOnlyList<string> TriggerTypes(WorkflowDefinition definition) =>
        [.. definition.Root.Activities.Select(TriggerType).OfType<string>().Distinct()];

    private static string? TriggerType(ActivityNode node) => node.Type switch
    {
        nameof(OnEvent) => node.Inputs["eventType"]?.GetValue<string>(),
        nameof(OnSchedule) => OnSchedule.TriggerType,
        nameof(Manual) => Manual.TriggerType,
        _ => null,
    };
}
