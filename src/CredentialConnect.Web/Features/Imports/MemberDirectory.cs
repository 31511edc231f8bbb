using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Imports;

internal sealed record MemberKey(Guid Id, string AmsMemberId, string Email);

/// <summary>A checked header and the member each row names (null where it names none), found before anything else is loaded.</summary>
internal sealed record SheetMembers(SheetColumns Columns, MemberKey?[] ByRow, List<Guid> Ids);

/// <summary>
/// Finds the member a row names. The AMS member id is the golden key; email is only a fallback, and an email
/// that several members share is never guessed at. Members come from the AMS, so an import never creates one.
/// </summary>
internal sealed class MemberDirectory
{
    private readonly Dictionary<string, MemberKey> _byAmsId;
    private readonly ILookup<string, MemberKey> _byEmail;

    public MemberDirectory(IEnumerable<MemberKey> members)
    {
        var all = members.ToList();
        _byAmsId = all.ToDictionary(m => m.AmsMemberId, StringComparer.Ordinal);
        _byEmail = all.ToLookup(m => m.Email.Trim(), StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Maps the header and finds every row's member, reporting what is wrong; null when the header is too broken
    /// for rows to be checked.
    /// </summary>
    public static async Task<SheetMembers?> ResolveRowsAsync(AppDbContext db, Sheet sheet, IReadOnlyList<string> required, ImportErrors errors, CancellationToken ct)
    {
        if (SheetColumns.Map(sheet, required, errors) is not { } columns) return null;
        var directory = await LoadAsync(db, sheet, columns, ct);
        var members = sheet.Rows.Select(r => directory.Resolve(r, columns, errors)).ToArray();
        return new SheetMembers(columns, members, members.OfType<MemberKey>().Select(m => m.Id).Distinct().ToList());
    }

    /// <summary>Loads only the members the file names, by id or by email.</summary>
    private static async Task<MemberDirectory> LoadAsync(AppDbContext db, Sheet sheet, SheetColumns columns, CancellationToken ct)
    {
        var ids = sheet.Rows.Select(r => columns.Value(r, ImportColumns.MemberId)).OfType<string>().Distinct().ToList();
        var emails = sheet.Rows.Where(r => columns.Value(r, ImportColumns.MemberId) is null)
            .Select(r => columns.Value(r, ImportColumns.Email)?.ToLowerInvariant()).OfType<string>().Distinct().ToList();
        var members = await db.Members.AsNoTracking()
            .Where(m => ids.Contains(m.AmsMemberId) || emails.Contains(m.Email.ToLower()))
            .Select(m => new MemberKey(m.Id, m.AmsMemberId, m.Email))
            .ToListAsync(ct);
        return new MemberDirectory(members);
    }

    /// <summary>The member of <paramref name="row"/>, or null having reported why there is none.</summary>
    public MemberKey? Resolve(SheetRow row, SheetColumns columns, ImportErrors errors)
    {
        if (columns.Value(row, ImportColumns.MemberId) is { } amsId)
        {
            if (_byAmsId.TryGetValue(amsId, out var byId)) return byId;
            errors.Add(row.Number, ImportColumns.MemberId,
                $"No member has AMS id '{amsId}'. Members come from the AMS: sync them first; an import does not create members.");
            return null;
        }
        if (columns.Value(row, ImportColumns.Email) is not { } email)
        {
            errors.Add(row.Number, ImportColumns.MemberId, "The member is missing: give member_id (the AMS member id) or email.");
            return null;
        }
        var matches = _byEmail[email].ToList();
        switch (matches.Count)
        {
            case 1:
                return matches[0];
            case 0:
                errors.Add(row.Number, ImportColumns.Email,
                    $"No member has email '{email}'. Members come from the AMS: sync them first; an import does not create members.");
                return null;
            default:
                errors.Add(row.Number, ImportColumns.Email, $"Ambiguous email — {matches.Count} members share '{email}'; give member_id.");
                return null;
        }
    }
}
