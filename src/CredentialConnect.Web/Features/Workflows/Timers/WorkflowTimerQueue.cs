using System.Data.Common;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// The timers a unit of work created and removed, handed to Quartz only once it has committed: a trigger never
/// fires for a bookmark that rolled back, and a trigger lost between the commit and Quartz is caught by the overdue
/// sweep. One per scope; it hears the scope's <c>AppDbContext</c> commit as an interceptor.
/// </summary>
public sealed class WorkflowTimerQueue(WorkflowTimerScheduler scheduler, ILogger<WorkflowTimerQueue> logger) : DbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly List<(Guid InstanceId, Bookmark Bookmark)> _scheduled = [];
    private readonly List<Guid> _unscheduled = [];

    public void Schedule(Guid instanceId, Bookmark bookmark) => _scheduled.Add((instanceId, bookmark));

    public void Unschedule(Guid bookmarkId) => _unscheduled.Add(bookmarkId);

    public override async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        await FlushAsync(cancellationToken);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Clear();
        return Task.CompletedTask;
    }

    // A save without an explicit transaction commits on its own.
    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null) await FlushAsync(cancellationToken);
        return result;
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_scheduled.Count == 0 && _unscheduled.Count == 0) return;
        var (scheduled, unscheduled) = (_scheduled.ToList(), _unscheduled.ToList());
        Clear();
        try
        {
            await scheduler.ApplyAsync(scheduled, unscheduled, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Committed bookmarks are never lost: the overdue sweep resumes them.
            logger.LogWarning(e, "Scheduling {Count} workflow timers failed; the overdue sweep will resume them", scheduled.Count);
        }
    }

    private void Clear()
    {
        _scheduled.Clear();
        _unscheduled.Clear();
    }
}
