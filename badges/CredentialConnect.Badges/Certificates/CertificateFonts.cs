using PdfSharp.Fonts;

namespace CredentialConnect.Badges.Certificates;

/// <summary>
/// Resolves the certificate's own font family from the embedded DejaVu Sans, so that a certificate renders the same on
/// any machine. PDFsharp allows one resolver per process: a host that set its own keeps it, and this one becomes the fallback.
/// </summary>
internal sealed class CertificateFonts : IFontResolver
{
    public const string Family = "CredentialConnect Certificate Sans";

    private const string FaceName = "CredentialConnect-DejaVuSans";
    private const string ResourceName = "fonts/DejaVuSans.ttf";

    private static readonly Lock Registration = new();
    private static readonly Lazy<byte[]> FontBytes = new(ReadFont);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        familyName.Equals(Family, StringComparison.OrdinalIgnoreCase) ? new FontResolverInfo(FaceName, bold, italic) : null;

    public byte[]? GetFont(string faceName) => faceName == FaceName ? FontBytes.Value : null;

    /// <summary>Registers the resolver once; safe to call from any thread, any number of times.</summary>
    public static void EnsureRegistered()
    {
        lock (Registration)
        {
            if (GlobalFontSettings.FontResolver is CertificateFonts || GlobalFontSettings.FallbackFontResolver is CertificateFonts) return;
            if (GlobalFontSettings.FontResolver is null)
                GlobalFontSettings.FontResolver = new CertificateFonts();
            else if (GlobalFontSettings.FallbackFontResolver is null)
                GlobalFontSettings.FallbackFontResolver = new CertificateFonts();
            else
                throw new InvalidOperationException(
                    $"PDFsharp already has a font resolver and a fallback resolver; one of them must resolve '{Family}' for certificates.");
        }
    }

    private static byte[] ReadFont()
    {
        using var stream = typeof(CertificateFonts).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded font '{ResourceName}' is missing.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
