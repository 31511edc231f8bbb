using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Events;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CredentialConnect.Web.Data;

/// <summary>
/// The one place provider-specific SQL lives. On PostgreSQL several hub nodes claim outbox messages with
/// <c>FOR UPDATE SKIP LOCKED</c>, so two nodes never take the same message and neither waits for the other, and a
/// sync page appends its domain events with binary <c>COPY</c>. SQLite is the single-node embedded default: a
/// conditional update and a plain save are enough there.
/// </summary>
public interface IDatabaseDialect
{
    /// <summary>Leases up to <paramref name="batch"/> due outbox messages to <paramref name="node"/> until <paramref name="until"/>.</summary>
    Task<IReadOnlyList<Guid>> ClaimOutboxAsync(AppDbContext db, string node, DateTimeOffset now, DateTimeOffset until, int batch, CancellationToken cancellationToken);

    /// <summary>Saves a sync page, everything it changed, in one transaction.</summary>
    Task SavePageAsync(AppDbContext db, CancellationToken cancellationToken);
}

public sealed class PostgresDialect : IDatabaseDialect
{
    private const string EventsCopy =
        """COPY "DomainEvents" ("Id", "Type", "OccurredAt", "MemberId", "ProgramId", "Data", "HandledAt") FROM STDIN (FORMAT BINARY)""";

    /// <summary>
    /// Domain events are plain appends that nothing audits or versions, so they go in with binary COPY; everything
    /// else goes through EF in the same transaction, and a failure anywhere (a duplicate inbox key, a stream another
    /// run advanced) rolls back all of it. The inbox rows stay with EF: they are what marks the commit of a page.
    /// </summary>
    public async Task SavePageAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var events = db.DomainEvents.Local.Where(e => db.Entry(e).State == EntityState.Added).ToList();
        if (events.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await PostgresBulkCopy.CopyAsync(db, EventsCopy, events, WriteEventAsync, cancellationToken);
        foreach (var row in events) db.Entry(row).State = EntityState.Detached;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task WriteEventAsync(NpgsqlBinaryImporter row, DomainEvent e, CancellationToken cancellationToken)
    {
        await row.WriteAsync(e.Id, NpgsqlDbType.Uuid, cancellationToken);
        await row.WriteAsync(e.Type, NpgsqlDbType.Varchar, cancellationToken);
        await row.WriteAsync(e.OccurredAt, NpgsqlDbType.TimestampTz, cancellationToken);
        await WriteNullableAsync(row, e.MemberId, NpgsqlDbType.Uuid, cancellationToken);
        await WriteNullableAsync(row, e.ProgramId, NpgsqlDbType.Uuid, cancellationToken);
        await row.WriteAsync(e.Data, NpgsqlDbType.Text, cancellationToken);
        await WriteNullableAsync(row, e.HandledAt, NpgsqlDbType.TimestampTz, cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter row, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : struct =>
        value is { } v ? row.WriteAsync(v, type, cancellationToken) : row.WriteNullAsync(cancellationToken);

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

public sealed class SqliteDialect : IDatabaseDialect
{
    public Task SavePageAsync(AppDbContext db, CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

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
