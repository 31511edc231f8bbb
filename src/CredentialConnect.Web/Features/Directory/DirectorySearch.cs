using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.PublicDirectory;

/// <summary>
/// The public directory's one search, used by the API and the page alike: the provider's query finds the page of
/// members, then each is shaped to what they consented to show.
/// </summary>
/// <remarks>
/// Every credential status is listed by default (a revoked credential shows as Revoked, as verification would say);
/// the status filter narrows the members to those holding a credential in that status.
/// </remarks>
public sealed class DirectorySearch(AppDbContext db, IDatabaseDialect dialect, DirectoryCursors cursors)
{
    /// <summary>Reads the query string into criteria and a start, or the errors keyed by parameter; see <see cref="DirectoryRules"/>.</summary>
    public (DirectoryCriteria? Criteria, DirectoryStart? Start, Dictionary<string, string[]> Errors) Read(DirectoryFilter filter, ListQuery list) =>
        DirectoryRules.Read(filter, list, cursors);

    public async Task<Page<DirectoryEntry>> SearchAsync(DirectoryCriteria criteria, DirectoryStart start, int pageSize, CancellationToken ct)
    {
        var matches = await dialect.SearchDirectoryAsync(db, criteria, start, pageSize, ct);
        var ids = matches.MemberIds;
        var members = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.FirstName, m.LastName, m.Email, m.City, m.Region, m.Country, m.Directory })
            .ToDictionaryAsync(m => m.Id, ct);
        var showing = members.Values.Where(m => m.Directory.ShowCredentials).Select(m => m.Id).ToList();
        var credentials = (await (
                from c in db.Credentials.AsNoTracking()
                join p in db.Programs.AsNoTracking() on c.ProgramId equals p.Id
                where showing.Contains(c.MemberId)
                select new { c.MemberId, p.Code, p.Name, c.Number, c.Status })
            .ToListAsync(ct))
            .OrderBy(c => c.Code, StringComparer.Ordinal).ThenBy(c => c.Number, StringComparer.Ordinal)
            .ToLookup(c => c.MemberId, c => new DirectoryCredential(c.Code, c.Name, c.Number, c.Status, VerifyUrl(c.Number)));

        // A member who changed their consent between the two queries is left out rather than shown on old terms.
        var entries = ids.Where(members.ContainsKey).Select(id => members[id]).Where(m => m.Directory.OptedIn).Select(m => new DirectoryEntry(
            m.Directory.ShowName ? m.FirstName + " " + m.LastName : null,
            m.Directory.ShowEmail ? m.Email : null,
            m.Directory.ShowLocation && (m.City ?? m.Region ?? m.Country) is not null ? new DirectoryLocation(m.City, m.Region, m.Country) : null,
            m.Directory.ShowCredentials ? credentials[m.Id].ToList() : null)).ToList();
        return new Page<DirectoryEntry>(entries, start.PageNumber, pageSize, matches.Total)
        {
            TotalIsEstimate = matches.TotalIsEstimate,
            HasMore = matches.Next is not null,
            NextCursor = matches.Next is { } next ? cursors.Write(new DirectoryStart(start.PageNumber + 1, 0, next)) : null,
        };
    }

    /// <summary>Where anyone can check a credential: the public verification page.</summary>
    public static string VerifyUrl(string number) => "/verify/" + Uri.EscapeDataString(number);
}
