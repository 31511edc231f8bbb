using System.Collections.Concurrent;
using CredentialConnect.Web.Data;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// The engine's store over the hub's database. Every call joins the caller's transaction: a step's state, bookmarks,
/// journal and effects are flushed together, and commit or roll back with whatever else the caller did (the domain
/// event dispatcher's batch, a timer's resume). Timers are handed to <see cref="WorkflowTimerQueue"/>, which
/// schedules them once the transaction has committed.
/// </summary>
public sealed class EfWorkflowStore(AppDbContext db, IDatabaseDialect dialect, WorkflowEffects effects, WorkflowTimerQueue timers) : IWorkflowStore
{
    // Published versions never change, so their parsed form is kept; keyed by row id, which a new version never reuses.
    private static readonly ConcurrentDictionary<Guid, WorkflowDefinition> Parsed = new();

    private readonly List<(Guid InstanceId, Bookmark Bookmark)> _eventWaitsCreated = [];

    public async Task<IReadOnlyList<WorkflowDefinition>> FindTriggeredAsync(string eventType, string? program, CancellationToken cancellationToken)
    {
        var rows = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.IsLatestPublished && db.WorkflowTriggers.Any(t => t.DefinitionVersionId == d.Id && t.TriggerType == eventType
                && (t.Program == null || program == null || t.Program == program)))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(Read)];
    }

    public async Task<WorkflowDefinition?> FindDefinitionAsync(string definitionId, int version, CancellationToken cancellationToken) =>
        await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.DefinitionVersion == version, cancellationToken)
            is { } row ? Read(row) : null;

    /// <summary>The latest published versions: what starts instances and what waits for events now.</summary>
    public async Task<IReadOnlyList<WorkflowDefinition>> LatestPublishedAsync(CancellationToken cancellationToken) =>
        [.. (await db.WorkflowDefinitions.AsNoTracking().Where(d => d.IsLatestPublished).ToListAsync(cancellationToken)).Select(Read)];

    public async Task<WorkflowInstanceState?> LockInstanceAsync(Guid instanceId, CancellationToken cancellationToken) =>
        (await dialect.LockWorkflowInstanceAsync(db, instanceId, cancellationToken))?.ReadState();

    public async Task<IReadOnlyList<(Guid InstanceId, Guid BookmarkId)>> FindBookmarksAsync(string stimulus, CancellationToken cancellationToken) =>
        [.. (await db.WorkflowBookmarks.AsNoTracking().Where(b => b.Stimulus == stimulus).OrderBy(b => b.ResumeAt)
            .Select(b => new { b.InstanceId, b.Id }).ToListAsync(cancellationToken)).Select(b => (b.InstanceId, b.Id))];

    public async Task<IReadOnlyList<Guid>> FindInstancesCancelledByAsync(string eventType, Guid memberId, CancellationToken cancellationToken)
    {
        var live = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.MemberId == memberId && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended))
            .Select(i => new { i.Id, i.DefinitionId, i.DefinitionVersion }).ToListAsync(cancellationToken);
        var cancelled = new List<Guid>();
        foreach (var pinned in live.GroupBy(i => (i.DefinitionId, i.DefinitionVersion)))
            if (await FindDefinitionAsync(pinned.Key.DefinitionId, pinned.Key.DefinitionVersion, cancellationToken) is { } definition
                && definition.CancelOn.Contains(eventType))
                cancelled.AddRange(pinned.Select(i => i.Id));
        return cancelled;
    }

    public async Task SaveAsync(WorkflowStep step, CancellationToken cancellationToken)
    {
        var state = step.State;
        var instance = await db.WorkflowInstances.FindAsync([state.InstanceId], cancellationToken);
        if (instance is null) db.WorkflowInstances.Add(instance = WorkflowInstance.From(state));
        instance.Write(state);

        var created = step.BookmarksCreated.ExceptBy(step.BookmarksRemoved.Select(b => b.Id), b => b.Id).ToList();
        var removed = step.BookmarksRemoved.ExceptBy(step.BookmarksCreated.Select(b => b.Id), b => b.Id).ToList();
        await RemoveBookmarksAsync(removed, cancellationToken);
        foreach (var bookmark in created)
        {
            db.WorkflowBookmarks.Add(WorkflowBookmark.From(state.InstanceId, bookmark));
            if (bookmark.ResumeAt is not null) timers.Schedule(state.InstanceId, bookmark);
            if (bookmark.Kind == BookmarkKind.Event) _eventWaitsCreated.Add((state.InstanceId, bookmark));
        }

        db.WorkflowJournal.AddRange(step.Journal.Select(entry => WorkflowJournalEntry.From(state.InstanceId, entry)));
        foreach (var effect in step.Effects) await effects.ApplyAsync(state, effect, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The event waits created since the last call, for queued early events to be delivered to.</summary>
    public IReadOnlyList<(Guid InstanceId, Bookmark Bookmark)> TakeEventWaitsCreated()
    {
        var taken = _eventWaitsCreated.ToList();
        _eventWaitsCreated.Clear();
        return taken;
    }

    private async Task RemoveBookmarksAsync(IReadOnlyList<Bookmark> removed, CancellationToken cancellationToken)
    {
        if (removed.Count == 0) return;
        var ids = removed.Select(b => b.Id).ToList();
        db.WorkflowBookmarks.RemoveRange(await db.WorkflowBookmarks.Where(b => ids.Contains(b.Id)).ToListAsync(cancellationToken));
        foreach (var bookmark in removed.Where(b => b.ResumeAt is not null)) timers.Unschedule(bookmark.Id);

        // An approval that ended without a decision (timed out, cancelled) leaves no task open for reviewers.
        var approvals = removed.Where(b => b.Kind == BookmarkKind.Approval && b.Stimulus is not null).Select(b => b.Stimulus!).ToList();
        // Filtered after loading: a task just decided in this unit of work is still Open in the database.
        foreach (var task in await db.WorkflowTasks.Where(t => approvals.Contains(t.TaskKey)).ToListAsync(cancellationToken))
            if (task.Status == WorkflowTaskStatus.Open) task.Status = WorkflowTaskStatus.Closed;
    }

    private static WorkflowDefinition Read(StoredWorkflowDefinition row) =>
        row.IsPublished ? Parsed.GetOrAdd(row.Id, _ => row.Read()) : row.Read();
}
