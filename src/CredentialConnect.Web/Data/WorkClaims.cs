using CredentialConnect.Web.Features.Delivery;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Data;

/// <summary>
/// The one place provider-specific SQL lives for claiming work. On PostgreSQL several hub nodes claim outbox
/// messages with <c>FOR UPDATE SKIP LOCKED</c>, so two nodes never take the same message and neither waits
/// for the other. SQLite is the single-node embedded default: a conditional update is enough there.
/// </summary>
public interface IWorkClaims
{
    /// <summary>Leases up to <paramref name="batch"/> due outbox messages to <paramref name="node"/> until <paramref name="until"/>.</summary>
    Task<IReadOnlyList<Guid>> ClaimOutboxAsync(AppDbContext db, string node, DateTimeOffset now, DateTimeOffset until, int batch, CancellationToken cancellationToken);
}

public sealed class PostgresWorkClaims : IWorkClaims
{
    public async Task<IReadOnlyList<Guid>> ClaimOutboxAsync(AppDbContext db, string node, DateTimeOffset now, DateTimeOffset until, int batch, CancellationToken cancellationToken)
    {
        var pending = nameof(OutboxStatus.Pending);
        return await db.Database.SqlQuery<Guid>($"""
            UPDATE "OutboxMessages" SET "LockedBy" = {node}, "LockedUntil" = {until}
            WHERE "Id" IN (
                SELECT "Id" FROM "OutboxMessages"
                WHERE "Status" = {pending} AND "NextAttemptAt" <= {now} AND ("LockedUntil" IS NULL OR "LockedUntil" < {now})
                ORDER BY "NextAttemptAt"
                LIMIT {batch}
                FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(cancellationToken);
    }
}

public sealed class SqliteWorkClaims : IWorkClaims
{
    public async Task<IReadOnlyList<Guid>> ClaimOutboxAsync(AppDbContext db, string node, DateTimeOffset now, DateTimeOffset until, int batch, CancellationToken cancellationToken)
    {
        var due = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(batch).ToListAsync(cancellationToken);
        var claimed = new List<Guid>();
        foreach (var id in due)
        {
            // The same condition again in the update: only one claimant's update matches.
            var rows = await db.OutboxMessages
                .Where(m => m.Id == id && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedBy, node).SetProperty(m => m.LockedUntil, until), cancellationToken);
            if (rows == 1) claimed.Add(id);
        }
        return claimed;
    }
}
