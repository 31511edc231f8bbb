using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Events;

/// <summary>Reacts to a domain event inside the dispatcher's transaction: it may add outbox messages, never call a partner.</summary>
public interface IDomainEventHandler
{
    Task HandleAsync(DomainEvent domainEvent, AppDbContext db, CancellationToken cancellationToken);
}

/// <summary>
/// Hands unhandled domain events to every handler and marks them handled, all in one transaction: a handler's
/// outbox messages exist exactly when the event counts as handled. The outbox's unique idempotency keys make a
/// second node's overlapping batch fail as a whole instead of queueing the same work twice.
/// </summary>
public sealed class DomainEventDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DomainEventDispatcher> logger)
{
    public async Task<int> DispatchAsync(int batch, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var handlers = scope.ServiceProvider.GetServices<IDomainEventHandler>().ToList();
        var events = await db.DomainEvents.Where(e => e.HandledAt == null).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Take(batch).ToListAsync(cancellationToken);
        if (events.Count == 0) return 0;

        var now = clock.GetUtcNow();
        // Handlers may save part-way (a workflow step flushes so the next event sees it); the batch still commits as one.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            foreach (var domainEvent in events)
            {
                foreach (var handler in handlers) await handler.HandleAsync(domainEvent, db, cancellationToken);
                domainEvent.HandledAt = now;
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            logger.LogInformation(e, "Another node handled these events first");
            return 0;
        }
        return events.Count;
    }
}
