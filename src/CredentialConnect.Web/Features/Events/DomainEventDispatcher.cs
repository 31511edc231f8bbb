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
/// second node's overlapping batch fail as a whole instead of queueing the same work twice. When a handler fails,
/// the batch is handled again one event at a time, so one poison event cannot hold up the others: it records its
/// failure and, after <see cref="MaxAttempts"/>, is held until staff release it.
/// </summary>
public sealed class DomainEventDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<DomainEventDispatcher> logger)
{
    public const int MaxAttempts = 3;

    public async Task<int> DispatchAsync(int batch, CancellationToken cancellationToken)
    {
        List<Guid> ids;
        using (var scope = scopes.CreateScope())
        {
            ids = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DomainEvents.Where(e => e.HandledAt == null && e.HeldAt == null)
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => e.Id).Take(batch).ToListAsync(cancellationToken);
        }
        if (ids.Count == 0) return 0;
        try
        {
            return await HandleAsync(ids, cancellationToken);
        }
        catch (Exception e) when (e is not DbUpdateException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "A handler failed in a batch of {Count} events; handling them one at a time", ids.Count);
        }
        foreach (var id in ids)
        {
            try
            {
                await HandleAsync([id], cancellationToken);
            }
            catch (Exception e) when (e is not DbUpdateException && !cancellationToken.IsCancellationRequested)
            {
                await RecordFailureAsync(id, e, cancellationToken);
            }
        }
        return ids.Count;
    }

    private async Task<int> HandleAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var handlers = scope.ServiceProvider.GetServices<IDomainEventHandler>().ToList();
        var events = await db.DomainEvents.Where(e => ids.Contains(e.Id) && e.HandledAt == null).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .ToListAsync(cancellationToken);
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

    private async Task RecordFailureAsync(Guid id, Exception failure, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var domainEvent = await db.DomainEvents.SingleAsync(e => e.Id == id, cancellationToken);
        domainEvent.FailedAttempts++;
        var error = $"{failure.GetType().Name}: {failure.Message}";
        domainEvent.LastError = error.Length <= 2000 ? error : error[..2000];
        if (domainEvent.FailedAttempts >= MaxAttempts) domainEvent.HeldAt = clock.GetUtcNow();
        logger.LogError(failure, "Domain event {Id} ({Type}) failed, attempt {Attempt}{Held}", id, domainEvent.Type, domainEvent.FailedAttempts,
            domainEvent.HeldAt is null ? "" : "; it is held until staff release it");
        await db.SaveChangesAsync(cancellationToken);
    }
}
