using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;
using Column = CredentialConnect.Web.Features.Imports.ImportColumns;

namespace CredentialConnect.Web.Features.Imports;

/// <summary>A certificant row that passed every check: the credential it creates, or the one it updates.</summary>
internal sealed record CertificantRow(int Row, Guid MemberId, CredentialProgram Program, string? Number,
    DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, CredentialStatus Status, Credential? Existing) : IPlannedRow
{
    public bool IsNew => Existing is null;
    public bool Changes => Existing is null || Existing.ExpiresAt != ExpiresAt || Existing.Status != Status;
}

/// <summary>
/// Certificants: who holds which program, under which number, since when and until when. A row updates the
/// credential with its number, or else the member's credential for its program; otherwise it awards a new one.
/// </summary>
/// <remarks>
/// A snapshot removes a credential only when doing so loses nothing: an import created it (the hub did not
/// award it), its member is in the file, and the hub has not acted on it since an import last wrote it (no
/// status change, no renewal). Anything else is kept and counted as kept: a credential the association has
/// worked with in the hub carries history that a spreadsheet row cannot speak for, so its absence from a file
/// is not evidence enough to erase it. Revoking or lapsing such a credential stays a deliberate act in the hub.
/// </remarks>
internal sealed class CertificantImport : IImportPlan
{
    private readonly List<CertificantRow> _rows = [];
    private readonly List<Credential> _removals = [];
    private int _kept;

    private readonly Dictionary<string, CredentialProgram> _programs;
    private readonly Dictionary<string, Credential> _byNumber;
    private readonly ILookup<(Guid MemberId, Guid ProgramId), Credential> _byHolding;
    private readonly Dictionary<Guid, ImportedCredential> _imported;
    private readonly Dictionary<string, int> _numberRows = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid MemberId, Guid ProgramId), int> _holdingRows = [];

    private CertificantImport(IEnumerable<CredentialProgram> programs, IReadOnlyList<Credential> credentials, Dictionary<Guid, ImportedCredential> imported)
    {
        _programs = programs.ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        _byNumber = credentials.ToDictionary(c => c.Number, StringComparer.Ordinal);
        _byHolding = credentials.ToLookup(c => (c.MemberId, c.ProgramId));
        _imported = imported;
    }

    public ImportCounts Counts => ImportPlans.CountsOf(_rows, _removals.Count, _kept);

    public static async Task<IImportPlan?> PlanAsync(AppDbContext db, ImportCheck check, ImportErrors errors, CancellationToken ct)
    {
        if (await MemberDirectory.ResolveRowsAsync(db, check.Sheet, Column.CertificantsRequired, errors, ct) is not { } members) return null;
        var (columns, memberIds) = (members.Columns, members.Ids);
        var numbers = check.Sheet.Rows.Select(r => columns.Value(r, Column.CredentialNumber)?.ToUpperInvariant()).OfType<string>().Distinct().ToList();

        var programs = await db.Programs.ToListAsync(ct);
        var credentials = await db.Credentials.Include(c => c.StatusHistory)
            .Where(c => numbers.Contains(c.Number) || memberIds.Contains(c.MemberId))
            .ToListAsync(ct);
        var credentialIds = credentials.Select(c => c.Id).ToList();
        var imported = await db.ImportedCredentials.Where(i => credentialIds.Contains(i.CredentialId)).ToDictionaryAsync(i => i.CredentialId, ct);

        var plan = new CertificantImport(programs, credentials, imported);
        await check.CheckEachAsync(members, (row, member) => plan.Check(row, member, columns, check.Today, errors), ct);
        if (check.Mode == ImportMode.Snapshot) plan.PlanRemovals(credentials, memberIds);
        return plan;
    }

    private void Check(SheetRow row, MemberKey? member, SheetColumns columns, DateOnly today, ImportErrors errors)
    {
        var before = errors.Count;
        var at = row.Number;

        var code = columns.Value(row, Column.ProgramCode);
        CredentialProgram? program = null;
        if (code is null) errors.Add(at, Column.ProgramCode, "The program code is missing.");
        else if (!_programs.TryGetValue(code, out program)) errors.Add(at, Column.ProgramCode, $"No program has code '{code}'.");

        DateOnly? issued = null;
        if (columns.Value(row, Column.IssuedOn) is not { } issuedText) errors.Add(at, Column.IssuedOn, "The issue date is missing.");
        else if (!ImportValues.TryDate(issuedText, out var day)) errors.Add(at, Column.IssuedOn, ImportValues.NotADate(issuedText));
        else if (day > today) errors.Add(at, Column.IssuedOn, $"The issue date {day:yyyy-MM-dd} is in the future.");
        else issued = day;

        DateOnly? validUntil = null;
        if (columns.Value(row, Column.ValidUntil) is { } untilText)
        {
            if (!ImportValues.TryDate(untilText, out var day)) errors.Add(at, Column.ValidUntil, ImportValues.NotADate(untilText));
            else if (issued is { } from && day < from) errors.Add(at, Column.ValidUntil, $"valid_until {day:yyyy-MM-dd} is before issued_on {from:yyyy-MM-dd}.");
            else validUntil = day;
        }

        var status = CredentialStatus.Active;
        if (columns.Value(row, Column.Status) is { } statusText && !ImportValues.TryStatus(statusText, out status))
            errors.Add(at, Column.Status, $"'{statusText}' is not a credential status: use one of {ImportValues.StatusNames}, or leave it empty for active.");

        var number = columns.Value(row, Column.CredentialNumber)?.ToUpperInvariant();
        if (number is not null)
        {
            if (!CredentialNumber.TryParse(number, out var kind, out _, out _))
                errors.Add(at, Column.CredentialNumber, $"'{number}' is not a credential number such as CERT-2026-000123.");
            else if (program is not null && kind != program.Kind)
                errors.Add(at, Column.CredentialNumber,
                    $"'{number}' is numbered as a {kind}, but {program.Code} is a {program.Kind}: its numbers start {CredentialNumber.PrefixFor(program.Kind)}-.");
            else if (!_numberRows.TryAdd(number, at))
                errors.Add(at, Column.CredentialNumber, $"Credential number {number} is also on row {_numberRows[number]}.");
        }
        if (member is not null && program is not null && !_holdingRows.TryAdd((member.Id, program.Id), at))
            errors.Add(at, Column.ProgramCode, $"Member '{member.AmsMemberId}' is listed for {program.Code} on row {_holdingRows[(member.Id, program.Id)]} already.");

        if (errors.Count > before || member is null || program is null || issued is null) return;

        var existing = FindExisting(at, member, program, number, errors);
        if (errors.Count > before) return;
        if (existing is not null && ImportValues.DayOf(existing.IssuedAt) != issued)
        {
            errors.Add(at, Column.IssuedOn, $"{existing.Number} was issued on {ImportValues.DayOf(existing.IssuedAt):yyyy-MM-dd} in the hub; an issue date cannot change.");
            return;
        }

        var issuedAt = ImportValues.StartOf(issued.Value);
        var expiresAt = validUntil is { } until ? ImportValues.StartOf(until)
            : existing is not null ? existing.ExpiresAt
            : program.ValidityPeriod is { } validity ? IsoDuration.Parse(validity).AddTo(issuedAt)
            : null;
        _rows.Add(new CertificantRow(at, member.Id, program, number, issuedAt, expiresAt, status, existing));
    }

    private Credential? FindExisting(int at, MemberKey member, CredentialProgram program, string? number, ImportErrors errors)
    {
        var holdings = _byHolding[(member.Id, program.Id)].ToList();
        if (number is not null && _byNumber.TryGetValue(number, out var numbered))
        {
            if (numbered.MemberId == member.Id && numbered.ProgramId == program.Id) return numbered;
            errors.Add(at, Column.CredentialNumber, numbered.MemberId != member.Id
                ? $"Credential number {number} belongs to another member's credential."
                : $"Credential number {number} belongs to this member's credential for another program.");
            return null;
        }
        if (number is not null && holdings.Count > 0)
        {
            errors.Add(at, Column.CredentialNumber,
                $"Member '{member.AmsMemberId}' already holds {program.Code} as {string.Join(", ", holdings.Select(h => h.Number))}; " +
                "a credential keeps its number. Give that number, or leave credential_number empty.");
            return null;
        }
        if (holdings.Count > 1)
        {
            errors.Add(at, Column.CredentialNumber,
                $"Member '{member.AmsMemberId}' holds {holdings.Count} {program.Code} credentials ({string.Join(", ", holdings.Select(h => h.Number))}); give credential_number to say which.");
            return null;
        }
        return holdings.SingleOrDefault();
    }

    private void PlanRemovals(IEnumerable<Credential> credentials, IReadOnlyCollection<Guid> membersInFile)
    {
        var listed = _rows.Select(r => r.Existing?.Id).OfType<Guid>().ToHashSet();
        var members = membersInFile.ToHashSet();
        foreach (var credential in credentials)
        {
            if (!members.Contains(credential.MemberId) || listed.Contains(credential.Id) || !_imported.TryGetValue(credential.Id, out var mark)) continue;
            var untouched = credential.StatusHistory.Count == mark.StatusChanges && credential.CurrentCycle == 1;
            if (untouched) _removals.Add(credential);
            else _kept++;
        }
    }

    public async Task ApplyAsync(AppDbContext db, ImportCommit commit, CancellationToken ct)
    {
        var reason = $"Imported from {commit.Batch.FileName}.";
        var sequences = new Dictionary<string, int>(StringComparer.Ordinal);
        await db.ApplyEachAsync(_rows, commit, async (row, token) =>
        {
            if (row.Existing is null)
            {
                var number = row.Number ?? await NextNumberAsync(db, row.Program.Kind, row.IssuedAt.Year, sequences, token);
                var credential = Credential.Award(number, row.MemberId, row.Program.Id, row.IssuedAt, row.ExpiresAt, commit.Actor);
                if (row.Status != CredentialStatus.Active) credential.ChangeStatus(row.Status, reason, commit.Actor, commit.Now);
                db.Credentials.Add(credential);
                db.ImportedCredentials.Add(new ImportedCredential
                {
                    CredentialId = credential.Id, BatchId = commit.Batch.Id, StatusChanges = credential.StatusHistory.Count,
                });
            }
            else if (row.Changes)
            {
                var credential = row.Existing;
                credential.ExpiresAt = row.ExpiresAt;
                if (credential.Status != row.Status) credential.ChangeStatus(row.Status, reason, commit.Actor, commit.Now);
                // The import's own changes do not count as the hub acting on a credential it created.
                if (_imported.TryGetValue(credential.Id, out var mark))
                    (mark.BatchId, mark.StatusChanges) = (commit.Batch.Id, credential.StatusHistory.Count);
            }
        }, ct);

        db.Credentials.RemoveRange(_removals);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The next free number of a kind and year: after the highest in the hub and the highest the file itself
    /// gives, since sequences are zero-padded and so sort as numbers.
    /// </summary>
    private async Task<string> NextNumberAsync(AppDbContext db, ProgramKind kind, int year, Dictionary<string, int> sequences, CancellationToken ct)
    {
        var prefix = $"{CredentialNumber.PrefixFor(kind)}-{year:D4}-";
        if (!sequences.TryGetValue(prefix, out var last))
        {
            var highestInHub = await db.Credentials.Where(c => c.Number.StartsWith(prefix)).MaxAsync(c => (string?)c.Number, ct);
            last = _rows.Select(r => r.Number).Append(highestInHub)
                .Select(n => CredentialNumber.TryParse(n, out var k, out var y, out var sequence) && k == kind && y == year ? sequence : 0)
                .Max();
        }
        sequences[prefix] = ++last;
        return CredentialNumber.Format(kind, year, last);
    }
}
