using System.Web;

namespace CredentialConnect.Connectors.Xapi;

/// <summary>A <c>more</c> link as the Refit client can follow it: a path relative to the endpoint, and the link's query.</summary>
internal sealed record MoreLink(string Path, Dictionary<string, string> Query)
{
    /// <summary>
    /// Resolves <paramref name="more"/> (usually relative to the LRS's root, e.g. <c>/xapi/statements?more=abc</c>)
    /// against the endpoint. A link to another host is refused: following it would send the LRS credentials there.
    /// </summary>
    public static MoreLink? Resolve(Uri endpoint, string more)
    {
        var root = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        if (!Uri.TryCreate(root, more, out var link)
            || Uri.Compare(link, root, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
            return null;

        var path = Uri.UnescapeDataString(root.MakeRelativeUri(new Uri(link.GetLeftPart(UriPartial.Path))).OriginalString);
        var parameters = HttpUtility.ParseQueryString(link.Query);
        var query = parameters.AllKeys.OfType<string>().ToDictionary(key => key, key => parameters[key] ?? "", StringComparer.Ordinal);
        return new MoreLink(path, query);
    }
}
