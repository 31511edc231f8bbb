using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using CredentialConnect.Badges.Certificates;

namespace CredentialConnect.Badges.Tests.Certificates;

public sealed class CertificatePdfTests
{
    private static readonly CertificateContent Content = new(
        "Ada Lovelace", "Certified Practice Associate", "CPA-2025-000123", "Example Association",
        new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2028, 3, 1, 0, 0, 0, TimeSpan.Zero),
        new Uri("https://hub.example.org/verify/CPA-2025-000123"));

    [Fact]
    public void Render_WritesAOnePageLandscapePdf()
    {
        var pdf = Encoding.Latin1.GetString(CertificatePdf.Render(Content));

        Assert.StartsWith("%PDF-", pdf);
        Assert.Single(Regex.Matches(pdf, @"/Type\s*/Page\b"));
        var box = Regex.Match(pdf, @"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]");
        Assert.True(box.Success);
        Assert.True(double.Parse(box.Groups[1].Value) > double.Parse(box.Groups[2].Value), "landscape");
    }

    [Fact]
    public void Render_DrawsTheCredentialNumberDatesAndVerificationUrlAsText()
    {
        var text = PageText(CertificatePdf.Render(Content));

        Assert.Contains("(Credential number CPA-2025-000123)", text);
        Assert.Contains("(https://hub.example.org/verify/CPA-2025-000123)", text);
        Assert.Contains("1 March 2025", text);
        Assert.Contains("Valid until 1 March 2028", text);
        Assert.Contains("(This certifies that)", text);
    }

    [Fact]
    public void Render_WithoutValidUntil_SaysNoExpiry()
    {
        var text = PageText(CertificatePdf.Render(Content with { ValidUntil = null }));

        Assert.Contains("No expiry date", text);
        Assert.DoesNotContain("Valid until", text);
    }

    [Fact]
    public void Render_LinksToTheVerificationUrlAndEmbedsItsFont()
    {
        var pdf = Encoding.Latin1.GetString(CertificatePdf.Render(Content));

        Assert.Matches(@"/URI\s*\(https://hub\.example\.org/verify/CPA-2025-000123\)", pdf);
        Assert.Contains("/FontFile2", pdf);
    }

    [Fact]
    public void Render_DrawsTheQrCodeAsManyFilledRectangles()
    {
        var text = PageText(CertificatePdf.Render(Content));

        Assert.True(Regex.Matches(text, @" re\b").Count > 100, "a QR code of this URL has well over 100 runs of dark modules");
    }

    [Fact]
    public void Render_WithANonLatinName_StillRenders()
    {
        var pdf = CertificatePdf.Render(Content with { MemberName = "Zoë Ångström-Łukasiewicz Дмитрий" });

        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(pdf));
    }

    [Fact]
    public void Render_FromManyThreadsAtOnce_RegistersTheFontOnce()
    {
        var pdfs = new byte[8][];

        Parallel.For(0, pdfs.Length, i => pdfs[i] = CertificatePdf.Render(Content with { CredentialNumber = $"N-{i}" }));

        Assert.All(pdfs, pdf => Assert.StartsWith("%PDF-", Encoding.Latin1.GetString(pdf)));
    }

    // The page content streams, inflated: PDFsharp compresses them, and text in WinAnsi is written as (literal) strings.
    private static string PageText(byte[] pdf)
    {
        var text = new StringBuilder();
        var raw = Encoding.Latin1.GetString(pdf);
        foreach (Match match in Regex.Matches(raw, @"(?<!end)stream\r?\n"))
        {
            var start = match.Index + match.Length;
            var end = raw.IndexOf("endstream", start, StringComparison.Ordinal);
            try
            {
                using var zlib = new ZLibStream(new MemoryStream(pdf, start, end - start), CompressionMode.Decompress);
                using var reader = new StreamReader(zlib, Encoding.Latin1);
                text.Append(reader.ReadToEnd());
            }
            catch (InvalidDataException)
            {
                // not a Flate stream (an uncompressed one, or the embedded font's own framing)
            }
        }

        return text.ToString();
    }
}
