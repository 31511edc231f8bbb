using CredentialConnect.Web.Api;
using Microsoft.AspNetCore.Authorization;

namespace CredentialConnect.Web.Features.Access;

/// <summary>
/// A browser sends the session cookie with whatever another site's page asks it to send. So a change made with the
/// cookie must come from the hub's own pages: an unsafe request to a secured operation that a browser marks as
/// cross-site (<c>Sec-Fetch-Site</c>) or from another origin (<c>Origin</c>) is refused with 403, body or not
/// (sync, sweep and sign-out take none). API-key clients are not browsers and are not affected.
/// </summary>
public static class CrossSiteRequests
{
    public static WebApplication UseCrossSiteRefusal(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (CrossSiteOrigin(context) is { } origin)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status403Forbidden, Type = Problems.Forbidden, Title = "Cross-site request refused.",
                        Detail = $"This request came from a page on {origin}. A change made with the sign-in cookie must come from the hub's own pages; machine clients use an API key.",
                    },
                });
                return;
            }
            await next(context);
        });
        return app;
    }

    // The other site, when a cookie-authenticated change to a secured operation comes from one; null otherwise.
    private static string? CrossSiteOrigin(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            return null;
        if (request.Headers.Authorization.ToString().StartsWith(ApiKeyAuthenticationHandler.HeaderPrefix, StringComparison.OrdinalIgnoreCase)) return null;
        if (!request.Cookies.ContainsKey(SessionCookie)) return null;
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata is null || metadata.GetMetadata<IAllowAnonymous>() is not null || metadata.GetMetadata<IAuthorizeData>() is null) return null;

        var own = $"{request.Scheme}://{request.Host}";
        var origin = request.Headers.Origin.ToString();
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site")
            return origin.Length > 0 ? origin : "another site";
        return origin.Length > 0 && !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ? origin : null;
    }

    public const string SessionCookie = "cc.session";
}
