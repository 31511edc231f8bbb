using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Activities.Flow;

/// <summary>
/// Waits for the instance's member to cause an event. A resume with a payload is the event; a resume without one is
/// the timeout firing.
/// </summary>
[Activity("Flow", "Wait for event", "Waits for the member's next event of a type, e.g. ExamRegistered, for at most a time.", IsWaiting = true)]
[Ports(Ports.Done, Ports.TimedOut)]
public sealed class WaitForEvent : Activity
{
    [Input(Description = "The domain event to wait for.", Required = true)]
    public string EventType { get; set; } = "";

    [Input(Description = "How long to wait before leaving through TimedOut; empty waits for ever.", UIHint = UIHints.Duration)]
    public TimeSpan? Timeout { get; set; }

    [Output("The data of the event that arrived.")]
    public JsonObject? Event { get; set; }

    /// <summary>What an event wait is keyed by, so the engine finds it when the member's event arrives.</summary>
    public static string StimulusFor(string eventType, Guid? memberId) => $"{eventType}:{memberId}";

    public override ActivityOutcome Execute(ActivityContext context)
    {
        context.CreateEventWait(StimulusFor(EventType, context.MemberId), context.Now + Timeout);
        return ActivityOutcome.Wait;
    }

    public override ActivityOutcome Resume(ActivityContext context, Bookmark bookmark, JsonObject? payload)
    {
        if (payload is null) return ActivityOutcome.Continue(Ports.TimedOut);
        context.SetOutput("event", payload);
        return ActivityOutcome.Done;
    }
}
