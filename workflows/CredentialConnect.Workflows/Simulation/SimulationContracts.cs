using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Simulation;

/// <summary>A member's real history: the domain events they caused, in time.</summary>
public sealed record MemberHistory(Guid MemberId, IReadOnlyList<WorkflowTrigger> Events)
{
    /// <summary>
    /// Events the hub's own schedule will raise later (an expiry notice N days before a credential expires), so a
    /// simulation reaching past now plays them out too.
    /// </summary>
    public IReadOnlyList<WorkflowTrigger> Projected { get; init; } = [];
}

/// <summary>How a reviewer decides the approval tasks a simulation reaches.</summary>
public enum ReviewerOutcome { Approved, Rejected, TimedOut }

/// <param name="ReviewerOutcome">The decision every approval task gets; null leaves tasks waiting, as no reviewer acts.</param>
/// <param name="ReviewerDecidesAfter">How long after a task opens the reviewer decides (Approved or Rejected); a day when left out.</param>
public sealed record SimulationOptions(ReviewerOutcome? ReviewerOutcome = null, TimeSpan? ReviewerDecidesAfter = null)
{
    public static readonly TimeSpan DefaultReviewerDelay = TimeSpan.FromDays(1);
}

/// <summary>One thing the flow would do to a member, and when.</summary>
/// <param name="Day">Whole days since the member's instance started.</param>
/// <param name="Summary">What a person reads: an email's subject, a message's title, a badge, a status.</param>
public sealed record SimulatedEffect(DateTimeOffset At, int Day, string Kind, string Summary, JsonObject Payload);

/// <summary>An event the simulation replayed for the member; <see cref="Projected"/> when it has not happened yet.</summary>
public sealed record SimulatedEvent(DateTimeOffset At, string Type, bool Projected);

/// <param name="Status">The instance's status at the end of the simulation; null when the flow never started for the member.</param>
public sealed record MemberSimulation(Guid MemberId, IReadOnlyList<SimulatedEffect> Effects, WorkflowStatus? Status, IReadOnlyList<JournalEntry> Journal)
{
    /// <summary>Why the timeline is what it is: why nothing started, what cancelled it, what it still waits on.</summary>
    public string Explanation { get; init; } = "";

    public IReadOnlyList<SimulatedEvent> Events { get; init; } = [];
}

/// <summary>Something in the flow itself that would go wrong for every member, found while simulating it.</summary>
/// <param name="ActivityId">The activity whose input has the problem.</param>
/// <param name="Input">The input's name.</param>
/// <param name="Message">What would happen, in words a designer can act on.</param>
public sealed record SimulationFinding(string ActivityId, string Input, string Message);

public sealed record SimulationResult(IReadOnlyList<MemberSimulation> Members)
{
    /// <summary>What would go wrong whoever the member is, such as a template variable that renders as nothing.</summary>
    public IReadOnlyList<SimulationFinding> Findings { get; init; } = [];
}
