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
    private readonly Dictionary<string, JsonObject> _outcomes = [];

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

    /// <summary>
    /// Why the hub would refuse a command (an application already decided), or null to run it; commands succeed
    /// unless a test or simulation says otherwise.
    /// </summary>
    public Func<Effect, string?> RefuseCommand { get; set; } = _ => null;

    public Task<JsonObject?> CommandOutcomeAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(_outcomes.TryGetValue(idempotencyKey, out var outcome) ? (JsonObject)outcome.DeepClone() : null);

    public Task SaveAsync(WorkflowStep step, CancellationToken cancellationToken)
    {
        _instances[step.State.InstanceId] = step.State;
        _journal.AddRange(step.Journal.Select(j => (step.State.InstanceId, j)));
        foreach (var effect in step.Effects)
            if (_outbox.TryAdd(effect.IdempotencyKey, effect))
                _outcomes[effect.IdempotencyKey] = RefuseCommand(effect) is { } reason
                    ? new JsonObject { ["succeeded"] = false, ["reason"] = reason }
                    : new JsonObject { ["succeeded"] = true, ["reference"] = effect.Payload["status"]?.DeepClone() };
        return Task.CompletedTask;
    }

    /// <summary>Re-pins an instance, as the host's migrate action does.</summary>
    public void Replace(WorkflowInstanceState state) => _instances[state.InstanceId] = state;
}
