using CredentialConnect.Web.Data;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// One unit of work on workflow instances: an engine call, then the queued early events the waits it created were
/// looking for, all in one transaction. It opens, saves and commits its own transaction, or joins the caller's (the
/// domain event dispatcher's batch), which saves once at its end: the unit then saves only what other code in that
/// transaction may query, the records an in-hub command changed. The workflow store saves its own steps before any
/// query that must see them.
/// </summary>
public sealed class WorkflowUnit(AppDbContext db, WorkflowEngine engine, EarlyEvents earlyEvents, EfWorkflowStore store, WorkflowEffects effects)
{
    public WorkflowEngine Engine => engine;

    public async Task<T> RunAsync<T>(Func<WorkflowEngine, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            var joined = await RunInTransactionAsync(work, cancellationToken);
            if (effects.TakeChangedHubRecords()) await SaveAsync(cancellationToken);
            return joined;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await RunInTransactionAsync(work, cancellationToken);
        effects.TakeChangedHubRecords();
        await SaveAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<T> RunInTransactionAsync<T>(Func<WorkflowEngine, Task<T>> work, CancellationToken cancellationToken)
    {
        var result = await work(engine);
        await earlyEvents.DeliverToNewWaitsAsync(cancellationToken);
        await effects.CompleteAsync(cancellationToken);
        return result;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await store.SaveChangesAsync(cancellationToken);
        earlyEvents.Saved();
    }
}
