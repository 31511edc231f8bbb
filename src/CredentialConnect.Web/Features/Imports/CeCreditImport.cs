using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;
using Column = CredentialConnect.Web.Features.Imports.ImportColumns;

namespace CredentialConnect.Web.Features.Imports;

/// <summary>A CE row that passed every check: the credit it adds, or the imported credit it is identical to.</summary>
internal sealed record CeCreditRow(int Row, Guid MemberId, string Activity, string Category, decimal Hours, DateOnly EarnedOn,
    string? Evidence, ContinuingEducationCredit? Existing) : IPlannedRow
{
    public bool IsNew => Existing is null;
    public bool Changes => Existing is null || Existing.Evidence != Evidence;
}

/// <summary>
/// CE histories. A credit is the same credit when member, activity, category, hours and date all match; only
/// its evidence can change. A row identical to an imported credit is not added twice, and a snapshot removes
/// the imported credits of the file's members that the file no longer lists. Credits from the LMS or reported
/// by members themselves are never touched.
/// </summary>
internal sealed class CeCreditImport : IImportPlan
{
    private const int MaxActivityLength = 300;
    private const int MaxEvidenceLength = 2048;

    private readonly List<CeCreditRow> _rows = [];
    private readonly List<ContinuingEducationCredit> _removals = [];
    private readonly Dictionary<CreditKey, int> _keyRows = [];
    private readonly Dictionary<CreditKey, Queue<ContinuingEducationCredit>> _imported;
    private readonly IReadOnlyList<CredentialProgram> _programs;
    private readonly ILookup<Guid, Guid> _heldPrograms;
    private readonly Dictionary<Guid, AllowedCategories> _categories = [];

    private readonly record struct CreditKey(Guid MemberId, string Activity, string Category, decimal Hours, DateOnly EarnedOn)
    {
        public static CreditKey Of(ContinuingEducationCredit c) =>
            new(c.MemberId, c.Activity, c.Category.ToUpperInvariant(), c.Hours, ImportValues.DayOf(c.EarnedAt));
    }

    private CeCreditImport(IReadOnlyList<CredentialProgram> programs, ILookup<Guid, Guid> heldPrograms, IEnumerable<ContinuingEducationCredit> imported)
    {
        _programs = programs;
        _heldPrograms = heldPrograms;
        _imported = imported.GroupBy(CreditKey.Of).ToDictionary(g => g.Key, g => new Queue<ContinuingEducationCredit>(g));
    }

    public ImportCounts Counts => ImportPlans.CountsOf(_rows, _removals.Count, kept: 0);

    public static async Task<IImportPlan?> PlanAsync(AppDbContext db, ImportCheck check, ImportErrors errors, CancellationToken ct)
    {
        if (await MemberDirectory.ResolveRowsAsync(db, check.Sheet, Column.CeCreditsRequired, errors, ct) is not { } members) return null;
        var (columns, memberIds) = (members.Columns, members.Ids);

        var programs = await db.Programs.AsNoTracking().ToListAsync(ct);
        var held = (await db.Credentials.Where(c => memberIds.Contains(c.MemberId)).Select(c => new { c.MemberId, c.ProgramId }).ToListAsync(ct))
            .ToLookup(h => h.MemberId, h => h.ProgramId);
        var imported = await db.ContinuingEducationCredits
            .Where(c => c.Source == CreditSource.Import && memberIds.Contains(c.MemberId))
            .ToListAsync(ct);

        var plan = new CeCreditImport(programs, held, imported);
        await check.CheckEachAsync(members, (row, member) => plan.Check(row, member, columns, check.Today, errors), ct);
        // What is left unmatched of the file's members' imported credits is what the file no longer lists.
        if (check.Mode == ImportMode.Snapshot) plan._removals.AddRange(plan._imported.Values.SelectMany(q => q));
        return plan;
    }

    private void Check(SheetRow row, MemberKey? member, SheetColumns columns, DateOnly today, ImportErrors errors)
    {
        var before = errors.Count;
        var at = row.Number;

        var activity = columns.Value(row, Column.Activity);
        if (activity is null) errors.Add(at, Column.Activity, "The activity is missing.");
        else if (activity.Length > MaxActivityLength) errors.Add(at, Column.Activity, $"The activity must be at most {MaxActivityLength} characters.");

        string? category = null;
        if (columns.Value(row, Column.Category) is not { } categoryText) errors.Add(at, Column.Category, "The category is missing.");
        else if (member is not null) category = CategoryFor(member, categoryText, at, errors);

        decimal hours = 0;
        if (columns.Value(row, Column.Hours) is not { } hoursText) errors.Add(at, Column.Hours, "The hours are missing.");
        else if (ImportValues.CheckHours(hoursText, out hours) is { } problem) errors.Add(at, Column.Hours, problem);

        DateOnly earned = default;
        if (columns.Value(row, Column.EarnedOn) is not { } earnedText) errors.Add(at, Column.EarnedOn, "The date earned is missing.");
        else if (!ImportValues.TryDate(earnedText, out earned)) errors.Add(at, Column.EarnedOn, ImportValues.NotADate(earnedText));
        else if (earned > today) errors.Add(at, Column.EarnedOn, $"The date earned {earned:yyyy-MM-dd} is in the future.");

        var evidence = columns.Value(row, Column.Evidence);
        if (evidence is { Length: > MaxEvidenceLength }) errors.Add(at, Column.Evidence, $"The evidence must be at most {MaxEvidenceLength} characters.");

        if (errors.Count > before || member is null || activity is null || category is null) return;

        var key = new CreditKey(member.Id, activity, category.ToUpperInvariant(), hours, earned);
        if (!_keyRows.TryAdd(key, at))
        {
            errors.Add(at, Column.Activity, $"Row {_keyRows[key]} has the same member, activity, category, hours and date: the credit is listed twice.");
            return;
        }
        var existing = _imported.TryGetValue(key, out var same) && same.Count > 0 ? same.Dequeue() : null;
        _rows.Add(new CeCreditRow(at, member.Id, activity, category, hours, earned, evidence, existing));
    }

    /// <summary>
    /// The category as the program spells it. It must be a recertification category of a program the member
    /// holds; a member who holds none yet may earn CE toward any program.
    /// </summary>
    private string? CategoryFor(MemberKey member, string text, int at, ImportErrors errors)
    {
        if (!_categories.TryGetValue(member.Id, out var allowed)) _categories[member.Id] = allowed = CategoriesFor(member.Id);
        if (allowed.Names.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase)) is { } match) return match;

        errors.Add(at, Column.Category, allowed.Names.Count == 0
            ? "No program has recertification categories yet, so no CE credit can be counted."
            : $"'{text}' is not a recertification category of {(allowed.HeldByMember ? "the programs this member holds" : "any program")} " +
              $"({string.Join(", ", allowed.Programs)}): use one of {string.Join(", ", allowed.Names)}.");
        return null;
    }

    private AllowedCategories CategoriesFor(Guid memberId)
    {
        var held = _heldPrograms[memberId].ToHashSet();
        var counting = _programs.Where(p => p.Recertification is { Categories.Count: > 0 }).ToList();
        var own = counting.Where(p => held.Contains(p.Id)).ToList();
        var candidates = own.Count > 0 ? own : counting;
        return new AllowedCategories(own.Count > 0, candidates.Select(p => p.Code).ToList(),
            candidates.SelectMany(p => p.Recertification!.Categories.Select(c => c.Category)).Distinct(StringComparer.OrdinalIgnoreCase).ToList());
    }

    private sealed record AllowedCategories(bool HeldByMember, IReadOnlyList<string> Programs, IReadOnlyList<string> Names);

    public async Task ApplyAsync(AppDbContext db, ImportCommit commit, CancellationToken ct)
    {
        await db.ApplyEachAsync(_rows, commit, (row, _) =>
        {
            if (row.Existing is { } existing) existing.Evidence = row.Evidence;
            else
                db.ContinuingEducationCredits.Add(new ContinuingEducationCredit
                {
                    MemberId = row.MemberId, Activity = row.Activity, Category = row.Category, Hours = row.Hours,
                    EarnedAt = ImportValues.StartOf(row.EarnedOn), Evidence = row.Evidence, Source = CreditSource.Import,
                    ReviewStatus = CreditReviewStatus.NotRequired,
                });
            return ValueTask.CompletedTask;
        }, ct);

        db.ContinuingEducationCredits.RemoveRange(_removals);
        await db.SaveChangesAsync(ct);
    }
}
