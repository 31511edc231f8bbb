using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CredentialConnect.Web.Data;

/// <summary>
/// PostgreSQL's binary <c>COPY</c> on the context's own connection and transaction: the fastest way to append many
/// rows, for rows that need nothing EF does on save (no generated values, no audit, no concurrency token).
/// </summary>
public static class PostgresBulkCopy
{
    /// <summary>
    /// Appends <paramref name="rows"/> with <paramref name="copyCommand"/> (<c>COPY "Table" (...) FROM STDIN (FORMAT BINARY)</c>),
    /// each written by <paramref name="write"/> after its row is started. The caller owns the transaction.
    /// </summary>
    public static async Task<ulong> CopyAsync<T>(AppDbContext db, string copyCommand, IReadOnlyCollection<T> rows,
        Func<NpgsqlBinaryImporter, T, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return 0;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync(copyCommand, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await write(importer, row, cancellationToken);
        }
        return await importer.CompleteAsync(cancellationToken);
    }
}
