using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Runtime;

/// <summary>
/// Where the engine keeps definitions, instances, bookmarks, journals and effects. The host implements it with
/// EF Core inside one unit of work per engine call, so an instance's state, its bookmarks, its journal and its
/// outbox rows commit together or not at all.
/// </summary>
public interface IWorkflowStore
{
    /// <summary>Published definitions with an OnEvent trigger for <paramref name="eventType"/> and this program (or any program).</summary>
    Task<IReadOnlyList<WorkflowDefinition>> FindTriggeredAsync(string eventType, string? program, CancellationToken cancellationToken);

    Task<WorkflowDefinition?> FindDefinitionAsync(string definitionId, int version, CancellationToken cancellationToken);

    /// <summary>The instance, locked for the rest of the unit of work (a row lock on PostgreSQL); null when it does not exist.</summary>
    Task<WorkflowInstanceState?> LockInstanceAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>Waiting bookmarks whose stimulus is <paramref name="stimulus"/>.</summary>
    Task<IReadOnlyList<(Guid InstanceId, Guid BookmarkId)>> FindBookmarksAsync(string stimulus, CancellationToken cancellationToken);

    /// <summary>
    /// Running or suspended instances for <paramref name="memberId"/> whose definition cancels on <paramref name="eventType"/>;
    /// when <paramref name="correlationId"/> is given, only those about it.
    /// </summary>
    Task<IReadOnlyList<Guid>> FindInstancesCancelledByAsync(string eventType, Guid memberId, string? correlationId, CancellationToken cancellationToken);

    /// <summary>Running or suspended instances of <paramref name="definitionId"/> (any version) for <paramref name="memberId"/>.</summary>
    Task<IReadOnlyList<Guid>> FindLiveInstancesAsync(string definitionId, Guid memberId, CancellationToken cancellationToken);

    /// <summary>Records a step: new or changed state, bookmarks created and removed, journal lines and effects.</summary>
    Task SaveAsync(WorkflowStep step, CancellationToken cancellationToken);

    /// <summary>
    /// How the in-hub command with <paramref name="idempotencyKey"/>, asked for by a step already saved, ended: the
    /// host runs commands as it saves the step, so the answer is known by then.
    /// </summary>
    Task<CommandOutcome> CommandOutcomeAsync(WorkflowInstanceState state, string idempotencyKey, CancellationToken cancellationToken);
}
