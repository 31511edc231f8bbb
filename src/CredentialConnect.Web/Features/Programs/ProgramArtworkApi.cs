using System.Text;
using System.Xml.Linq;
using CredentialConnect.Badges.Baking;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Programs;

/// <param name="ContentType">image/png or image/svg+xml.</param>
public sealed record ProgramArtworkResponse(Guid ProgramId, string ContentType, int SizeBytes, DateTimeOffset UpdatedAt);

/// <summary>A program's badge artwork, uploaded, read and removed on its own; mapped from <see cref="ProgramsApi"/>.</summary>
public static class ProgramArtworkApi
{
    internal static async Task<Results<Ok<ProgramArtworkResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Guid id, HttpRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (image, refusal) = await ImageUploads.ReadAsync(request, "Badge artwork", ct);
        if (image is null) return refusal!.Result is ValidationProblem invalid ? invalid : (ProblemHttpResult)refusal.Result;
        var (type, content) = (image.ContentType, image.Content);
        if (!await db.Programs.AnyAsync(p => p.Id == id, ct)) return Problems.NotFoundResult("program", id);
        var artwork = await db.ProgramArtwork.SingleOrDefaultAsync(a => a.ProgramId == id, ct);
        if (artwork is null) db.ProgramArtwork.Add(artwork = new ProgramArtwork { ProgramId = id, ContentType = type, Content = content });
        (artwork.ContentType, artwork.Content, artwork.UpdatedAt) = (type, content, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ProgramArtworkResponse(id, artwork.ContentType, content.Length, artwork.UpdatedAt));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(Guid id, HttpResponse response, AppDbContext db, CancellationToken ct)
    {
        if (await db.ProgramArtwork.AsNoTracking().SingleOrDefaultAsync(a => a.ProgramId == id, ct) is not { } artwork)
            return Problems.NotFoundResult("artwork for program", id);
        ImageUploads.Protect(response, artwork.ContentType);
        return TypedResults.File(artwork.Content, artwork.ContentType, lastModified: artwork.UpdatedAt);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.ProgramArtwork.Where(a => a.ProgramId == id).ExecuteDeleteAsync(ct) > 0
            ? TypedResults.NoContent()
            : Problems.NotFoundResult("artwork for program", id);

    /// <summary>The program's badge as a PNG: its uploaded PNG, else the generated disc.</summary>
    public static async Task<byte[]> PngAsync(AppDbContext db, Guid programId, string code, CancellationToken ct) =>
        await StoredAsync(db, programId, ct) is { ContentType: ProgramArtwork.Png } png ? png.Content : BadgeArtwork.Png(code);

    /// <summary>The program's badge as an SVG: its uploaded SVG, its uploaded PNG inside an SVG, else the generated disc.</summary>
    public static async Task<string> SvgAsync(AppDbContext db, Guid programId, string code, string name, CancellationToken ct) =>
        await StoredAsync(db, programId, ct) switch
        {
            { ContentType: ProgramArtwork.Svg } svg => Encoding.UTF8.GetString(svg.Content),
            { ContentType: ProgramArtwork.Png } png => WrapPng(png.Content, $"{name} ({code})"),
            _ => BadgeArtwork.Svg(code, name),
        };

    private static Task<ProgramArtwork?> StoredAsync(AppDbContext db, Guid programId, CancellationToken ct) =>
        db.ProgramArtwork.AsNoTracking().SingleOrDefaultAsync(a => a.ProgramId == programId, ct);

    private static string WrapPng(byte[] png, string title)
    {
        XNamespace svg = "http://www.w3.org/2000/svg";
        var size = BadgeArtwork.Size;
        return new XElement(svg + "svg",
            new XAttribute("width", size), new XAttribute("height", size), new XAttribute("viewBox", $"0 0 {size} {size}"),
            new XAttribute("role", "img"), new XAttribute("aria-label", title),
            new XElement(svg + "title", title),
            new XElement(svg + "image", new XAttribute("width", size), new XAttribute("height", size),
                new XAttribute("href", $"data:image/png;base64,{Convert.ToBase64String(png)}"))).ToString(SaveOptions.DisableFormatting);
    }
}
