using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Badges;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Association;

/// <summary>Who the association is, as anyone may see it: its public pages, badges and the console show this.</summary>
/// <param name="LogoUrl">Where its logo is served; null when none was uploaded.</param>
public sealed record AssociationProfile(string Name, string? Website, string? Email, string PrimaryColour, string AccentColour, string? LogoUrl);

/// <summary>The association's settings as they are in effect: saved in the console, else from configuration.</summary>
/// <param name="PublicBaseUrl">Where the hub is reached from outside; every credential issued names it.</param>
/// <param name="Version">Send it back with a change; 0 until an Admin first saves.</param>
public sealed record AssociationSettingsResponse(
    string Name, string? Website, string? Email, string TimeZone, string Locale, string PrimaryColour, string AccentColour,
    string PublicBaseUrl, string? LogoUrl, int Version, DateTimeOffset? UpdatedAt, string? UpdatedBy);

/// <param name="Website">Optional; empty removes it.</param>
/// <param name="Email">Optional; empty removes it.</param>
/// <param name="PrimaryColour">#rrggbb, the header band under white text: at least 4.5:1 against white.</param>
/// <param name="AccentColour">#rrggbb, links and buttons on white: at least 4.5:1 against white.</param>
public sealed record AssociationSettingsWrite(
    string? Name, string? Website, string? Email, string? TimeZone, string? Locale, string? PrimaryColour, string? AccentColour,
    string? PublicBaseUrl, int? Version);

/// <param name="ContentType">image/png or image/svg+xml.</param>
public sealed record AssociationLogoResponse(string ContentType, int SizeBytes, DateTimeOffset UpdatedAt, string LogoUrl);

/// <summary>The association's name, logo, colours, public address, time zone and locale, which an Admin changes in the console.</summary>
public static class AssociationApi
{
    public static WebApplication MapAssociationApi(this WebApplication app)
    {
        var association = app.MapGroup("/api/v1/association").WithTags("Association");
        var admin = association.MapGroup("").RequireAuthorization(AccessPolicies.AccessAdmin);
        association.MapGet("/", Profile).WithName("GetAssociationProfile").AllowAnonymous().RequireRateLimiting(PublicRateLimits.Policy)
            .WithSummary("The association's name, web site, email, colours and logo, as its public pages show them.");
        association.MapGet("/logo", GetLogoAsync).WithName("GetAssociationLogo").AllowAnonymous().RequireRateLimiting(PublicRateLimits.Policy)
            .WithSummary("The association's logo, as uploaded; 404 when there is none.").SendsFile(ImageUploads.Png, ImageUploads.Svg)
            .ProducesProblem(StatusCodes.Status404NotFound);
        admin.MapGet("/settings", Settings).WithName("GetAssociationSettings")
            .WithSummary("The association's settings in effect: what an Admin saved, else what configuration says.");
        admin.MapPut("/settings", SaveAsync).WithName("SaveAssociationSettings")
            .WithSummary("Saves the association's settings; every node uses them within seconds. Send the version you read. " +
                "Changing the public address changes the address in every credential issued from then on.");
        admin.MapPut("/logo", ReplaceLogoAsync).WithName("ReplaceAssociationLogo")
            .WithSummary($"Uploads the association's logo, a PNG or SVG of at most {ImageUploads.MaxBytes / 1024} KB (multipart: file). The public pages show it.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ImageUploads.MaxBytes + ImageUploads.FormOverheadBytes))
            .TakesBody(("multipart/form-data", EndpointDeclarations.Form(("file", EndpointDeclarations.Binary, true))));
        admin.MapDelete("/logo", DeleteLogoAsync).WithName("DeleteAssociationLogo").WithSummary("Removes the logo; the public pages show the name alone. 404 when there is none.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    internal static Ok<AssociationProfile> Profile(IOptionsMonitor<AssociationOptions> association)
    {
        var a = association.CurrentValue;
        return TypedResults.Ok(new AssociationProfile(a.Name, a.Website, a.Email, a.PrimaryColour, a.AccentColour, a.LogoUrl));
    }

    internal static async Task<Ok<AssociationSettingsResponse>> Settings(
        IOptionsMonitor<AssociationOptions> association, BadgeIssuer issuer, AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok(Response(association.CurrentValue, issuer, await db.AssociationSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? new()));

    internal static async Task<Results<Ok<AssociationSettingsResponse>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        AssociationSettingsWrite request, AppDbContext db, AssociationSettingsStore store, IOptionsMonitor<AssociationOptions> association,
        BadgeIssuer issuer, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var errors = AssociationRules.Check(request);
        if (request.Version is null) errors["version"] = [VersionedExtensions.VersionRequired];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);

        // The row comes with the schema; should it be gone, the first save puts it back.
        var saved = await db.AssociationSettings.SingleOrDefaultAsync(ct);
        if (saved is null && request.Version != 0) return Problems.ConflictResult(StaleSettings);
        if (saved is null) db.AssociationSettings.Add(saved = new AssociationSettings { Version = 1 });
        else db.ExpectVersion(saved, request.Version!.Value);
        saved.Name = request.Name!.Trim();
        saved.Website = Optional(request.Website);
        saved.Email = Optional(request.Email);
        saved.TimeZone = request.TimeZone!.Trim();
        saved.Locale = request.Locale!.Trim();
        saved.PrimaryColour = request.PrimaryColour!.Trim().ToLowerInvariant();
        saved.AccentColour = request.AccentColour!.Trim().ToLowerInvariant();
        saved.PublicBaseUrl = request.PublicBaseUrl!.Trim().TrimEnd('/');
        saved.UpdatedAt = clock.GetUtcNow();
        saved.UpdatedBy = actor.Name;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            return Problems.ConflictResult(StaleSettings); // another node put the row back first
        }
        await store.LoadAsync(ct);
        return TypedResults.Ok(Response(association.CurrentValue, issuer, saved));
    }

    internal static async Task<Results<Ok<AssociationLogoResponse>, ValidationProblem, ProblemHttpResult>> ReplaceLogoAsync(
        HttpRequest request, AppDbContext db, AssociationSettingsStore store, IOptionsMonitor<AssociationOptions> association,
        ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var (image, refusal) = await ImageUploads.ReadAsync(request, "The logo", ct);
        if (image is null) return refusal!.Result is ValidationProblem invalid ? invalid : (ProblemHttpResult)refusal.Result;
        var logo = await db.AssociationLogo.SingleOrDefaultAsync(ct);
        if (logo is null) db.AssociationLogo.Add(logo = new AssociationLogo());
        (logo.ContentType, logo.Content, logo.UpdatedAt) = (image.ContentType, image.Content, clock.GetUtcNow());
        Audit(db, actor, logo.UpdatedAt.Value, "LogoReplaced", new { contentType = image.ContentType, sizeBytes = image.Content.Length });
        await db.SaveChangesAsync(ct);
        await store.LoadAsync(ct);
        return TypedResults.Ok(new AssociationLogoResponse(image.ContentType, image.Content.Length, logo.UpdatedAt.Value, association.CurrentValue.LogoUrl!));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetLogoAsync(HttpResponse response, AppDbContext db, CancellationToken ct)
    {
        if (await db.AssociationLogo.AsNoTracking().SingleOrDefaultAsync(ct) is not { Content: { } content, ContentType: { } type } logo)
            return Problems.NotFoundResult("logo of association", AssociationSettings.Only);
        ImageUploads.Protect(response, type);
        return TypedResults.File(content, type, lastModified: logo.UpdatedAt);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteLogoAsync(
        AppDbContext db, AssociationSettingsStore store, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var logo = await db.AssociationLogo.SingleOrDefaultAsync(ct);
        if (logo?.Content is null) return Problems.NotFoundResult("logo of association", AssociationSettings.Only);
        (logo.ContentType, logo.Content, logo.UpdatedAt) = (null, null, clock.GetUtcNow());
        Audit(db, actor, logo.UpdatedAt.Value, "LogoRemoved", new { });
        await db.SaveChangesAsync(ct);
        await store.LoadAsync(ct);
        return TypedResults.NoContent();
    }

    private const string StaleSettings = "Someone else saved the association's settings since you read them. Read them again and reapply your change.";

    private static AssociationSettingsResponse Response(AssociationOptions a, BadgeIssuer issuer, AssociationSettings saved) =>
        new(a.Name, a.Website, a.Email, a.TimeZone, a.Locale, a.PrimaryColour, a.AccentColour, issuer.BaseUrl, a.LogoUrl,
            saved.Version, saved.UpdatedAt, saved.UpdatedBy);

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // The logo's bytes stay out of the audit log; what changed and who changed it go in.
    private static void Audit(AppDbContext db, ICurrentActor actor, DateTimeOffset at, string action, object changes) =>
        db.AuditLog.Add(new AuditLogEntry
        {
            At = at, Actor = actor.Name, Action = action, EntityType = nameof(AssociationLogo), EntityId = AssociationSettings.Only.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Changes = System.Text.Json.JsonSerializer.Serialize(changes),
        });
}
