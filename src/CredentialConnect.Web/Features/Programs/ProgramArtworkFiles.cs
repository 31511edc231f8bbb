using System.Text;
using System.Xml.Linq;
using CredentialConnect.Badges.Baking;

namespace CredentialConnect.Web.Features.Programs;

/// <summary>Why an artwork upload is refused: 413 (too large), 415 (not a PNG or SVG) or 400 (an SVG that could run script).</summary>
public sealed record ArtworkRefusal(int StatusCode, string Detail);

/// <summary>
/// Which uploads may become badge artwork: a PNG or an SVG of at most <see cref="MaxBytes"/>, whose bytes are what its
/// type says. An SVG is served from the hub's own origin, so one that could run script is refused.
/// </summary>
public static class ProgramArtworkFiles
{
    public const int MaxBytes = 512 * 1024;

    public static readonly string[] ContentTypes = [ProgramArtwork.Png, ProgramArtwork.Svg];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The content type the artwork is stored under, or why it is refused.</summary>
    public static (string? ContentType, ArtworkRefusal? Refusal) Check(string? declaredType, string fileName, byte[] content)
    {
        if (content.Length > MaxBytes) return (null, TooLarge(content.Length));
        var type = TypeOf(declaredType, fileName);
        if (type is null)
            return (null, new(StatusCodes.Status415UnsupportedMediaType,
                $"Badge artwork must be a PNG or SVG image; '{fileName}' is {declaredType ?? "of no known type"}."));
        var problem = type == ProgramArtwork.Png ? CheckPng(content) : CheckSvg(content);
        return problem is null ? (type, null) : (null, problem);
    }

    public static ArtworkRefusal TooLarge(long bytes) => new(StatusCodes.Status413PayloadTooLarge,
        $"Badge artwork must be at most {MaxBytes / 1024} KB; this file is {Math.Ceiling(bytes / 1024.0)} KB.");

    // The part's declared type decides; a generic one (application/octet-stream) falls back to the file's extension.
    private static string? TypeOf(string? declared, string fileName)
    {
        var type = declared?.Split(';')[0].Trim().ToLowerInvariant();
        if (type is ProgramArtwork.Png or ProgramArtwork.Svg) return type;
        if (type is not (null or "" or "application/octet-stream")) return null;
        return Path.GetExtension(fileName).ToLowerInvariant() switch
        {
            ".png" => ProgramArtwork.Png,
            ".svg" => ProgramArtwork.Svg,
            _ => null,
        };
    }

    private static ArtworkRefusal? CheckPng(byte[] content)
    {
        try
        {
            PngBaking.Extract(content);
            return null;
        }
        catch (BadgeFormatException e)
        {
            return new(StatusCodes.Status415UnsupportedMediaType, $"The file is not a readable PNG image: {e.Message}");
        }
    }

    private static ArtworkRefusal? CheckSvg(byte[] content)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(content);
            SvgBaking.Extract(text);
        }
        catch (Exception e) when (e is BadgeFormatException or DecoderFallbackException)
        {
            return new(StatusCodes.Status415UnsupportedMediaType, $"The file is not a readable SVG image: {e.Message}");
        }
        var unsafeParts = XDocument.Parse(text).Descendants()
            .SelectMany(e => e.Attributes().Where(a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)
                    || a.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase)).Select(a => $"attribute {a.Name.LocalName}")
                .Concat(e.Name.LocalName is "script" or "foreignObject" ? [$"element <{e.Name.LocalName}>"] : []))
            .Distinct().ToList();
        return unsafeParts.Count == 0 ? null
            : new(StatusCodes.Status400BadRequest, $"SVG artwork may not hold script: remove {string.Join(", ", unsafeParts)}.");
    }
}
