using System.Text;
using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CredentialConnect.Web.Features.PublicDirectory;

/// <summary>One page of directory matches: member ids in directory order, and the number of matches in all.</summary>
public sealed record DirectoryMatches(IReadOnlyList<Guid> MemberIds, int Total);

/// <summary>
/// The directory's search, one per provider, with the same meaning: a member is listed when they opted in and show
/// at least one field; each name word must start a word of the name they show, each location word a word of the
/// place they show; a program code or status matches only a member who shows their credentials. Hidden fields are
/// never searched, and the order (by shown last name, then first name; hidden names last; then id) never depends
/// on a hidden field either.
/// </summary>
public static class DirectoryQueries
{
    /// <remarks>
    /// PostgreSQL: the Directory migration adds two generated columns to "Members", computed from the consent flags
    /// so that nothing a member hides is ever indexed: "DirectoryListed" (opted in and showing something) and
    /// "DirectorySearch", a <c>tsvector</c> ('simple' configuration, no stemming: these are names and places) of the
    /// shown name, weight A, and the shown city, region and country, weight B. One GIN index (partial: listed members
    /// only) answers both searches: a name word is the prefix query <c>word:*A</c>, a location word <c>word:*B</c>.
    /// The order is a partial B-tree index on the consent-aware name expressions below, so an unfiltered page reads
    /// the first rows of the index, and the credential filter uses an index on ("ProgramId", "Status", "MemberId").
    /// Chosen over pg_trgm: a trigram index finds substrings and typos, but costs a larger index, cannot use the
    /// index for one- and two-letter prefixes, and would give different results from the SQLite fallback; word-prefix
    /// search is what people type into a directory. The benchmark (README, Performance) measures it at 1,000,000 members.
    /// </remarks>
    public static async Task<DirectoryMatches> SearchPostgresAsync(AppDbContext db, DirectoryCriteria criteria, int skip, int take, CancellationToken ct)
    {
        // The SQL is put together from constant fragments only; every value the caller gave travels as a parameter.
        var where = new StringBuilder("""WHERE m."DirectoryListed" """);
        var parameters = new List<NpgsqlParameter>();
        var words = criteria.NameWords.Select(w => $"{w}:*A").Concat(criteria.LocationWords.Select(w => $"{w}:*B")).ToList();
        if (words.Count > 0)
        {
            where.Append("""AND m."DirectorySearch" @@ to_tsquery('simple', @words) """);
            parameters.Add(new NpgsqlParameter("words", string.Join(" & ", words)));
        }
        if (criteria.FiltersCredentials)
        {
            where.Append("""AND m."DirectoryShowCredentials" AND EXISTS (SELECT 1 FROM "Credentials" c WHERE c."MemberId" = m."Id" """);
            if (criteria.ProgramCode is { } code)
            {
                where.Append("""AND c."ProgramId" IN (SELECT p."Id" FROM "Programs" p WHERE lower(p."Code") = lower(@code)) """);
                parameters.Add(new NpgsqlParameter("code", code));
            }
            if (criteria.Status is { } status)
            {
                where.Append("""AND c."Status" = @status """);
                parameters.Add(new NpgsqlParameter("status", status.ToString()));
            }
            where.Append(") ");
        }

        // The expressions match the "IX_Members_DirectoryOrder" index exactly, so PostgreSQL reads the page from it.
        var page = $"""
            SELECT m."Id" AS "Value" FROM "Members" m {where}
            ORDER BY (CASE WHEN m."DirectoryShowName" THEN lower(m."LastName") END), (CASE WHEN m."DirectoryShowName" THEN lower(m."FirstName") END), m."Id"
            LIMIT @take OFFSET @skip
            """;
        var ids = await db.Database.SqlQueryRaw<Guid>(page,
            [.. Clone(parameters), new NpgsqlParameter("take", take), new NpgsqlParameter("skip", skip)]).ToListAsync(ct);
        // A first page that is not full holds every match: no need to count them again.
        var count = $"""SELECT count(*)::int AS "Value" FROM "Members" m {where}""";
        var total = skip == 0 && ids.Count < take
            ? ids.Count
            : (await db.Database.SqlQueryRaw<int>(count, [.. Clone(parameters)]).ToListAsync(ct)).Single();
        return new DirectoryMatches(ids, total);
    }

    // A parameter belongs to one command; each statement gets its own copies.
    private static object[] Clone(List<NpgsqlParameter> parameters) => parameters.Select(p => (object)p.Clone()).ToArray();

    /// <summary>The embedded default: LIKE over the shown fields, lower-cased (SQLite lowers ASCII letters only).</summary>
    public static async Task<DirectoryMatches> SearchWithLikeAsync(AppDbContext db, DirectoryCriteria criteria, int skip, int take, CancellationToken ct)
    {
        var members = db.Members.AsNoTracking().Where(m => m.Directory.OptedIn
            && (m.Directory.ShowName || m.Directory.ShowEmail || m.Directory.ShowLocation || m.Directory.ShowCredentials));
        foreach (var word in criteria.NameWords.Select(w => " " + w))
            members = members.Where(m => m.Directory.ShowName && (" " + m.FirstName + " " + m.LastName).ToLower().Contains(word));
        foreach (var word in criteria.LocationWords.Select(w => " " + w))
            members = members.Where(m => m.Directory.ShowLocation
                && (" " + (m.City ?? "") + " " + (m.Region ?? "") + " " + (m.Country ?? "")).ToLower().Contains(word));
        if (criteria.FiltersCredentials)
        {
            var (code, status) = (criteria.ProgramCode?.ToLower(), criteria.Status);
            members = members.Where(m => m.Directory.ShowCredentials && db.Credentials.Any(c => c.MemberId == m.Id
                && (code == null || db.Programs.Any(p => p.Id == c.ProgramId && p.Code.ToLower() == code))
                && (status == null || c.Status == status)));
        }

        var total = await members.CountAsync(ct);
        var ids = await members
            .OrderBy(m => m.Directory.ShowName ? 0 : 1)
            .ThenBy(m => m.Directory.ShowName ? m.LastName.ToLower() : null)
            .ThenBy(m => m.Directory.ShowName ? m.FirstName.ToLower() : null)
            .ThenBy(m => m.Id)
            .Skip(skip).Take(take).Select(m => m.Id).ToListAsync(ct);
        return new DirectoryMatches(ids, total);
    }
}
