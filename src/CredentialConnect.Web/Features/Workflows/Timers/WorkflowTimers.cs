using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Fires workflow timers: one bookmark when its Quartz trigger fires, or every bookmark due by a time, for the
/// overdue sweep and for tests that move a fake clock. Each resume runs in its own scope and transaction under the
/// instance's row lock, and is a no-op when the bookmark is already gone.
/// </summary>
public sealed class WorkflowTimers(IServiceScopeFactory scopes, TimeProvider clock, IOptions<WorkflowOptions> options)
{
    private const int Batch = 500;

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
        var tried = new HashSet<Guid>();
        while (true)
        {
            List<(Guid InstanceId, Guid BookmarkId)> due;
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                due = [.. (await db.WorkflowBookmarks.AsNoTracking().Where(b => b.ResumeAt <= now).OrderBy(b => b.ResumeAt).Take(Batch)
                    .Select(b => new { b.InstanceId, b.Id }).ToListAsync(cancellationToken))
                    .Where(b => tried.Add(b.Id)).Select(b => (b.InstanceId, b.Id))];
            }
            if (due.Count == 0) return resumed;
            foreach (var (instanceId, bookmarkId) in due)
                if (await ResumeAsync(instanceId, bookmarkId, cancellationToken)) resumed++;
        }
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
}
