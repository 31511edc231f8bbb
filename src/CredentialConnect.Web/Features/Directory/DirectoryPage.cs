using System.Globalization;
using System.Net;
using System.Text;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Home;

namespace CredentialConnect.Web.Features.PublicDirectory;

/// <summary>
/// <c>/directory</c>: the public directory as a page. The search form is a plain GET, so it works without script, and
/// every page of results is a link. Everything a member wrote is HTML-encoded.
/// </summary>
internal static class DirectoryPage
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/directory", async ([AsParameters] ListQuery list, [AsParameters] DirectoryFilter filter, DirectorySearch directory, CancellationToken ct) =>
            {
                var (criteria, start, errors) = directory.Read(filter, list);
                var results = criteria is null || start is null ? null : await directory.SearchAsync(criteria, start, list.Size, ct);
                return PageLayout.Page("Directory", Body(filter, list, results, errors),
                    statusCode: criteria is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK);
            })
            .ExcludeFromDescription().AllowAnonymous().RequireRateLimiting(PublicRateLimits.Policy);
    }

    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Body(DirectoryFilter filter, ListQuery list, Page<DirectoryEntry>? results, Dictionary<string, string[]> errors)
    {
        var html = new StringBuilder();
        html.Append($"""
            <h1>Directory</h1>
            <p>Members who chose to be listed, and only what each chose to show. Every credential links to its live verification.</p>
            <form method="get" action="/directory" role="search" aria-label="Search the directory">
              <label for="q">Name</label>
              <input id="q" name="q" type="search" value="{E(filter.Q)}" autocomplete="off">
              <label for="credential">Credential (program code)</label>
              <input id="credential" name="credential" type="text" value="{E(filter.Credential)}">
              <label for="location">Location (city, region or country)</label>
              <input id="location" name="location" type="text" value="{E(filter.Location)}">
              <label for="status">Credential status</label>
              <select id="status" name="status">
                <option value=""{(string.IsNullOrEmpty(filter.Status) ? " selected" : "")}>Any status</option>
            """);
        foreach (var status in Enum.GetNames<CredentialStatus>())
            html.Append($"""    <option value="{status}"{(string.Equals(filter.Status, status, StringComparison.OrdinalIgnoreCase) ? " selected" : "")}>{status}</option>""").Append('\n');
        html.Append("""
              </select>
              <button type="submit">Search</button>
            </form>
            """);

        if (results is null)
        {
            html.Append("""<div role="alert"><p>The search could not be run:</p><ul>""");
            foreach (var (field, messages) in errors)
                foreach (var message in messages) html.Append($"<li>{E(field)}: {E(message)}</li>");
            html.Append("</ul></div>");
            return html.ToString();
        }

        var pages = Math.Max(1, results.TotalPages);
        var found = results.TotalCount.ToString("N0", CultureInfo.InvariantCulture) + (results.TotalIsEstimate ? "+" : "");
        var of = results.TotalIsEstimate ? "" : $" of {pages:N0}";
        html.Append($"""<p id="summary" role="status" aria-live="polite">{found} {(results.TotalCount == 1 && !results.TotalIsEstimate ? "member" : "members")} found. Page {results.PageNumber:N0}{of}.</p>""");
        html.Append("""<ol class="results" aria-labelledby="summary">""");
        foreach (var entry in results.Items) html.Append(Entry(entry));
        html.Append("</ol>");
        html.Append(Paging(filter, list, results, of));
        return html.ToString();
    }

    private static string Entry(DirectoryEntry entry)
    {
        var html = new StringBuilder("<li>");
        html.Append(entry.Name is null ? "<p><em>Name not shown</em></p>" : $"<p><strong>{E(entry.Name)}</strong></p>");
        if (entry.Email is not null) html.Append($"""<p><a href="mailto:{E(entry.Email)}">{E(entry.Email)}</a></p>""");
        if (entry.Location is { } place)
            html.Append($"<p>{E(string.Join(", ", new[] { place.City, place.Region, place.Country }.Where(p => !string.IsNullOrWhiteSpace(p))))}</p>");
        if (entry.Credentials is { Count: > 0 } credentials)
        {
            html.Append("<ul>");
            foreach (var c in credentials)
                html.Append($"""<li>{E(c.ProgramName)} ({E(c.ProgramCode)}), {E(c.Number)}, {E(c.Status.ToString())}: <a href="{E(c.VerifyUrl)}">credential and licensure attestation</a></li>""");
            html.Append("</ul>");
        }
        return html.Append("</li>").ToString();
    }

    // Next and previous are page numbers while they stay within DirectoryRules.MaxDepth; the next page past it is the cursor.
    private static string Paging(DirectoryFilter filter, ListQuery list, Page<DirectoryEntry> results, string of)
    {
        var page = results.PageNumber;
        var previous = page > 1 && (page - 1) * results.PageSize <= DirectoryRules.MaxDepth;
        if (!previous && !results.HasMore) return "";
        var html = new StringBuilder("""<nav aria-label="Result pages"><p>""");
        if (previous) html.Append($"""<a href="{E(Link(filter, list, page: page - 1))}" rel="prev">Previous page</a> """);
        else if (page > 1) html.Append($"""<a href="{E(Link(filter, list, page: 1))}">First page</a> """);
        html.Append($"Page {page:N0}{of}");
        if (results.HasMore)
        {
            var next = (page + 1) * results.PageSize <= DirectoryRules.MaxDepth ? Link(filter, list, page: page + 1) : Link(filter, list, after: results.NextCursor);
            html.Append($""" <a href="{E(next)}" rel="next">Next page</a>""");
        }
        return html.Append("</p></nav>").ToString();
    }

    private static string Link(DirectoryFilter filter, ListQuery list, int? page = null, string? after = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = filter.Q, ["credential"] = filter.Credential, ["location"] = filter.Location, ["status"] = filter.Status,
            ["page"] = page?.ToString(CultureInfo.InvariantCulture), ["after"] = after,
            ["pageSize"] = list.PageSize?.ToString(CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/directory", query.Where(q => !string.IsNullOrEmpty(q.Value)));
    }
}
