namespace CredentialConnect.Web.Features.Imports;

/// <summary>The header names a file may use. They are matched trimmed and ignoring case; other columns are ignored.</summary>
internal static class ImportColumns
{
    public const string MemberId = "member_id";
    public const string Email = "email";
    public const string ProgramCode = "program_code";
    public const string CredentialNumber = "credential_number";
    public const string IssuedOn = "issued_on";
    public const string ValidUntil = "valid_until";
    public const string Status = "status";
    public const string Activity = "activity";
    public const string Category = "category";
    public const string Hours = "hours";
    public const string EarnedOn = "earned_on";
    public const string Evidence = "evidence";

    /// <summary>Problems with the file as a whole, rather than with one cell, are reported against row 0 and this column.</summary>
    public const string File = "file";

    /// <summary>Problems with a whole row (its quoting, its number of cells) name this column.</summary>
    public const string Row = "row";

    public static readonly string[] CertificantsRequired = [ProgramCode, IssuedOn];
    public static readonly string[] CeCreditsRequired = [Activity, Category, Hours, EarnedOn];
}

/// <summary>Where each named column is in a file, once its header has been checked.</summary>
internal sealed class SheetColumns
{
    private readonly Dictionary<string, int> _index;

    private SheetColumns(Dictionary<string, int> index) => _index = index;

    /// <summary>
    /// Maps the header. Returns null, having reported each problem once against the header row, when a required
    /// column is missing, a column is named twice, or neither <c>member_id</c> nor <c>email</c> is there.
    /// </summary>
    public static SheetColumns? Map(Sheet sheet, IReadOnlyList<string> required, ImportErrors errors)
    {
        var before = errors.Count;
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sheet.Header.Count; i++)
        {
            var name = sheet.Header[i].Trim();
            if (name.Length == 0) continue;
            if (!index.TryAdd(name, i)) errors.Add(sheet.HeaderRow, name.ToLowerInvariant(), "The column is named more than once in the header.");
        }
        foreach (var column in required.Where(c => !index.ContainsKey(c)))
            errors.Add(sheet.HeaderRow, column, "This required column is missing from the header.");
        if (!index.ContainsKey(ImportColumns.MemberId) && !index.ContainsKey(ImportColumns.Email))
            errors.Add(sheet.HeaderRow, ImportColumns.MemberId, "The header needs a member_id column (the AMS member id), an email column, or both.");
        return errors.Count == before ? new SheetColumns(index) : null;
    }

    /// <summary>The trimmed value of <paramref name="column"/> in <paramref name="row"/>; null when blank or when the file has no such column.</summary>
    public string? Value(SheetRow row, string column) =>
        _index.TryGetValue(column, out var i) && i < row.Cells.Length && row.Cells[i].Trim() is { Length: > 0 } value ? value : null;
}

internal sealed record ImportProblem(int Row, string Column, string Problem);

/// <summary>Every problem found in a file, so one dry run reports them all rather than stopping at the first.</summary>
internal sealed class ImportErrors
{
    private readonly List<ImportProblem> _problems = [];

    public int Count => _problems.Count;

    public void Add(int row, string column, string problem) => _problems.Add(new ImportProblem(row, column, problem));

    /// <summary>In file order; a row's problems keep the order they were found in.</summary>
    public IReadOnlyList<ImportProblem> InFileOrder() => _problems.OrderBy(p => p.Row).ToList();
}
