using System.Collections.Concurrent;
using CredentialConnect.Web.Data;
using CredentialConnect.Workflows.Activities.Flow;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// The engine's store over the hub's database. Every call joins the caller's transaction: a step's state, bookmarks,
/// journal and effects are added to the unit of work, which <see cref="WorkflowUnit"/> saves once at its end, and
/// commit or roll back with whatever else the caller did (the domain event dispatcher's batch, a batch of timer
/// resumes). A query that must see earlier steps saves them first. Timers are handed to
/// <see cref="WorkflowTimerQueue"/>, which schedules them once the transaction has committed.
/// </summary>
/// <remarks>
/// A batch of events or timers runs many engine calls in one transaction, so what cannot change inside it is read
/// once per transaction: published definitions (they never change), the flows an event type starts, the event types
/// that cancel or resume flows, and the instances this transaction has already locked.
/// </remarks>
public sealed class EfWorkflowStore(AppDbContext db, IDatabaseDialect dialect, WorkflowEffects effects, WorkflowTimerQueue timers) : IWorkflowStore
{
    // Published versions never change, so their parsed form is kept; keyed by row id, which a new version never reuses.
    private static readonly ConcurrentDictionary<Guid, WorkflowDefinition> Parsed = new();

    private readonly List<(Guid InstanceId, Bookmark Bookmark)> _eventWaitsCreated = [];
    private readonly Dictionary<Guid, WorkflowBookmark> _bookmarksAdded = [];
    private readonly TransactionScoped _scoped = new();
    private bool _unsaved;

    public async Task<IReadOnlyList<WorkflowDefinition>> FindTriggeredAsync(string eventType, string? program, CancellationToken cancellationToken)
    {
        var cache = _scoped.For(db);
        if (cache.Triggered.TryGetValue((eventType, program), out var found)) return found;
        var rows = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.IsLatestPublished && !d.IsDisabled && db.WorkflowTriggers.Any(t => t.DefinitionVersionId == d.Id && t.TriggerType == eventType
                && (t.Program == null || program == null || t.Program == program)))
            .ToListAsync(cancellationToken);
        return cache.Triggered[(eventType, program)] = [.. rows.Select(Read)];
    }

    public async Task<WorkflowDefinition?> FindDefinitionAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        var cache = _scoped.For(db);
        if (cache.Definitions.TryGetValue((definitionId, version), out var found)) return found;
        var definition = await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.DefinitionVersion == version, cancellationToken)
            is { } row ? Read(row) : null;
        return cache.Definitions[(definitionId, version)] = definition;
    }

    /// <summary>The latest published versions: what starts instances and what waits for events now.</summary>
    public async Task<IReadOnlyList<WorkflowDefinition>> LatestPublishedAsync(CancellationToken cancellationToken) =>
        [.. (await db.WorkflowDefinitions.AsNoTracking().Where(d => d.IsLatestPublished).ToListAsync(cancellationToken)).Select(Read)];

    public async Task<WorkflowInstanceState?> LockInstanceAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var cache = _scoped.For(db);
        if (!cache.Locked.TryGetValue(instanceId, out var instance))
            cache.Locked[instanceId] = instance = await dialect.LockWorkflowInstanceAsync(db, instanceId, cancellationToken);
        return instance?.ReadState();
    }

    /// <summary>
    /// Takes up to <paramref name="batch"/> timers due by <paramref name="now"/> whose instances no other transaction
    /// holds, and locks those instances for the rest of this one; <paramref name="skipped"/> are left out.
    /// </summary>
    public async Task<IReadOnlyList<(Guid InstanceId, Guid BookmarkId)>> ClaimDueTimersAsync(DateTimeOffset now, int batch, IReadOnlyCollection<Guid> skipped,
        CancellationToken cancellationToken)
    {
        var cache = _scoped.For(db);
        var (due, instances) = await dialect.ClaimDueWorkflowTimersAsync(db, now, batch, skipped, cancellationToken);
        foreach (var instance in instances) cache.Locked[instance.Id] = instance;
        return due;
    }

    public async Task<IReadOnlyList<(Guid InstanceId, Guid BookmarkId)>> FindBookmarksAsync(string stimulus, CancellationToken cancellationToken)
    {
        // Most events (an exam failed, a course completed) are waited for by no flow: no query for those.
        if (EventTypeOf(stimulus) is { } eventType && !(await PublishedAsync(cancellationToken)).AwaitedEventTypes.Contains(eventType)) return [];
        await FlushAsync(cancellationToken);
        return [.. (await db.WorkflowBookmarks.AsNoTracking().Where(b => b.Stimulus == stimulus).OrderBy(b => b.ResumeAt)
            .Select(b => new { b.InstanceId, b.Id }).ToListAsync(cancellationToken)).Select(b => (b.InstanceId, b.Id))];
    }

    public async Task<IReadOnlyList<Guid>> FindInstancesCancelledByAsync(string eventType, Guid memberId, string? correlationId, CancellationToken cancellationToken)
    {
        if (!(await PublishedAsync(cancellationToken)).CancellingEventTypes.Contains(eventType)) return [];
        await FlushAsync(cancellationToken);
        var live = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.MemberId == memberId && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended))
            .Where(i => correlationId == null || i.CorrelationId == correlationId)
            .Select(i => new { i.Id, i.DefinitionId, i.DefinitionVersion }).ToListAsync(cancellationToken);
        var cancelled = new List<Guid>();
        foreach (var pinned in live.GroupBy(i => (i.DefinitionId, i.DefinitionVersion)))
            if (await FindDefinitionAsync(pinned.Key.DefinitionId, pinned.Key.DefinitionVersion, cancellationToken) is { } definition
                && definition.CancelOn.Contains(eventType))
                cancelled.AddRange(pinned.Select(i => i.Id));
        return cancelled;
    }

    public async Task<IReadOnlyList<Guid>> FindLiveInstancesAsync(string definitionId, Guid memberId, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken);
        return await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.DefinitionId == definitionId && i.MemberId == memberId && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended))
            .OrderBy(i => i.CreatedAt).Select(i => i.Id).ToListAsync(cancellationToken);
    }

    public async Task SaveAsync(WorkflowStep step, CancellationToken cancellationToken)
    {
        var state = step.State;
        var cache = _scoped.For(db);
        // The engine locked the instance before this step (and found nothing when it starts one), so it is known here.
        var instance = cache.Locked.TryGetValue(state.InstanceId, out var locked) ? locked : await db.WorkflowInstances.FindAsync([state.InstanceId], cancellationToken);
        if (instance is null) db.WorkflowInstances.Add(instance = WorkflowInstance.From(state));
        instance.Write(state);
        cache.Locked[state.InstanceId] = instance;

        var created = step.BookmarksCreated.ExceptBy(step.BookmarksRemoved.Select(b => b.Id), b => b.Id).ToList();
        var removed = step.BookmarksRemoved.ExceptBy(step.BookmarksCreated.Select(b => b.Id), b => b.Id).ToList();
        await RemoveBookmarksAsync(state.InstanceId, removed, cancellationToken);
        foreach (var bookmark in created)
        {
            db.WorkflowBookmarks.Add(_bookmarksAdded[bookmark.Id] = WorkflowBookmark.From(state.InstanceId, bookmark));
            if (bookmark.ResumeAt is not null) timers.Schedule(state.InstanceId, bookmark);
            if (bookmark.Kind == BookmarkKind.Event) _eventWaitsCreated.Add((state.InstanceId, bookmark));
        }

        db.WorkflowJournal.AddRange(step.Journal.Select(entry => WorkflowJournalEntry.From(state.InstanceId, entry)));
        await effects.ApplyAsync(state, step.Effects, cancellationToken);
        _unsaved = true;
    }

    public Task<CommandOutcome> CommandOutcomeAsync(WorkflowInstanceState state, string idempotencyKey, CancellationToken cancellationToken) =>
        effects.CommandOutcomeAsync(idempotencyKey, cancellationToken);

    /// <summary>Saves the steps added since the last save, so a query sees them.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_unsaved) await SaveChangesAsync(cancellationToken);
    }

    /// <summary>Saves the unit of work: the steps and whatever else the caller added.</summary>
    public async Task SaveChangesAsync(CancellationToken cancellationToken)
    {
        await effects.CompleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        _unsaved = false;
    }

    /// <summary>The event waits created since the last call, for queued early events to be delivered to.</summary>
    public IReadOnlyList<(Guid InstanceId, Bookmark Bookmark)> TakeEventWaitsCreated()
    {
        var taken = _eventWaitsCreated.ToList();
        _eventWaitsCreated.Clear();
        return taken;
    }

    private async Task RemoveBookmarksAsync(Guid instanceId, IReadOnlyList<Bookmark> removed, CancellationToken cancellationToken)
    {
        if (removed.Count == 0) return;
        // A bookmark row is deleted by its key; there is no need to read it first.
        foreach (var bookmark in removed)
            db.WorkflowBookmarks.Remove(_bookmarksAdded.Remove(bookmark.Id, out var added) ? added : WorkflowBookmark.From(instanceId, bookmark));
        foreach (var bookmark in removed.Where(b => b.ResumeAt is not null)) timers.Unschedule(bookmark.Id);

        // An approval that ended without a decision (timed out, cancelled) leaves no task open for reviewers.
        var approvals = removed.Where(b => b.Kind == BookmarkKind.Approval && b.Stimulus is not null).Select(b => b.Stimulus!).ToList();
        if (approvals.Count == 0) return;
        await FlushAsync(cancellationToken);
        // Filtered after loading: a task just decided in this unit of work is still Open in the database.
        foreach (var task in await db.WorkflowTasks.Where(t => approvals.Contains(t.TaskKey)).ToListAsync(cancellationToken))
            if (task.Status == WorkflowTaskStatus.Open) task.Status = WorkflowTaskStatus.Closed;
    }

    /// <summary>Every published version (running instances are pinned to them), with the event types that stop or resume them.</summary>
    private async Task<PublishedFlows> PublishedAsync(CancellationToken cancellationToken)
    {
        var cache = _scoped.For(db);
        if (cache.Published is { } published) return published;
        var all = (await db.WorkflowDefinitions.AsNoTracking().Where(d => d.IsPublished).ToListAsync(cancellationToken)).Select(Read).ToList();
        return cache.Published = new PublishedFlows(
            [.. all.SelectMany(d => d.CancelOn)],
            [.. all.SelectMany(d => d.Root.Activities).Where(a => a.Type == nameof(WaitForEvent))
                .Select(a => EffectPayload.Text(a.Inputs, "eventType")).OfType<string>()]);
    }

    /// <summary>The event type of an event wait's stimulus (<see cref="WaitForEvent.StimulusFor"/>); null for any other stimulus.</summary>
    private static string? EventTypeOf(string stimulus)
    {
        var colon = stimulus.IndexOf(':');
        if (colon < 0 || !Guid.TryParse(stimulus.AsSpan(colon + 1), out var member)) return null;
        var eventType = stimulus[..colon];
        return stimulus == WaitForEvent.StimulusFor(eventType, member) ? eventType : null;
    }

    private static WorkflowDefinition Read(StoredWorkflowDefinition row) =>
        row.IsPublished ? Parsed.GetOrAdd(row.Id, _ => row.Read()) : row.Read();

    private sealed record PublishedFlows(HashSet<string> CancellingEventTypes, HashSet<string> AwaitedEventTypes);

    /// <summary>What one transaction has read; a new transaction (or none) starts afresh.</summary>
    private sealed class TransactionScoped
    {
        private IDbContextTransaction? _transaction;
        private Cache _cache = new();

        public Cache For(AppDbContext db)
        {
            var current = db.Database.CurrentTransaction;
            if (current is null || !ReferenceEquals(current, _transaction)) (_transaction, _cache) = (current, new Cache());
            return _cache;
        }
    }

    private sealed class Cache
    {
        public Dictionary<(string EventType, string? Program), IReadOnlyList<WorkflowDefinition>> Triggered { get; } = [];
        public Dictionary<(string DefinitionId, int Version), WorkflowDefinition?> Definitions { get; } = [];
        public Dictionary<Guid, WorkflowInstance?> Locked { get; } = [];
        public PublishedFlows? Published { get; set; }
    }
}
