using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Runtime;

/// <summary>
/// A store in memory, for tests and the simulator. Effects land in <see cref="Outbox"/>, once per idempotency key,
/// as they would in the host's outbox table.
/// </summary>
public sealed class InMemoryWorkflowStore : IWorkflowStore
{
    private readonly List<WorkflowDefinition> _definitions = [];
    private readonly Dictionary<Guid, WorkflowInstanceState> _instances = [];
    private readonly Dictionary<string, Effect> _outbox = [];
    private readonly List<(Guid InstanceId, JournalEntry Entry)> _journal = [];

    public IReadOnlyCollection<WorkflowInstanceState> Instances => _instances.Values;
    public IReadOnlyList<Effect> Outbox => [.. _outbox.Values];
    public IReadOnlyList<JournalEntry> JournalOf(Guid instanceId) => [.. _journal.Where(j => j.InstanceId == instanceId).Select(j => j.Entry)];

    public void Add(WorkflowDefinition definition) => _definitions.Add(definition);

    public WorkflowInstanceState? Find(Guid instanceId) => _instances.GetValueOrDefault(instanceId);

    /// <summary>Timers and timeouts still waiting, soonest first.</summary>
    public IReadOnlyList<(Guid InstanceId, Bookmark Bookmark)> DueBookmarks(DateTimeOffset until) =>
        [.. _instances.Values.SelectMany(i => i.Bookmarks.Select(b => (i.InstanceId, Bookmark: b)))
            .Where(x => x.Bookmark.ResumeAt <= until)
            .OrderBy(x => x.Bookmark.ResumeAt)];

    /// <summary>Only the latest published version of each definition starts new instances.</summary>
    public Task<IReadOnlyList<WorkflowDefinition>> FindTriggeredAsync(string eventType, string? program, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WorkflowDefinition>>([.. _definitions.Where(d => d.IsPublished)
            .GroupBy(d => d.DefinitionId, (_, versions) => versions.MaxBy(d => d.Version)!)
            .Where(d => (d.Program is null || program is null || d.Program == program) && TriggerIndex.TriggerTypes(d).Contains(eventType))]);

    public Task<WorkflowDefinition?> FindDefinitionAsync(string definitionId, int version, CancellationToken cancellationToken) =>
        Task.FromResult(_definitions.FirstOrDefault(d => d.DefinitionId == definitionId && d.Version == version));

    public Task<WorkflowInstanceState?> LockInstanceAsync(Guid instanceId, CancellationToken cancellationToken) =>
        Task.FromResult(Find(instanceId));

    public Task<IReadOnlyList<(Guid InstanceId, Guid BookmarkId)>> FindBookmarksAsync(string stimulus, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<(Guid, Guid)>>([.. _instances.Values.SelectMany(i => i.Bookmarks
            .Where(b => b.Stimulus == stimulus)
            .Select(b => (i.InstanceId, b.Id)))]);

    public Task<IReadOnlyList<Guid>> FindInstancesCancelledByAsync(string eventType, Guid memberId, string? correlationId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. _instances.Values
            .Where(i => i.MemberId == memberId && i.Status is WorkflowStatus.Running or WorkflowStatus.Suspended)
            .Where(i => correlationId is null || i.CorrelationId == correlationId)
            .Where(i => _definitions.Any(d => d.DefinitionId == i.DefinitionId && d.Version == i.DefinitionVersion && d.CancelOn.Contains(eventType)))
            .Select(i => i.InstanceId)]);

    public Task<IReadOnlyList<Guid>> FindLiveInstancesAsync(string definitionId, Guid memberId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. _instances.Values
            .Where(i => i.DefinitionId == definitionId && i.MemberId == memberId && i.Status is WorkflowStatus.Running or WorkflowStatus.Suspended)
            .OrderBy(i => i.CreatedAt)
            .Select(i => i.InstanceId)]);

    public Task SaveAsync(WorkflowStep step, CancellationToken cancellationToken)
    {
        _instances[step.State.InstanceId] = step.State;
        _journal.AddRange(step.Journal.Select(j => (step.State.InstanceId, j)));
        foreach (var effect in step.Effects) _outbox.TryAdd(effect.IdempotencyKey, effect);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Answers in-hub commands as the hub would: accepted, unless this returns the hub's reason to refuse the effect.
    /// </summary>
    public Func<Effect, string?>? RefuseCommands { get; set; }

    public Task<CommandOutcome> CommandOutcomeAsync(WorkflowInstanceState state, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(_outbox.TryGetValue(idempotencyKey, out var effect) && RefuseCommands?.Invoke(effect) is { } reason
            ? new CommandOutcome(false, reason)
            : new CommandOutcome(true, Reference: effect?.Payload["status"]?.ToString()));

    /// <summary>Re-pins an instance, as the host's migrate action does.</summary>
    public void Replace(WorkflowInstanceState state) => _instances[state.InstanceId] = state;
}
