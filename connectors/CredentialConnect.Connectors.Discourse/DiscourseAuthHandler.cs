using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Connectors.Discourse;

/// <summary>Adds Discourse's API credentials to every request. The key is read per request, so a rotated key applies without a restart.</summary>
public sealed class DiscourseAuthHandler(IOptionsMonitor<DiscourseOptions> options) : DelegatingHandler
{
    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        request.Headers.Remove("Api-Key");
        request.Headers.Remove("Api-Username");
        request.Headers.TryAddWithoutValidation("Api-Key", current.ApiKey);
        request.Headers.TryAddWithoutValidation("Api-Username", current.ApiUsername);
        // Without it Discourse may answer an error as an HTML page.
        if (request.Headers.Accept.Count == 0)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return base.SendAsync(request, cancellationToken);
    }
}
