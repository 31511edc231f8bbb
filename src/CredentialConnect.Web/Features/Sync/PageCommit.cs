using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Events;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace CredentialConnect.Web.Features.Sync;

/// <summary>
/// Saves a sync page in one transaction. On PostgreSQL the page's domain events, plain appends that nothing audits
/// or versions, go in with binary COPY, and everything else through EF in the same transaction; a failure anywhere
/// (a duplicate inbox key, a stream another run advanced) rolls back all of it. The inbox rows stay with EF: they
/// are what marks a save as the commit of a page.
/// </summary>
internal static class PageCommit
{
    private const string EventsCopy =
        """COPY "DomainEvents" ("Id", "Type", "OccurredAt", "MemberId", "ProgramId", "Data", "HandledAt") FROM STDIN (FORMAT BINARY)""";

    public static async Task SaveAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var events = db.DomainEvents.Local.Where(e => db.Entry(e).State == EntityState.Added).ToList();
        if (!db.Database.IsNpgsql() || events.Count == 0)
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
}
