using CredentialConnect.Web.Data;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// One unit of work on workflow instances: an engine call, then the queued early events the waits it created were
/// looking for, all in one transaction. It joins the caller's transaction when there is one (the domain event
/// dispatcher's), and otherwise opens and commits its own.
/// </summary>
public sealed class WorkflowUnit(AppDbContext db, WorkflowEngine engine, EarlyEvents earlyEvents)
{
    public WorkflowEngine Engine => engine;

    public async Task<T> RunAsync<T>(Func<WorkflowEngine, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null) return await RunInTransactionAsync(work, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await RunInTransactionAsync(work, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<T> RunInTransactionAsync<T>(Func<WorkflowEngine, Task<T>> work, CancellationToken cancellationToken)
    {
        var result = await work(engine);
        await earlyEvents.DeliverToNewWaitsAsync(cancellationToken);
        return result;
    }
}
