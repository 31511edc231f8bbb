using System.Text.Json.Nodes;
using CredentialConnect.Badges.Baking;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>
/// The public documents a badge points to: Open Badges 2.0 hosted assertions with their BadgeClass and Issuer, and
/// each program's Open Badges 3.0 Achievement and image.
/// </summary>
public static class OpenBadges2Api
{
    private const int MaxAgeSeconds = 60;

    public static WebApplication MapOpenBadges2Api(this WebApplication app)
    {
        var open = app.MapGroup("").WithTags("Open Badges").AllowAnonymous();
        open.MapGet("/ob2/assertions/{number}", AssertionAsync).WithName("GetOpenBadges2Assertion")
            .WithSummary("The Open Badges 2.0 hosted assertion of a credential; revoked credentials say so.").SendsJson().RevalidatedByETag();
        open.MapGet("/ob2/badges/{code}", BadgeClassAsync).WithName("GetOpenBadges2BadgeClass").WithSummary("The Open Badges 2.0 BadgeClass of a program.").SendsJson().RevalidatedByETag();
        open.MapGet("/ob2/issuer", (BadgeIssuer issuer, HttpContext http) => IssuerApi.Cached(http, OpenBadges2.Issuer(issuer), MaxAgeSeconds))
            .WithName("GetOpenBadges2Issuer").WithSummary("The Open Badges 2.0 Issuer.").SendsJson().RevalidatedByETag();
        open.MapGet("/programs/{code}/achievement", AchievementAsync).WithName("GetAchievement").WithSummary("A program's Open Badges 3.0 Achievement.").SendsJson().RevalidatedByETag();
        open.MapGet("/programs/{code}/badge.png", ImageAsync).WithName("GetBadgeImage").WithSummary("A program's badge image.").SendsFile("image/png");
        return app;
    }

    internal static async Task<IResult> AssertionAsync(string number, AppDbContext db, BadgeIssuer issuer, IServiceScopeFactory scopes, TimeProvider clock,
        HttpContext http, CancellationToken ct)
    {
        var normalized = number.Trim().ToUpperInvariant();
        var found = await (from credential in db.Credentials.AsNoTracking()
                           join member in db.Members on credential.MemberId equals member.Id
                           join program in db.Programs on credential.ProgramId equals program.Id
                           where credential.Number == normalized
                           select new { credential, member.Email, program.Code }).SingleOrDefaultAsync(ct);
        if (found is null) return Problems.NotFoundResult("assertion", number);
        var revoked = found.credential.Status == CredentialStatus.Revoked;
        var facts = new HostedAssertionFacts(found.credential.Number, found.Code, found.Email, await RecipientSalt.GetAsync(scopes, clock, ct),
            found.credential.IssuedAt, found.credential.ExpiresAt, revoked, revoked ? found.credential.StatusReason : null);
        return IssuerApi.Cached(http, OpenBadges2.Assertion(issuer, facts), MaxAgeSeconds);
    }

    internal static async Task<IResult> BadgeClassAsync(string code, AppDbContext db, BadgeIssuer issuer, HttpContext http, CancellationToken ct) =>
        await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct) is { } program
            ? IssuerApi.Cached(http, OpenBadges2.BadgeClass(issuer, program.Code, program.Name, program.Description, program.CriteriaNarrative), MaxAgeSeconds)
            : Problems.NotFoundResult("badge", code);

    internal static async Task<IResult> AchievementAsync(string code, AppDbContext db, BadgeIssuer issuer, HttpContext http, CancellationToken ct)
    {
        if (await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, ct) is not { } program) return Problems.NotFoundResult("achievement", code);
        var achievement = new JsonObject
        {
            ["@context"] = new JsonArray(OpenBadgeCredentialBuilder.CredentialsContext, OpenBadgeCredentialBuilder.OpenBadgesContext),
        };
        foreach (var (name, value) in OpenBadgeCredentialBuilder.Achievement(issuer, program.Code, program.Name, program.Description, program.CriteriaNarrative))
            achievement[name] = value?.DeepClone();
        return IssuerApi.Cached(http, achievement, MaxAgeSeconds);
    }

    internal static async Task<IResult> ImageAsync(string code, AppDbContext db, CancellationToken ct) =>
        await db.Programs.AsNoTracking().Where(p => p.Code == code).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct) is { } id
            ? TypedResults.File(await ProgramArtworkApi.PngAsync(db, id, code, ct), "image/png")
            : Problems.NotFoundResult("badge image", code);
}
