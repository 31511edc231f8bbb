using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Simulation;

/// <summary>A member's real history: the domain events they caused, in time.</summary>
public sealed record MemberHistory(Guid MemberId, IReadOnlyList<WorkflowTrigger> Events);

/// <summary>One thing the flow would do to a member, and when.</summary>
/// <param name="Day">Whole days since the member's instance started.</param>
/// <param name="Summary">What a person reads: an email's subject, a message's title, a badge, a status.</param>
public sealed record SimulatedEffect(DateTimeOffset At, int Day, string Kind, string Summary, JsonObject Payload);

/// <param name="Status">The instance's status at the end of the simulation; null when the flow never started for the member.</param>
public sealed record MemberSimulation(Guid MemberId, IReadOnlyList<SimulatedEffect> Effects, WorkflowStatus? Status, IReadOnlyList<JournalEntry> Journal);

public sealed record SimulationResult(IReadOnlyList<MemberSimulation> Members);
