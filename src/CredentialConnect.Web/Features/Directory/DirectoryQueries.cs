using System.Text;
using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CredentialConnect.Web.Features.PublicDirectory;

/// <summary>
/// One page of directory matches: member ids in directory order; the number of matches in all, exact up to
/// <see cref="DirectoryRules.CountLimit"/> (past it <see cref="TotalIsEstimate"/> and the total is the limit); and,
/// when more follow, the key of the page's last member, where the next page starts.
/// </summary>
public sealed record DirectoryMatches(IReadOnlyList<Guid> MemberIds, int Total, bool TotalIsEstimate, DirectoryKey? Next);

public static class DirectoryQueries
{
    /// <remarks>
    /// PostgreSQL: the Directory and DirectorySpeed migrations add three columns to "Members": "DirectoryListed"
    /// (generated: opted in and showing something); "DirectoryCredentialKeys", the member's credentials as words
    /// (<c>c:cfre</c>, <c>c:cfre:active</c>, <c>s:active</c>), kept by triggers on "Credentials" and "Programs" in the
    /// transaction of every change, the daily sweep's set-based updates included; and "DirectorySearch" (generated), a
    /// <c>tsvector</c> ('simple' configuration, no stemming: these are names and places) of the shown name, weight A,
    /// the shown city, region and country, weight B, and the credential words of a member who shows their credentials,
    /// weight C. Both generated columns are computed from the consent flags, so nothing a member hides is ever indexed.
    /// One GIN index (partial: listed members only) answers every filter: a name word is the prefix query <c>word:*A</c>,
    /// a location word <c>word:*B</c>, a program code and status the exact word <c>'c:cfre:active':C</c>.
    /// The order is a partial B-tree index on the consent-aware key expressions below, so an unfiltered page, at any
    /// keyset depth, reads the next rows of the index. Counting stops at <see cref="DirectoryRules.CountLimit"/>.
    /// Chosen over pg_trgm: a trigram index finds substrings and typos, but costs a larger index, cannot use the
    /// index for one- and two-letter prefixes, and would give different results from the SQLite fallback; word-prefix
    /// search is what people type into a directory. The benchmark (README, Performance) measures it at 1,000,000 members.
    /// </remarks>
    public static async Task<DirectoryMatches> SearchPostgresAsync(AppDbContext db, DirectoryCriteria criteria, DirectoryStart start, int take, CancellationToken ct)
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
        if (CredentialWord(criteria) is { } credential)
        {
            // A word, not text to parse: the tsquery literal takes it verbatim, quoted.
            where.Append("""AND m."DirectorySearch" @@ @credential::tsquery """);
            parameters.Add(new NpgsqlParameter("credential", "'" + credential.Replace(@"\", @"\\").Replace("'", "''") + "':C"));
        }

        // The key expressions match the "IX_Members_DirectoryKeyset" index exactly, so PostgreSQL reads the page from it.
        const string key = """
            (NOT m."DirectoryShowName"), (CASE WHEN m."DirectoryShowName" THEN lower(m."LastName") ELSE '' END),
            (CASE WHEN m."DirectoryShowName" THEN lower(m."FirstName") ELSE '' END), m."Id"
            """;
        var after = "";
        var pageParameters = Clone(parameters).ToList();
        if (start.After is { } a)
        {
            after = $"AND ({key}) > (@hidden, @last, @first, @id) ";
            pageParameters.AddRange([new NpgsqlParameter("hidden", a.NameHidden), new NpgsqlParameter("last", a.LastName),
                new NpgsqlParameter("first", a.FirstName), new NpgsqlParameter("id", a.Id)]);
        }
        // One more than a page: whether it comes back says whether another page follows.
        pageParameters.AddRange([new NpgsqlParameter("take", take + 1), new NpgsqlParameter("skip", start.Skip)]);
        var page = $"""
            SELECT m."Id", NOT m."DirectoryShowName" AS "NameHidden",
                CASE WHEN m."DirectoryShowName" THEN lower(m."LastName") ELSE '' END AS "LastName",
                CASE WHEN m."DirectoryShowName" THEN lower(m."FirstName") ELSE '' END AS "FirstName"
            FROM "Members" m {where}{after}
            ORDER BY {key}
            LIMIT @take OFFSET @skip
            """;
        var rows = await db.Database.SqlQueryRaw<KeyRow>(page, [.. pageParameters]).ToListAsync(ct);

        // A first page that is not full holds every match: no need to count them again. Otherwise count, but only up
        // to just past the limit: the plan stops there instead of visiting every match.
        var count = $"""SELECT count(*)::int AS "Value" FROM (SELECT 1 FROM "Members" m {where}LIMIT {DirectoryRules.CountLimit + 1}) matches""";
        var total = start is { Skip: 0, After: null } && rows.Count <= take
            ? rows.Count
            : (await db.Database.SqlQueryRaw<int>(count, [.. Clone(parameters)]).ToListAsync(ct)).Single();
        return Matches(rows.Select(r => new DirectoryKey(r.NameHidden, r.LastName, r.FirstName, r.Id)).ToList(), total, take);
    }

    /// <summary>The credential word a program code and status filter looks for, as the triggers write them; null without one.</summary>
    public static string? CredentialWord(DirectoryCriteria criteria) => (criteria.ProgramCode?.ToLowerInvariant(), criteria.Status?.ToString().ToLowerInvariant()) switch
    {
        (null, null) => null,
        ({ } code, null) => $"c:{code}",
        (null, { } status) => $"s:{status}",
        ({ } code, { } status) => $"c:{code}:{status}",
    };

    private sealed class KeyRow
    {
        public Guid Id { get; init; }
        public bool NameHidden { get; init; }
        public string LastName { get; init; } = "";
        public string FirstName { get; init; } = "";
    }

    private static DirectoryMatches Matches(List<DirectoryKey> keys, int total, int take)
    {
        var more = keys.Count > take;
        if (more) keys.RemoveAt(take);
        var estimate = total > DirectoryRules.CountLimit;
        return new DirectoryMatches(keys.Select(k => k.Id).ToList(), estimate ? DirectoryRules.CountLimit : total, estimate, more ? keys[^1] : null);
    }

    // A parameter belongs to one command; each statement gets its own copies.
    private static object[] Clone(List<NpgsqlParameter> parameters) => parameters.Select(p => (object)p.Clone()).ToArray();

    /// <summary>
    /// The embedded default: LIKE over the shown fields, lower-cased (SQLite lowers ASCII letters only), and the
    /// credential filters over the credential table itself. The same order, keyset and count limit as PostgreSQL.
    /// </summary>
    public static async Task<DirectoryMatches> SearchWithLikeAsync(AppDbContext db, DirectoryCriteria criteria, DirectoryStart start, int take, CancellationToken ct)
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

        var keyed = members.Select(m => new
        {
            m.Id,
            NameHidden = !m.Directory.ShowName,
            LastName = m.Directory.ShowName ? m.LastName.ToLower() : "",
            FirstName = m.Directory.ShowName ? m.FirstName.ToLower() : "",
        });
        var total = await keyed.Take(DirectoryRules.CountLimit + 1).CountAsync(ct);
        if (start.After is { } a)
            keyed = keyed.Where(k => (k.NameHidden && !a.NameHidden) || (k.NameHidden == a.NameHidden
                && (string.Compare(k.LastName, a.LastName) > 0 || (k.LastName == a.LastName
                    && (string.Compare(k.FirstName, a.FirstName) > 0 || (k.FirstName == a.FirstName && k.Id.CompareTo(a.Id) > 0))))));
        var rows = await keyed.OrderBy(k => k.NameHidden).ThenBy(k => k.LastName).ThenBy(k => k.FirstName).ThenBy(k => k.Id)
            .Skip(start.Skip).Take(take + 1).ToListAsync(ct);
        return Matches(rows.Select(r => new DirectoryKey(r.NameHidden, r.LastName, r.FirstName, r.Id)).ToList(), total, take);
    }
}
