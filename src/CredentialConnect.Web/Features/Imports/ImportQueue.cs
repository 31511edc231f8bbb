using System.Threading.Channels;
using CredentialConnect.Web.Features.Audit;

namespace CredentialConnect.Web.Features.Imports;

internal enum ImportStep { DryRun, Commit }

/// <summary>A dry run or commit of one batch, and who asked for it: its changes are recorded under their name.</summary>
internal sealed record ImportWork(Guid BatchId, ImportStep Step, string Actor);

/// <summary>
/// Dry runs and commits wait here for the worker. The endpoint has already moved the batch to Validating or
/// Committing in the database, so a run is never queued twice.
/// </summary>
public sealed class ImportQueue
{
    private readonly Channel<ImportWork> _work = Channel.CreateUnbounded<ImportWork>(new UnboundedChannelOptions { SingleReader = true });

    internal void Enqueue(ImportWork work) => _work.Writer.TryWrite(work);

    internal IAsyncEnumerable<ImportWork> ReadAllAsync(CancellationToken ct) => _work.Reader.ReadAllAsync(ct);
}

/// <summary>
/// Runs queued imports one at a time, in process. One at a time keeps two commits from racing for the same
/// members; in-process is enough for a hub node, and the work can move to a Quartz job when several nodes share it.
/// </summary>
internal sealed class ImportWorker(ImportQueue queue, ImportRunner runner) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await runner.RecoverInterruptedAsync(stoppingToken);
        await foreach (var work in queue.ReadAllAsync(stoppingToken))
            using (OnBehalfOf.Begin(work.Actor))
                await runner.RunAsync(work, stoppingToken);
    }
}
