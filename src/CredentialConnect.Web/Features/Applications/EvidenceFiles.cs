namespace CredentialConnect.Web.Features.Applications;

/// <summary>A kind of file the hub accepts as evidence: its media type, the extensions it goes by, and how its bytes begin.</summary>
public sealed record EvidenceKind(string Name, string ContentType, string[] Extensions, byte[] Signature);

/// <summary>
/// Decides whether an upload is evidence the hub keeps. The bytes decide what a file is; the name and the declared
/// type must then say the same thing, so a renamed program or a mislabelled image is refused before it is stored.
/// </summary>
public static class EvidenceFiles
{
    public static readonly IReadOnlyList<EvidenceKind> Accepted =
    [
        new("PDF", "application/pdf", [".pdf"], "%PDF-"u8.ToArray()),
        new("PNG", "image/png", [".png"], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        new("JPEG", "image/jpeg", [".jpg", ".jpeg"], [0xFF, 0xD8, 0xFF]),
    ];

    private static readonly Dictionary<string, string> ContentTypeAliases = new(StringComparer.OrdinalIgnoreCase) { ["image/jpg"] = "image/jpeg", ["image/pjpeg"] = "image/jpeg" };

    /// <summary>What the bytes are, by their signature; null when they are none of the accepted kinds.</summary>
    public static EvidenceKind? Sniff(ReadOnlySpan<byte> content)
    {
        foreach (var kind in Accepted)
            if (content.StartsWith(kind.Signature)) return kind;
        return null;
    }

    /// <summary>
    /// The kind of an upload whose content, file name and declared type agree; otherwise a message saying what
    /// disagrees, for a 415.
    /// </summary>
    public static (EvidenceKind? Kind, string? Problem) Recognise(ReadOnlySpan<byte> content, string fileName, string? declaredType)
    {
        var accepted = string.Join(", ", Accepted.Select(k => k.Name));
        if (Sniff(content) is not { } kind)
            return (null, $"'{fileName}' is not a {accepted} file: its content is none of them, whatever its name says. Evidence must be {accepted}.");

        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!kind.Extensions.Contains(extension))
            return (null, $"'{fileName}' holds a {kind.Name} but is named {(extension.Length > 0 ? extension : "without an extension")}; name it {kind.Extensions[0]}.");

        var declared = MediaTypeOf(declaredType);
        if (declared != kind.ContentType)
            return (null, $"'{fileName}' holds a {kind.Name} but was sent as {(declared.Length > 0 ? declared : "no content type")}; send it as {kind.ContentType}.");
        return (kind, null);
    }

    private static string MediaTypeOf(string? declaredType)
    {
        var mediaType = (declaredType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return ContentTypeAliases.GetValueOrDefault(mediaType, mediaType);
    }
}
