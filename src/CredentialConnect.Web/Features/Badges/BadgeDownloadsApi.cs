using System.Security.Claims;
using System.Text;
using CredentialConnect.Badges.Baking;
using CredentialConnect.Badges.Certificates;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>Where a member can show a credential: LinkedIn, a backpack, the verification page, and each download.</summary>
public sealed record BadgeShareResponse(
    string Number, string VerificationUrl, string LinkedInAddToProfileUrl, string OpenBadges2AssertionUrl, BadgeDownloadLinks Downloads);

public sealed record BadgeDownloadLinks(string Json, string Jwt, string Png, string Svg, string Pdf);

/// <summary>
/// A credential's badge in every form a member takes away: the signed JSON, the JWT, baked PNG and SVG images, a PDF
/// certificate, and the links to share it. A Member gets only their own credentials; staff get any.
/// </summary>
public static class BadgeDownloadsApi
{
    public const string VcJwtMediaType = "application/vc+jwt";

    public static WebApplication MapBadgeDownloadsApi(this WebApplication app)
    {
        var badge = app.MapGroup("/api/v1/credentials/{id:guid}").WithTags("Badges").RequireAuthorization(AccessPolicies.CredentialsRead)
            .AddEndpointFilter(BadgeEngagements.FilterAsync);
        badge.MapGet("/badge.json", JsonAsync).WithName("DownloadBadgeJson")
            .WithSummary("The Open Badges 3.0 credential with its Data Integrity proof (eddsa-rdfc-2022), as application/vc+ld+json.")
            .SendsJson(IssuerApi.VcLdJson).CountsAs(EngagementKind.Download, "json");
        badge.MapGet("/badge.jwt", JwtAsync).WithName("DownloadBadgeJwt").WithSummary("The same credential as a VC-JWT (ES256).").SendsFile(VcJwtMediaType).CountsAs(EngagementKind.Download, "jwt");
        badge.MapGet("/badge.png", PngAsync).WithName("DownloadBadgePng").WithSummary("The program's badge image with the signed credential baked in (iTXt openbadgecredential).").SendsFile("image/png").CountsAs(EngagementKind.Download, "png");
        badge.MapGet("/badge.svg", SvgAsync).WithName("DownloadBadgeSvg").WithSummary("The program's badge image with the signed credential baked in (openbadges:credential).").SendsFile("image/svg+xml").CountsAs(EngagementKind.Download, "svg");
        badge.MapGet("/certificate.pdf", PdfAsync).WithName("DownloadCertificatePdf").WithSummary("A printable certificate with a QR code to the verification page.").SendsFile("application/pdf").CountsAs(EngagementKind.Download, "pdf");
        badge.MapGet("/share", ShareAsync).WithName("ShareBadge").WithSummary("The LinkedIn add-to-profile link, the verification page, the Open Badges 2.0 assertion and the download links.")
            .CountsAs(EngagementKind.LinkedInShare, "linkedin");
        return app;
    }

    private sealed record Visible(Credential Credential, IssuedBadge Badge);

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> JsonAsync(Guid id, ClaimsPrincipal user, AppDbContext db, BadgeIssuance issuance, CancellationToken ct) =>
        await VisibleAsync(id, user, db, issuance, ct) is { } visible
            ? File(Encoding.UTF8.GetBytes(visible.Badge.SignedJson), IssuerApi.VcLdJson, visible, "json")
            : Problems.NotFoundResult("credential", id);

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> JwtAsync(Guid id, ClaimsPrincipal user, AppDbContext db, BadgeIssuance issuance, CancellationToken ct) =>
        await VisibleAsync(id, user, db, issuance, ct) is { } visible
            ? File(Encoding.ASCII.GetBytes(visible.Badge.Jwt), VcJwtMediaType, visible, "jwt")
            : Problems.NotFoundResult("credential", id);

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PngAsync(Guid id, ClaimsPrincipal user, AppDbContext db, BadgeIssuance issuance, CancellationToken ct)
    {
        if (await VisibleAsync(id, user, db, issuance, ct) is not { } visible) return Problems.NotFoundResult("credential", id);
        var program = await ProgramAsync(db, visible.Credential, ct);
        return File(PngBaking.Bake(await ProgramArtworkApi.PngAsync(db, program.Id, program.Code, ct), visible.Badge.SignedJson), "image/png", visible, "png");
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SvgAsync(Guid id, ClaimsPrincipal user, AppDbContext db, BadgeIssuance issuance, CancellationToken ct)
    {
        if (await VisibleAsync(id, user, db, issuance, ct) is not { } visible) return Problems.NotFoundResult("credential", id);
        var program = await ProgramAsync(db, visible.Credential, ct);
        var svg = SvgBaking.Bake(await ProgramArtworkApi.SvgAsync(db, program.Id, program.Code, program.Name, ct), visible.Badge.SignedJson);
        return File(Encoding.UTF8.GetBytes(svg), "image/svg+xml", visible, "svg");
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(
        Guid id, ClaimsPrincipal user, AppDbContext db, BadgeIssuance issuance, BadgeIssuer issuer, CancellationToken ct)
    {
        if (await VisibleAsync(id, user, db, issuance, ct) is not { } visible) return Problems.NotFoundResult("credential", id);
        var credential = visible.Credential;
        var program = await ProgramAsync(db, credential, ct);
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.Id == credential.MemberId, ct);
        var pdf = CertificatePdf.Render(new CertificateContent(member.FullName, program.Name, credential.Number, issuer.Name,
            credential.IssuedAt, credential.ExpiresAt, new Uri(issuer.VerificationUrl(credential.Number))));
        return File(pdf, "application/pdf", visible, "pdf");
    }

    internal static async Task<Results<Ok<BadgeShareResponse>, ProblemHttpResult>> ShareAsync(
        Guid id, ClaimsPrincipal user, AppDbContext db, BadgeIssuer issuer, CancellationToken ct)
    {
        if (await VisibleCredentialAsync(id, user, db, ct) is not { } credential) return Problems.NotFoundResult("credential", id);
        var program = await ProgramAsync(db, credential, ct);
        var verification = issuer.VerificationUrl(credential.Number);
        var downloads = $"{issuer.BaseUrl}/api/v1/credentials/{credential.Id}";
        return TypedResults.Ok(new BadgeShareResponse(
            credential.Number, verification,
            LinkedInShare.Link(program.Name, issuer.Name, credential.IssuedAt, credential.ExpiresAt, verification, credential.Number),
            OpenBadges2.AssertionUrl(issuer, credential.Number),
            new BadgeDownloadLinks($"{downloads}/badge.json", $"{downloads}/badge.jwt", $"{downloads}/badge.png", $"{downloads}/badge.svg", $"{downloads}/certificate.pdf")));
    }

    /// <summary>The credential when the caller may see it (a Member only their own; to anyone else it does not exist).</summary>
    private static Task<Credential?> VisibleCredentialAsync(Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var query = db.Credentials.AsNoTracking().Where(c => c.Id == id);
        if (user.OwnMemberOnly() is { } own) query = query.Where(c => c.MemberId == own);
        return query.SingleOrDefaultAsync(ct);
    }

    private static async Task<Visible?> VisibleAsync(Guid id, ClaimsPrincipal user, AppDbContext db, BadgeIssuance issuance, CancellationToken ct) =>
        await VisibleCredentialAsync(id, user, db, ct) is { } credential && await issuance.EnsureIssuedAsync(credential.Id, ct) is { } badge
            ? new Visible(credential, badge)
            : null;

    private static Task<CredentialProgram> ProgramAsync(AppDbContext db, Credential credential, CancellationToken ct) =>
        db.Programs.AsNoTracking().SingleAsync(p => p.Id == credential.ProgramId, ct);

    private static FileContentHttpResult File(byte[] content, string contentType, Visible visible, string extension) =>
        TypedResults.File(content, contentType, $"{visible.Credential.Number}.{extension}");
}
