using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Runtime;

public enum WorkflowStatus { Running, Suspended, Finished, Cancelled, Faulted }

public enum BookmarkKind
{
    /// <summary>Resume at <see cref="Bookmark.ResumeAt"/> (Delay, WaitUntil, a WaitForEvent or ApprovalTask timeout).</summary>
    Timer,

    /// <summary>Resume when an event with <see cref="Bookmark.Stimulus"/> arrives (WaitForEvent).</summary>
    Event,

    /// <summary>Resume when a person decides (ApprovalTask).</summary>
    Approval,

    /// <summary>
    /// Resume when the host has run the in-hub command asked for with <see cref="Bookmark.Stimulus"/> as its idempotency
    /// key (an award, an application decision): the path goes on only if the hub accepted it.
    /// </summary>
    Command,
}

/// <summary>
/// A place where an instance waits. The host stores it, schedules a Quartz trigger keyed by <see cref="Id"/> for a
/// timer, and indexes <see cref="Stimulus"/> for events. Resuming a bookmark that is gone does nothing.
/// </summary>
/// <param name="Stimulus">What wakes it: for events, <c>{eventType}:{memberId}</c>; for approvals, the task id.</param>
/// <param name="ResumeAt">For timers, when it is due; for event and approval waits, the timeout, if any.</param>
public sealed record Bookmark(Guid Id, string ActivityId, BookmarkKind Kind, string? Stimulus, DateTimeOffset? ResumeAt, JsonObject? Data = null);

/// <summary>
/// A side effect an activity asks for. The runtime never performs it: the host writes it to the outbox in the
/// same transaction as the instance's state, keyed by <see cref="IdempotencyKey"/> (instance/activity/visit),
/// so a retried step can never send twice.
/// </summary>
/// <param name="Kind">What to do: <c>email</c>, <c>community-message</c>, <c>community-badge</c>, <c>portal-notification</c>,
/// <c>award-credential</c>, <c>update-application</c>, <c>add-tag</c>, <c>http-webhook</c>, <c>approval-task</c>.</param>
public sealed record Effect(string Kind, string IdempotencyKey, JsonObject Payload, DateTimeOffset At);

/// <summary>One line of an instance's execution journal.</summary>
public sealed record JournalEntry(DateTimeOffset At, string ActivityId, string ActivityType, string Event, string? Port = null, string? Message = null);

/// <summary>A failed activity, kept until an admin retries it, skips it or cancels the instance.</summary>
public sealed record Incident(Guid Id, string ActivityId, string ActivityType, string Message, DateTimeOffset At, int Attempts, bool Resolved = false);

/// <summary>
/// Everything the runtime needs to continue an instance later: the host stores it as JSON beside the instance row.
/// </summary>
public sealed record WorkflowInstanceState
{
    public required Guid InstanceId { get; init; }
    public required string DefinitionId { get; init; }
    public required int DefinitionVersion { get; init; }
    public Guid? MemberId { get; init; }
    public string? Program { get; init; }

    /// <summary>The id of the thing the flow is about (an application, a credential), for correlation.</summary>
    public string? CorrelationId { get; init; }

    public WorkflowStatus Status { get; init; } = WorkflowStatus.Running;
    public JsonObject Variables { get; init; } = [];
    public JsonObject Input { get; init; } = [];

    /// <summary>What the hub knew when the instance started (<c>member</c>, <c>program</c>, <c>credential</c>, <c>association</c>), for its templates and scripts.</summary>
    public JsonObject Context { get; init; } = [];

    public IReadOnlyList<Bookmark> Bookmarks { get; init; } = [];
    public IReadOnlyList<Incident> Incidents { get; init; } = [];

    /// <summary>The id of the trigger that last started or restarted the instance, so that a repeated delivery restarts nothing.</summary>
    public Guid? TriggerId { get; init; }

    /// <summary>Runtime internals (tokens for forks and joins, visit counts), opaque to the host.</summary>
    public JsonObject Execution { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What one step of the runtime produced: the new state, the effects to enqueue and what to journal.</summary>
public sealed record WorkflowStep(
    WorkflowInstanceState State,
    IReadOnlyList<Effect> Effects,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<Bookmark> BookmarksCreated,
    IReadOnlyList<Bookmark> BookmarksRemoved);

/// <summary>What starts an instance: a domain event, a schedule or a person.</summary>
/// <param name="Type">The event type (CredentialAwarded, ExamFailed…), <c>Schedule</c> or <c>Manual</c>.</param>
public sealed record WorkflowTrigger(string Type, Guid? MemberId, string? Program, string? CorrelationId, JsonObject Data, DateTimeOffset At)
{
    /// <summary>
    /// True when the event undoes the record it is about (a voided exam attempt): it cancels only the flows about that
    /// same record (<see cref="CorrelationId"/>), not every flow of the member that lists it in CancelOn.
    /// </summary>
    public bool Voids { get; init; }

    /// <summary>
    /// What makes this start happen once, however often it is delivered: a schedule's occurrence
    /// (<c>schedule/{activityId}/{time}</c>), or a manual start's request and member. When set, the instance id is
    /// derived from the definition and this key alone, so a second node, a misfire replay or a repeated request finds
    /// the instance already there, even after a newer version was published.
    /// </summary>
    public string? OccurrenceKey { get; init; }

    /// <summary>
    /// What the hub knows about the member, the program, the credential and the association, read when the trigger
    /// arrives; templates and scripts see each entry by its name (<c>{{ member.firstName }}</c>).
    /// </summary>
    public JsonObject Context { get; init; } = [];
}

/// <summary>How the host ended an in-hub command: accepted (with what it answered, such as the new status), or refused with the hub's reason.</summary>
public sealed record CommandOutcome(bool Succeeded, string? Reason = null, string? Reference = null)
{
    public static readonly CommandOutcome Accepted = new(true);

    public JsonObject ToPayload() => new() { ["succeeded"] = Succeeded, ["reason"] = Reason, ["reference"] = Reference };
}

/// <summary>
/// Runs definitions. Pure: it reads only its arguments and the clock it is given, and performs no side effect,
/// so the host can wrap every call in one transaction and the simulator can run it against a fake clock.
/// </summary>
public interface IWorkflowRunner
{
    /// <summary>A new instance of <paramref name="definition"/>, run until it waits or ends.</summary>
    WorkflowStep Start(WorkflowDefinition definition, WorkflowTrigger trigger, Guid instanceId);

    /// <summary>Continues at <paramref name="bookmarkId"/>; an unknown bookmark returns the state unchanged with no effects.</summary>
    WorkflowStep Resume(WorkflowDefinition definition, WorkflowInstanceState state, Guid bookmarkId, JsonObject? payload, DateTimeOffset at);

    WorkflowStep Cancel(WorkflowInstanceState state, string reason, DateTimeOffset at);

    /// <summary>
    /// Starts a live instance again from the trigger that accepts <paramref name="trigger"/>, with the trigger's data,
    /// context and correlation, on <paramref name="definition"/>'s version: its waits end and its variables stay.
    /// </summary>
    WorkflowStep Restart(WorkflowDefinition definition, WorkflowInstanceState state, WorkflowTrigger trigger, Guid triggerId);

    /// <summary>Whether one of the definition's triggers starts an instance for <paramref name="trigger"/> (event type, program, filter).</summary>
    bool Accepts(WorkflowDefinition definition, WorkflowTrigger trigger);

    /// <summary>Runs the activity of an open incident of a faulted instance again; the state is unchanged when there is none.</summary>
    WorkflowStep Retry(WorkflowDefinition definition, WorkflowInstanceState state, Guid incidentId, DateTimeOffset at);

    /// <summary>Continues past the activity of an open incident through its <c>Done</c> port without running it.</summary>
    WorkflowStep Skip(WorkflowDefinition definition, WorkflowInstanceState state, Guid incidentId, DateTimeOffset at);

    /// <summary>
    /// Continues past the activity of an open incident through <paramref name="port"/> without running it.
    /// A port the activity does not have throws <see cref="ArgumentException"/>; <see cref="PortsOf"/> lists the valid ones.
    /// </summary>
    WorkflowStep Skip(WorkflowDefinition definition, WorkflowInstanceState state, Guid incidentId, string port, DateTimeOffset at);

    /// <summary>The ports <paramref name="activityId"/> can leave through, for choosing where a skip goes; empty when it is not in the definition.</summary>
    IReadOnlyList<string> PortsOf(WorkflowDefinition definition, string activityId);

    /// <summary>Records an open incident on <paramref name="activityId"/> for a failure found after its step committed; the path is not changed.</summary>
    WorkflowStep RecordIncident(WorkflowDefinition definition, WorkflowInstanceState state, string activityId, string message, DateTimeOffset at);

    /// <summary>Marks an open incident handled without running anything; unchanged when it holds the instance faulted (retry or skip it).</summary>
    WorkflowStep Acknowledge(WorkflowDefinition definition, WorkflowInstanceState state, Guid incidentId, string by, DateTimeOffset at);
}
