using System.Collections.Concurrent;

namespace CredentialConnect.Web.Features.Imports;

/// <summary>
/// How far each queued or running import on this node has got. A commit writes inside one open transaction,
/// so its progress cannot be read from the database by anyone else until it is over; it is kept here instead,
/// where a status request on this node reads it.
/// </summary>
public sealed class ImportProgress
{
    private readonly ConcurrentDictionary<Guid, Run> _runs = new();

    private sealed class Run
    {
        public int Processed;
        public readonly TaskCompletionSource Done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal void Queued(Guid batchId) => _runs[batchId] = new Run();

    internal void Report(Guid batchId, int processedRows)
    {
        if (_runs.TryGetValue(batchId, out var run)) Volatile.Write(ref run.Processed, processedRows);
    }

    internal void Finished(Guid batchId)
    {
        if (_runs.TryRemove(batchId, out var run)) run.Done.TrySetResult();
    }

    /// <summary>Rows processed by the run of this batch on this node; null when none is queued or running here.</summary>
    public int? ProcessedRows(Guid batchId) => _runs.TryGetValue(batchId, out var run) ? Volatile.Read(ref run.Processed) : null;

    /// <summary>Completes when the run of this batch queued or running on this node has finished; at once when there is none.</summary>
    public Task WhenFinishedAsync(Guid batchId) => _runs.TryGetValue(batchId, out var run) ? run.Done.Task : Task.CompletedTask;
}

/// <summary>Told at each progress checkpoint of a run, once the progress is visible to status requests.</summary>
public interface IImportProgressObserver
{
    ValueTask ReachedAsync(Guid batchId, ImportStatus stage, int processedRows, int totalRows, CancellationToken ct);
}
