using CredentialConnect.Web.Data;

namespace CredentialConnect.Web.Features.Imports;

internal readonly record struct ImportCounts(int Created, int Updated, int Unchanged, int Removed, int Kept);

/// <summary>What checking a file found: its rows, every problem, and what committing it would change.</summary>
internal sealed record ImportOutcome(int TotalRows, IReadOnlyList<ImportProblem> Errors, ImportCounts Counts);

/// <summary>Tells whoever is watching a run how many of its rows it has done: at the start, every few rows, and at the last.</summary>
internal sealed class ProgressReport(int every, Func<int, int, CancellationToken, ValueTask> report)
{
    public static readonly ProgressReport None = new(int.MaxValue, (_, _, _) => ValueTask.CompletedTask);

    public int Every => every;

    public ValueTask StartAsync(int total, CancellationToken ct) => report(0, total, ct);

    public ValueTask RowDoneAsync(int done, int total, CancellationToken ct) =>
        done % every == 0 || done == total ? report(done, total, ct) : ValueTask.CompletedTask;
}

/// <summary>What checking the rows of a file needs besides the database.</summary>
internal sealed record ImportCheck(Sheet Sheet, ImportMode Mode, DateOnly Today, ProgressReport Progress);

/// <summary>The batch being committed, who commits it and when.</summary>
internal sealed record ImportCommit(ImportBatch Batch, string Actor, DateTimeOffset Now, ProgressReport Progress);

/// <summary>A row that passed its checks: whether it adds a record, and whether it changes anything at all.</summary>
internal interface IPlannedRow
{
    bool IsNew { get; }
    bool Changes { get; }
}

/// <summary>The changes a checked file makes, applied only when the file had no errors.</summary>
internal interface IImportPlan
{
    ImportCounts Counts { get; }

    Task ApplyAsync(AppDbContext db, ImportCommit commit, CancellationToken ct);
}

internal static class ImportPlans
{
    public static ImportCounts CountsOf(IReadOnlyCollection<IPlannedRow> rows, int removed, int kept) =>
        new(rows.Count(r => r.IsNew), rows.Count(r => !r.IsNew && r.Changes), rows.Count(r => !r.Changes), removed, kept);

    /// <summary>Checks every row in file order with <paramref name="checkRow"/>, given the member it names, reporting progress.</summary>
    public static async Task CheckEachAsync(this ImportCheck check, SheetMembers members, Action<SheetRow, MemberKey?> checkRow, CancellationToken ct)
    {
        var rows = check.Sheet.Rows;
        for (var i = 0; i < rows.Count; i++)
        {
            checkRow(rows[i], members.ByRow[i]);
            await check.Progress.RowDoneAsync(i + 1, rows.Count, ct);
        }
    }

    /// <summary>
    /// Applies <paramref name="step"/> to each row, saving every few rows into the open transaction, so the
    /// progress reported is rows really written and the change tracker never holds a whole large file unsaved.
    /// </summary>
    public static async Task ApplyEachAsync<T>(this AppDbContext db, IReadOnlyList<T> rows, ImportCommit commit,
        Func<T, CancellationToken, ValueTask> step, CancellationToken ct)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            await step(rows[i], ct);
            if ((i + 1) % commit.Progress.Every != 0 && i + 1 != rows.Count) continue;
            await db.SaveChangesAsync(ct);
            await commit.Progress.RowDoneAsync(i + 1, rows.Count, ct);
        }
    }
}
