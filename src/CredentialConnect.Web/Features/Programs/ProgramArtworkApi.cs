using System.Text;
using System.Xml.Linq;
using CredentialConnect.Badges.Baking;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Programs;

/// <param name="ContentType">image/png or image/svg+xml.</param>
public sealed record ProgramArtworkResponse(Guid ProgramId, string ContentType, int SizeBytes, DateTimeOffset UpdatedAt);

/// <summary>A program's badge artwork, uploaded, read and removed on its own; mapped from <see cref="ProgramsApi"/>.</summary>
public static class ProgramArtworkApi
{
    // The multipart envelope around the file: the boundary and the part's headers.
    public const int FormOverheadBytes = 16 * 1024;

    // Like every write endpoint this relies on the SameSite=Lax session cookie against cross-site posts.
    internal static async Task<Results<Ok<ProgramArtworkResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Guid id, HttpRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (request.ContentLength > ProgramArtworkFiles.MaxBytes + FormOverheadBytes) return Refused(ProgramArtworkFiles.TooLarge(request.ContentLength.Value));
        if (!request.HasFormContentType)
            return Refused(new(StatusCodes.Status415UnsupportedMediaType, "Send the image as multipart/form-data in the field 'file'."));

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = ProgramArtworkFiles.MaxBytes + FormOverheadBytes }, ct);
        }
        catch (InvalidDataException)
        {
            return Refused(ProgramArtworkFiles.TooLarge(request.ContentLength ?? ProgramArtworkFiles.MaxBytes + 1));
        }
        if (form.Files.GetFile("file") is not { } file) return Problems.ValidationFailed("file", "Attach the PNG or SVG image as the form field 'file'.");
        if (file.Length > ProgramArtworkFiles.MaxBytes) return Refused(ProgramArtworkFiles.TooLarge(file.Length));
        if (file.Length == 0) return Problems.ValidationFailed("file", "The file is empty.");

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
        var (type, refusal) = ProgramArtworkFiles.Check(file.ContentType, Path.GetFileName(file.FileName), content);
        if (refusal is { StatusCode: StatusCodes.Status400BadRequest }) return Problems.ValidationFailed("file", refusal.Detail);
        if (refusal is not null) return Refused(refusal);

        if (!await db.Programs.AnyAsync(p => p.Id == id, ct)) return Problems.NotFoundResult("program", id);
        var artwork = await db.ProgramArtwork.SingleOrDefaultAsync(a => a.ProgramId == id, ct);
        if (artwork is null) db.ProgramArtwork.Add(artwork = new ProgramArtwork { ProgramId = id, ContentType = type!, Content = content });
        (artwork.ContentType, artwork.Content, artwork.UpdatedAt) = (type!, content, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ProgramArtworkResponse(id, artwork.ContentType, content.Length, artwork.UpdatedAt));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(Guid id, HttpResponse response, AppDbContext db, CancellationToken ct)
    {
        if (await db.ProgramArtwork.AsNoTracking().SingleOrDefaultAsync(a => a.ProgramId == id, ct) is not { } artwork)
            return Problems.NotFoundResult("artwork for program", id);
        Protect(response, artwork.ContentType);
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

    /// <summary>An uploaded SVG is shown as an image, never as a page that could run anything.</summary>
    public static void Protect(HttpResponse response, string contentType)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        if (contentType == ProgramArtwork.Svg) response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
    }

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

    private static ProblemHttpResult Refused(ArtworkRefusal refusal) => TypedResults.Problem(
        type: Problems.ForStatus(refusal.StatusCode),
        title: refusal.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The image is too large." : "The file is not badge artwork.",
        statusCode: refusal.StatusCode, detail: refusal.Detail);
}
