using CredentialConnect.Web.Data;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Fires workflow timers: one bookmark when its Quartz trigger fires, or every bookmark due by a time, for the
/// overdue sweep and for tests that move a fake clock. Every resume runs under the instance's row lock and is a no-op
/// when the bookmark is already gone. Due timers are resumed in batches, one transaction each: a batch claims its
/// instances with their locks (passing over those another node holds), runs each, and commits once.
/// </summary>
public sealed class WorkflowTimers(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WorkflowOptions> options, ILogger<WorkflowTimers> logger)
{
    private const int Batch = 100;

    public async Task<bool> ResumeAsync(Guid instanceId, Guid bookmarkId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var unit = scope.ServiceProvider.GetRequiredService<WorkflowUnit>();
        var step = await unit.RunAsync(engine => engine.ResumeAsync(instanceId, bookmarkId, null, clock.GetUtcNow(), cancellationToken), cancellationToken);
        return step is not null;
    }

    /// <summary>Resumes every timer and timeout due at <paramref name="now"/>, including those the resumes themselves make due; returns how many ran.</summary>
    public async Task<int> RunDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var resumed = 0;
        // Timers that changed nothing (their instance is over) or failed are not claimed again in this run.
        var passed = new HashSet<Guid>();
        while (await ResumeBatchAsync(now, passed, cancellationToken) is { } batch) resumed += batch;
        return resumed;
    }

    /// <summary>
    /// The safety net under Quartz: resumes timers more than the grace period late (an outage, a lost trigger) and
    /// forgets kept events past their time to live.
    /// </summary>
    public async Task<int> SweepOverdueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using (var scope = scopes.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<EarlyEvents>().PurgeExpiredAsync(now, cancellationToken);
        return await RunDueAsync(now - options.Value.OverdueGrace, cancellationToken);
    }

    /// <summary>Resumes one batch of due timers in one transaction; null when none was due.</summary>
    private async Task<int?> ResumeBatchAsync(DateTimeOffset now, HashSet<Guid> passed, CancellationToken cancellationToken)
    {
        IReadOnlyList<(Guid InstanceId, Guid BookmarkId)> due = [];
        var unchanged = new List<Guid>();
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var unit = scope.ServiceProvider.GetRequiredService<WorkflowUnit>();
            var store = scope.ServiceProvider.GetRequiredService<EfWorkflowStore>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            due = await store.ClaimDueTimersAsync(now, Batch, passed, cancellationToken);
            if (due.Count == 0) return null;
            // One unit of work for the batch: its steps are saved together, and early events are looked up once.
            await unit.RunAsync(async engine =>
            {
                foreach (var (instanceId, bookmarkId) in due)
                    if (await engine.ResumeAsync(instanceId, bookmarkId, null, clock.GetUtcNow(), cancellationToken) is null) unchanged.Add(bookmarkId);
                return unchanged;
            }, cancellationToken);
            await store.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException && due.Count > 0)
        {
            // One failing timer must not hold up the rest of its batch: they are resumed one at a time instead.
            logger.LogWarning(e, "A batch of {Count} workflow timers failed; resuming them one at a time", due.Count);
            return await ResumeEachAsync(due, passed, cancellationToken);
        }
        passed.UnionWith(unchanged);
        return due.Count - unchanged.Count;
    }

    private async Task<int> ResumeEachAsync(IReadOnlyList<(Guid InstanceId, Guid BookmarkId)> due, HashSet<Guid> passed, CancellationToken cancellationToken)
    {
        var resumed = 0;
        foreach (var (instanceId, bookmarkId) in due)
            try
            {
                if (await ResumeAsync(instanceId, bookmarkId, cancellationToken)) resumed++;
                else passed.Add(bookmarkId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Resuming workflow timer {BookmarkId} of instance {InstanceId} failed", bookmarkId, instanceId);
                passed.Add(bookmarkId);
            }
        return resumed;
    }
}
