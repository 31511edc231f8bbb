using System.Globalization;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Credentials;

namespace CredentialConnect.Web.Features.PublicDirectory;

/// <summary>Reads the directory's query string into <see cref="DirectoryCriteria"/>, or the errors keyed by parameter.</summary>
public static class DirectoryRules
{
    public const int MaxTextLength = 200;
    public const int MaxWords = 8;
    public const int MaxProgramCodeLength = 32;

    /// <summary>
    /// How deep page numbers reach: pages must end within the first 10,000 matches. Past them a search continues with
    /// <c>after</c> (keyset paging), which costs the same at any depth, where an offset costs as many rows as it skips.
    /// </summary>
    public const int MaxDepth = 10_000;

    /// <summary>Matches are counted exactly up to this many; past it the total reads "10,000+" (<c>totalIsEstimate</c>).</summary>
    public const int CountLimit = 10_000;

    public static (DirectoryCriteria? Criteria, DirectoryStart? Start, Dictionary<string, string[]> Errors) Read(
        DirectoryFilter filter, ListQuery list, DirectoryCursors cursors)
    {
        var errors = list.Validate(Sortable);
        var start = ReadStart(filter.After, list, cursors, errors);
        if (list.Sort is { Length: > 0 } sort && !sort.Equals("name", StringComparison.OrdinalIgnoreCase))
            errors["sort"] = ["The directory is ordered by name only."];
        var name = Words(filter.Q, "q", errors);
        var location = Words(filter.Location, "location", errors);
        var code = string.IsNullOrWhiteSpace(filter.Credential) ? null : filter.Credential.Trim();
        if (code is { Length: > MaxProgramCodeLength }) errors["credential"] = [$"A program code has at most {MaxProgramCodeLength} characters."];
        CredentialStatus? status = null;
        if (!string.IsNullOrWhiteSpace(filter.Status))
        {
            // By name only: Enum.TryParse would also take "1" or "Active,Expiring".
            if (Enum.GetNames<CredentialStatus>().FirstOrDefault(n => n.Equals(filter.Status.Trim(), StringComparison.OrdinalIgnoreCase)) is { } known)
                status = Enum.Parse<CredentialStatus>(known);
            else errors["status"] = [$"Status must be one of: {string.Join(", ", Enum.GetNames<CredentialStatus>())}."];
        }
        return errors.Count > 0 ? (null, null, errors) : (new DirectoryCriteria(name, location, code, status), start, errors);
    }

    private static DirectoryStart? ReadStart(string? after, ListQuery list, DirectoryCursors cursors, Dictionary<string, string[]> errors)
    {
        if (!string.IsNullOrWhiteSpace(after))
        {
            if (list.Page is not null) errors["page"] = ["Give either page or after, not both."];
            var cursor = cursors.Read(after.Trim());
            if (cursor is null) errors["after"] = ["This is not a cursor from the directory: pass the nextCursor of the page before."];
            return cursor;
        }
        if (errors.ContainsKey("page") || errors.ContainsKey("pageSize")) return null;
        var skip = (list.PageNumber - 1) * list.Size;
        if (skip + list.Size > MaxDepth)
        {
            errors["page"] = [$"Page numbers reach the first {MaxDepth:N0} matches. To go further, follow nextCursor with after=, or narrow the search."];
            return null;
        }
        return new DirectoryStart(list.PageNumber, skip, null);
    }

    /// <summary>
    /// The words of a search, lower-cased: runs of letters and digits, as PostgreSQL's text-search parser splits them.
    /// Everything else separates words, so no character of the input reaches a query's syntax.
    /// </summary>
    public static IReadOnlyList<string> Words(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        if (text.Length > MaxTextLength)
        {
            errors[field] = [$"Search text has at most {MaxTextLength} characters."];
            return [];
        }
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0) start = i;
            else if (!inWord && start >= 0)
            {
                var word = text[start..i].ToLower(CultureInfo.InvariantCulture);
                if (!words.Contains(word)) words.Add(word);
                start = -1;
            }
        }
        if (words.Count > MaxWords) errors[field] = [$"Search at most {MaxWords} words at a time."];
        return words;
    }

    // Validation only: the order is fixed (see DirectorySearch), so "name" is the one sort a client may name.
    private static readonly SortFields<Features.Members.Member> Sortable = new(m => m.Id, "name", ("name", m => m.LastName));
}
