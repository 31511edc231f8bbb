using CredentialConnect.Web.Api;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CredentialConnect.Web.Features.Access;

/// <summary>
/// A browser sends the session cookie with whatever another site's page asks it to send. So a change made with the
/// cookie must come from the hub's own pages: an unsafe request to a secured operation that a browser marks as
/// cross-site (<c>Sec-Fetch-Site</c>) or from another origin (<c>Origin</c>) is refused with 403, body or not
/// (sync, sweep and sign-out take none). Such a change must also carry the antiforgery token the hub hands the signed-in
/// page (<see cref="IssueAntiforgeryToken"/>): the page's script reads it from the <c>XSRF-TOKEN</c> cookie and sends
/// it back in the <c>X-XSRF-TOKEN</c> header, which another site's page cannot do. API-key clients are not browsers
/// and are not affected.
/// </summary>
public static class CrossSiteRequests
{
    public static WebApplication UseCrossSiteRefusal(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (IsCookieChange(context))
            {
                if (CrossSiteOrigin(context) is { } origin)
                {
                    await RefuseAsync(context, "Cross-site request refused.",
                        $"This request came from a page on {origin}. A change made with the sign-in cookie must come from the hub's own pages; machine clients use an API key.");
                    return;
                }
                if (!await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
                {
                    await RefuseAsync(context, "Antiforgery token missing or invalid.",
                        $"A change made with the sign-in cookie must send the {TokenHeader} header with the value of the {TokenCookie} cookie, which the hub sets at sign-in and on {MePath}. Reload the page, or sign in again.");
                    return;
                }
            }
            await next(context);
        });
        return app;
    }

    /// <summary>Gives the signed-in page the token its changes must carry: a readable cookie for its script to send back.</summary>
    public static void IssueAntiforgeryToken(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        context.Response.Cookies.Append(TokenCookie, tokens.RequestToken!, new CookieOptions
        {
            HttpOnly = false, SameSite = SameSiteMode.Strict, Secure = context.Request.IsHttps, Path = "/",
        });
    }

    /// <summary>The token for a session just started: it is bound to who is signed in, not to the anonymous request that signed in.</summary>
    public static async Task IssueAntiforgeryTokenAsync(HttpContext context, SignInManager<UserAccount> signIn, UserAccount account)
    {
        context.User = await signIn.CreateUserPrincipalAsync(account);
        IssueAntiforgeryToken(context);
    }

    private static ValueTask RefuseAsync(HttpContext context, string title, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Type = Problems.Forbidden, Title = title, Detail = detail },
        });
    }

    // An unsafe request to a secured operation, made with the sign-in cookie rather than an API key.
    private static bool IsCookieChange(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
            return false;
        if (request.Headers.Authorization.ToString().StartsWith(ApiKeyAuthenticationHandler.HeaderPrefix, StringComparison.OrdinalIgnoreCase)) return false;
        if (!request.Cookies.ContainsKey(SessionCookie)) return false;
        var metadata = context.GetEndpoint()?.Metadata;
        return metadata is not null && metadata.GetMetadata<IAllowAnonymous>() is null && metadata.GetMetadata<IAuthorizeData>() is not null;
    }

    // The other site a cookie-authenticated change came from; null when it came from the hub's own pages.
    private static string? CrossSiteOrigin(HttpContext context)
    {
        var request = context.Request;
        var own = $"{request.Scheme}://{request.Host}";
        var origin = request.Headers.Origin.ToString();
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site")
            return origin.Length > 0 ? origin : "another site";
        return origin.Length > 0 && !string.Equals(origin, own, StringComparison.OrdinalIgnoreCase) ? origin : null;
    }

    public const string SessionCookie = "cc.session";
    public const string TokenCookie = "XSRF-TOKEN";
    public const string TokenHeader = "X-XSRF-TOKEN";
    public const string MePath = "/auth/me";
}
