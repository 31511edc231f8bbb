using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Imports;

/// <summary>
/// Dry runs and commits. Both read the file and check every row the same way; a dry run records what it found,
/// and a commit checks again inside its transaction and writes everything or nothing.
/// </summary>
internal sealed class ImportRunner(
    IServiceScopeFactory scopes, HubDatabase database, IEnumerable<IImportProgressObserver> observers,
    TimeProvider clock, IOptions<ImportOptions> options, ILogger<ImportRunner> logger)
{
    private const int MaxReasonLength = 2000;

    public async Task RunAsync(ImportWork work, CancellationToken ct)
    {
        try
        {
            if (work.Step == ImportStep.DryRun) await DryRunAsync(work.BatchId, ct);
            else await CommitAsync(work, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The node is stopping. A commit's transaction rolls back; the next start reports the run as interrupted.
        }
        catch (Exception e)
        {
            logger.LogError(e, "The {Step} of import {BatchId} failed.", work.Step, work.BatchId);
            await FailAsync(work, e);
        }
    }

    private async Task DryRunAsync(Guid batchId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var batch = await db.ImportBatches.SingleAsync(b => b.Id == batchId, ct);
        // Checking only reads: nothing it loads is to be saved, so nothing it loads is tracked.
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;

        var report = new ProgressReport(options.Value.ProgressEvery,
            (done, total, token) => RecordProgressAsync(batchId, ImportStatus.Validating, done, total, token));
        var (outcome, _) = await CheckAsync(db, batch, report, ct);
        await RecordCheckAsync(db, batch, outcome, failureReason: null, ct);
    }

    private async Task CommitAsync(ImportWork work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.ImportBatches.SingleAsync(b => b.Id == work.BatchId, ct);

        // Checked again inside the transaction: members, programs and credentials may have changed since the dry run.
        var (outcome, plan) = await CheckAsync(db, batch, ProgressReport.None, ct);
        if (plan is null || outcome.Errors.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            await using var recordScope = scopes.CreateAsyncScope();
            var recordDb = recordScope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stale = await recordDb.ImportBatches.SingleAsync(b => b.Id == work.BatchId, ct);
            await RecordCheckAsync(recordDb, stale, outcome,
                $"Nothing was imported: the hub's data changed since the dry run, and {outcome.Errors.Count} problem(s) now stand in the way. " +
                "Fix the file or the data, then run a dry run again.", ct);
            return;
        }

        var report = new ProgressReport(options.Value.ProgressEvery,
            (done, total, token) => RecordProgressAsync(work.BatchId, ImportStatus.Committing, done, total, token));
        var now = clock.GetUtcNow();
        await plan.ApplyAsync(db, new ImportCommit(batch, work.Actor, now, report), ct);

        batch.Record(outcome);
        batch.Status = ImportStatus.Committed;
        batch.CommittedBy = work.Actor;
        batch.CommittedAt = now;
        batch.FailureReason = null;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Reads the file and checks every row; the plan is null when the header was too broken to check rows.</summary>
    private async Task<(ImportOutcome Outcome, IImportPlan? Plan)> CheckAsync(AppDbContext db, ImportBatch batch, ProgressReport report, CancellationToken ct)
    {
        var content = await db.ImportFiles.Where(f => f.BatchId == batch.Id).Select(f => f.Content).SingleAsync(ct);
        Sheet sheet;
        try
        {
            sheet = Spreadsheets.Read(Spreadsheets.FormatOf(batch.FileName)!.Value, content);
        }
        catch (UnreadableSpreadsheetException e)
        {
            return (new ImportOutcome(0, [new ImportProblem(0, ImportColumns.File, e.Message)], default), null);
        }
        await report.StartAsync(sheet.Rows.Count, ct);

        var errors = new ImportErrors();
        foreach (var problem in sheet.Problems) errors.Add(problem.Row, ImportColumns.Row, problem.Problem);
        var check = new ImportCheck(sheet, batch.Mode, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), report);
        var plan = batch.Kind switch
        {
            ImportKind.Certificants => await CertificantImport.PlanAsync(db, check, errors, ct),
            ImportKind.CeCredits => await CeCreditImport.PlanAsync(db, check, errors, ct),
            _ => throw new InvalidOperationException($"Unknown import kind {batch.Kind}."),
        };
        return (new ImportOutcome(sheet.Rows.Count, errors.InFileOrder(), plan?.Counts ?? default), plan);
    }

    /// <summary>Replaces the batch's row errors with what this check found, and moves it to Validated or Invalid.</summary>
    private async Task RecordCheckAsync(AppDbContext db, ImportBatch batch, ImportOutcome outcome, string? failureReason, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ImportRowErrors.Where(e => e.BatchId == batch.Id).ExecuteDeleteAsync(ct);
        db.ImportRowErrors.AddRange(outcome.Errors.Select(e => new ImportRowError
        {
            BatchId = batch.Id, Row = e.Row, Column = Truncate(e.Column, 64), Problem = Truncate(e.Problem, 1000),
        }));
        batch.Record(outcome);
        batch.Status = outcome.Errors.Count == 0 ? ImportStatus.Validated : ImportStatus.Invalid;
        batch.ValidatedAt = clock.GetUtcNow();
        batch.FailureReason = failureReason;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task FailAsync(ImportWork work, Exception error)
    {
        var reason = work.Step == ImportStep.Commit
            ? $"The commit failed and nothing was imported: {error.GetBaseException().Message} Run a dry run again, then commit."
            : $"The dry run failed: {error.GetBaseException().Message} Run it again.";
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var batch = await db.ImportBatches.SingleAsync(b => b.Id == work.BatchId);
            batch.Status = ImportStatus.Failed;
            batch.FailureReason = Truncate(reason, MaxReasonLength);
            await db.SaveChangesAsync();
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not record that import {BatchId} failed.", work.BatchId);
        }
    }

    /// <summary>
    /// Runs live in this process, so a batch still Validating or Committing when the node starts was cut short
    /// by a stop (a commit's transaction rolled back with it). It is marked Failed so it can be run again.
    /// With several nodes, one starting while another runs an import marks that run Failed too early; the run
    /// still records its real end. Moving runs to a clustered Quartz job removes that window.
    /// </summary>
    public async Task RecoverInterruptedAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var interrupted = await db.ImportBatches.Where(b => b.Status == ImportStatus.Validating || b.Status == ImportStatus.Committing).ToListAsync(ct);
            foreach (var batch in interrupted)
            {
                batch.Status = ImportStatus.Failed;
                batch.FailureReason = "The hub stopped while this ran, and nothing was imported. Run a dry run again.";
            }
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not check for imports interrupted by the last stop.");
        }
    }

    /// <summary>
    /// Writes the rows processed to the batch row on a context and connection of its own, outside the transaction a
    /// commit holds, so a progress stream on any node reads it while the commit's rows stay invisible until it ends.
    /// On PostgreSQL the update takes no lock the commit's inserts wait for (they only share-lock the batch's key).
    /// SQLite has one writer at a time, and during a commit that writer is the commit, so there the commit's progress
    /// reaches the database only when it ends; the embedded default runs one node, on small files.
    /// </summary>
    private async ValueTask RecordProgressAsync(Guid batchId, ImportStatus stage, int done, int total, CancellationToken ct)
    {
        if (stage == ImportStatus.Validating || !database.IsEmbeddedDefault)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.ImportBatches.Where(b => b.Id == batchId)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.ProcessedRows, done).SetProperty(b => b.TotalRows, total), ct);
        }
        foreach (var observer in observers) await observer.ReachedAsync(batchId, stage, done, total, ct);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
