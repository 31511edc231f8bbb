using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Activities;

/// <summary>A port the designer draws: where a connection enters or leaves an activity, and when a token passes it.</summary>
public sealed record PortDescriptor(string Name, string Description);

/// <summary>
/// What each port means, for the designer's tooltips. An activity's own wording comes first; a port shared by many
/// activities (Done, TimedOut) falls back to its general meaning.
/// </summary>
public static class PortDescriptions
{
    /// <summary>The one port every activity but a trigger is entered by.</summary>
    public const string In = "In";

    public static readonly PortDescriptor InPort = new(In, "Where the flow enters the activity; connect any number of arrows to it.");

    private static readonly Dictionary<string, string> General = new(StringComparer.Ordinal)
    {
        [Ports.Done] = "When the activity has done its work.",
        [Ports.True] = "When the condition is true.",
        [Ports.False] = "When the condition is false.",
        [Ports.TimedOut] = "When the time allowed runs out first.",
        [Ports.Approved] = "When the reviewer approves.",
        [Ports.Rejected] = "When the reviewer rejects.",
        [Ports.Default] = "When no case's condition is true.",
    };

    private static readonly Dictionary<(string Activity, string Port), string> Specific = new()
    {
        [("OnEvent", Ports.Done)] = "When the event starts the flow; its data is the flow's input.",
        [("OnSchedule", Ports.Done)] = "When the schedule starts the flow.",
        [("Manual", Ports.Done)] = "When a member of staff starts the flow for a member.",
        [("Delay", Ports.Done)] = "When the time has passed.",
        [("WaitUntil", Ports.Done)] = "At the moment, or at once if it has already passed.",
        [("WaitForEvent", Ports.Done)] = "When the member's event arrives; its data is the activity's event output.",
        [("WaitForEvent", Ports.TimedOut)] = "When the timeout passes before the event arrives.",
        [("ApprovalTask", Ports.TimedOut)] = "When the task is still undecided at its due date.",
        [("Join", Ports.Done)] = "When every inbound branch has arrived (All), or the first has (Any).",
        [("Switch", Ports.Default)] = "When no case's condition is true.",
    };

    /// <summary>The description of <paramref name="port"/> of <paramref name="activityType"/>; a Switch case's port names its case.</summary>
    public static string Of(string activityType, string port) =>
        Specific.GetValueOrDefault((activityType, port))
        ?? General.GetValueOrDefault(port)
        ?? (activityType == "Switch" ? $"When the case '{port}' is the first whose condition is true." : $"When the activity leaves by '{port}'.");

    /// <summary>What the designer shows for the ports an activity adds from its inputs or connections.</summary>
    public static string? Dynamic(string activityType) => activityType switch
    {
        "Switch" => "One port per case, named by the case, before Default: a token leaves by the first case whose condition is true.",
        "Fork" => "Name each outgoing connection's port as you like; every branch runs at once.",
        _ => null,
    };
}
