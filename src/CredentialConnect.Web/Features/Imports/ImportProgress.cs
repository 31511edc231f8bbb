using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Imports;

/// <summary>Told at each progress checkpoint of a run, once the progress is written where status requests read it.</summary>
public interface IImportProgressObserver
{
    ValueTask ReachedAsync(Guid batchId, ImportStatus stage, int processedRows, int totalRows, CancellationToken ct);
}

/// <summary>
/// How far a run has got, as the batch row in the database says. A run writes its rows processed there at each
/// checkpoint on a connection of its own, outside the transaction a commit holds, so a request to any hub node reads
/// the same progress; nothing about a run is kept in one node's memory.
/// </summary>
internal static class ImportProgressStream
{
    public const string Done = "done";
    public const string Problem = "problem";

    /// <summary>
    /// Events until the run of the batch ends: one each time its progress changes, then <c>done</c> carrying the
    /// batch, or <c>problem</c> when the run failed. A batch that is not running gets its <c>done</c> or
    /// <c>problem</c> at once, so a page opened after the run sees how it ended.
    /// </summary>
    public static async IAsyncEnumerable<SseItem<object>> FollowAsync(AppDbContext db, Guid batchId, TimeSpan wait,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ImportProgressEvent? last = null;
        while (true)
        {
            var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct);
            if (batch is null || batch.Status == ImportStatus.Failed)
            {
                yield return new SseItem<object>(Failure(batch, batchId), Problem);
                yield break;
            }
            if (!batch.IsRunning)
            {
                yield return new SseItem<object>(ImportBatchResponse.From(batch), Done);
                yield break;
            }

            var now = new ImportProgressEvent(batch.Status, batch.ProcessedRows, batch.TotalRows);
            if (now != last) yield return new SseItem<object>(now);
            last = now;

            // The database is read again after a short wait. A cross-node change signal (LISTEN/NOTIFY on PostgreSQL),
            // raised at each checkpoint, will replace this wait, so the stream hears of progress as it is written.
            await Task.Delay(wait, ct);
        }
    }

    private static ProblemDetails Failure(ImportBatch? batch, Guid batchId) => batch is null
        ? new ProblemDetails { Type = Problems.NotFound, Title = "Not found.", Status = StatusCodes.Status404NotFound, Detail = $"No import '{batchId}'." }
        : new ProblemDetails
        {
            Type = Problems.ImportFailed, Title = "The import run failed.", Detail = batch.FailureReason ?? "The run failed. Run a dry run again.",
        };
}
