using System.Security.Claims;
using System.Text.Encodings.Web;
using CredentialConnect.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Access;

/// <summary>
/// Authenticates machine clients that send <c>Authorization: ApiKey cc_…</c>. A revoked, unknown or
/// malformed key fails authentication outright rather than falling back to anonymous.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AppDbContext db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderPrefix = "ApiKey ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();

        if (!ApiKey.TryParse(header[HeaderPrefix.Length..].Trim(), out var prefix, out var secret))
            return AuthenticateResult.Fail("The API key is malformed.");

        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        if (key is null || !key.Matches(secret)) return AuthenticateResult.Fail("The API key is not recognised.");
        if (key.IsRevoked) return AuthenticateResult.Fail("The API key has been revoked.");

        // Last use is bookkeeping for admins deciding which keys to retire; a minute's precision is plenty.
        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > TimeSpan.FromMinutes(1))
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, key.Id.ToString()),
            new(ClaimTypes.Name, key.Name),
            new(HubClaims.ActorName, $"api-key:{key.Name}"),
        };
        claims.AddRange(key.Scopes.Select(s => new Claim(HubClaims.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    /// <summary>A rejected key gets a ProblemDetails saying why, so an integrator can tell revoked from mistyped.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "ApiKey";
        await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Type = Api.Problems.Unauthorized,
                Title = "Authentication failed.",
                Status = StatusCodes.Status401Unauthorized,
                Detail = result.Failure?.Message ?? "An API key is required.",
            },
        });
    }
}
