using System.Net;
using CredentialConnect.Web.Features.Access;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace CredentialConnect.IntegrationTests.Infrastructure;

/// <summary>
/// Clients that behave as the console's pages do: they keep the session cookie and send the antiforgery token the hub
/// set (<c>XSRF-TOKEN</c>) back in the <c>X-XSRF-TOKEN</c> header on every change.
/// </summary>
public static class SessionClients
{
    public static HttpClient For(WebApplicationFactory<Program> hub)
    {
        var cookies = new CookieContainerHandler();
        return hub.CreateDefaultClient(new AntiforgeryHeader(cookies.Container), cookies);
    }

    public static HttpClient For(Uri hub)
    {
        var cookies = new CookieContainer();
        return new HttpClient(new AntiforgeryHeader(cookies) { InnerHandler = new HttpClientHandler { CookieContainer = cookies } }) { BaseAddress = hub };
    }

    private sealed class AntiforgeryHeader(CookieContainer cookies) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var safe = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head || request.Method == HttpMethod.Options;
            if (!safe && !request.Headers.Contains(CrossSiteRequests.TokenHeader) && cookies.GetCookies(request.RequestUri!)[CrossSiteRequests.TokenCookie] is { } token)
                request.Headers.Add(CrossSiteRequests.TokenHeader, Uri.UnescapeDataString(token.Value));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
