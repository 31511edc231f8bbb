using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Connectors.Xapi;

/// <summary>Adds HTTP Basic auth with the LRS key and secret, and the <c>X-Experience-API-Version</c> header every xAPI request must carry.</summary>
public sealed class XapiAuthHandler(IOptionsMonitor<XapiOptions> options) : DelegatingHandler
{
    /// <summary>The header that names the xAPI version of a request.</summary>
    public const string VersionHeader = "X-Experience-API-Version";

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{current.Key}:{current.Secret}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        request.Headers.Remove(VersionHeader);
        request.Headers.Add(VersionHeader, current.Version);
        return base.SendAsync(request, cancellationToken);
    }
}
