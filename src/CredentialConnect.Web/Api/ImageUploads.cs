using System.Text;
using System.Xml.Linq;
using CredentialConnect.Badges.Baking;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CredentialConnect.Web.Api;

/// <summary>An image read from an upload: its bytes and the content type it is stored under.</summary>
public sealed record UploadedImage(string ContentType, byte[] Content);

/// <summary>
/// Images staff upload (a program's badge artwork, the association's logo): a PNG or an SVG of at most
/// <see cref="MaxBytes"/>, sent as multipart/form-data in the field <c>file</c>, whose bytes are what its type says.
/// An SVG is served from the hub's own origin, so one that could run script is refused.
/// </summary>
public static class ImageUploads
{
    public const string Png = "image/png";
    public const string Svg = "image/svg+xml";
    public const int MaxBytes = 512 * 1024;

    // The multipart envelope around the file: the boundary and the part's headers.
    public const int FormOverheadBytes = 16 * 1024;

    public static readonly string[] ContentTypes = [Png, Svg];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Reads and checks the uploaded image; <paramref name="what"/> names it in refusals ("Badge artwork", "The logo").
    /// Refused: 413 (too large), 415 (not multipart, not a PNG or SVG), 400 (no file, empty, or an SVG that could run script).
    /// </summary>
    public static async Task<(UploadedImage? Image, Results<ValidationProblem, ProblemHttpResult>? Refusal)> ReadAsync(HttpRequest request, string what, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes + FormOverheadBytes) return (null, TooLarge(what, request.ContentLength.Value));
        if (!request.HasFormContentType) return (null, Refused(StatusCodes.Status415UnsupportedMediaType, "Send the image as multipart/form-data in the field 'file'."));

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxBytes + FormOverheadBytes }, ct);
        }
        catch (InvalidDataException)
        {
            return (null, TooLarge(what, request.ContentLength ?? MaxBytes + 1));
        }
        if (form.Files.GetFile("file") is not { } file) return (null, Problems.ValidationFailed("file", "Attach the PNG or SVG image as the form field 'file'."));
        if (file.Length > MaxBytes) return (null, TooLarge(what, file.Length));
        if (file.Length == 0) return (null, Problems.ValidationFailed("file", "The file is empty."));

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
        var fileName = Path.GetFileName(file.FileName);
        var type = TypeOf(file.ContentType, fileName);
        if (type is null)
            return (null, Refused(StatusCodes.Status415UnsupportedMediaType, $"{what} must be a PNG or SVG image; '{fileName}' is {file.ContentType ?? "of no known type"}."));
        if ((type == Png ? PngProblem(content) : SvgProblem(content)) is { } problem)
            return (null, problem.Script ? Problems.ValidationFailed("file", problem.Detail) : Refused(StatusCodes.Status415UnsupportedMediaType, problem.Detail));
        return (new UploadedImage(type, content), null);
    }

    /// <summary>An uploaded SVG is shown as an image, never as a page that could run anything.</summary>
    public static void Protect(HttpResponse response, string contentType)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        if (contentType == Svg) response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
    }

    private static ProblemHttpResult TooLarge(string what, long bytes) =>
        Refused(StatusCodes.Status413PayloadTooLarge, $"{what} must be at most {MaxBytes / 1024} KB; this file is {Math.Ceiling(bytes / 1024.0)} KB.");

    private static ProblemHttpResult Refused(int status, string detail) => TypedResults.Problem(
        type: Problems.ForStatus(status),
        title: status == StatusCodes.Status413PayloadTooLarge ? "The image is too large." : "The file is not a PNG or SVG image.",
        statusCode: status, detail: detail);

    // The part's declared type decides; a generic one (application/octet-stream) falls back to the file's extension.
    private static string? TypeOf(string? declared, string fileName)
    {
        var type = declared?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is Png or Svg) return type;
        if (type is not (null or "" or "application/octet-stream")) return null;
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".png" => Png,
            ".svg" => Svg,
            _ => null,
        };
    }

    private static (string Detail, bool Script)? PngProblem(byte[] content)
    {
        try
        {
            PngBaking.Extract(content);
            return null;
        }
        catch (BadgeFormatException e)
        {
            return ($"The file is not a readable PNG image: {e.Message}", false);
        }
    }

    private static (string Detail, bool Script)? SvgProblem(byte[] content)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
            SvgBaking.Extract(text);
        }
        catch (Exception e) when (e is BadgeFormatException or DecoderFallbackException)
        {
            return ($"The file is not a readable SVG image: {e.Message}", false);
        }
        var unsafeParts = XDocument.Parse(text).Descendants()
            .SelectMany(e => e.Attributes().Where(a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                    || a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)).Select(a => $"attribute {a.Name.LocalName}")
                .Concat(e.Name.LocalName is "script" or "foreignObject" ? [$"element <{e.Name.LocalName}>"] : []))
            .Distinct().ToList();
        return unsafeParts.Count == 0 ? null : ($"An SVG image may not hold script: remove {string.Join(", ", unsafeParts)}.", true);
    }
}
