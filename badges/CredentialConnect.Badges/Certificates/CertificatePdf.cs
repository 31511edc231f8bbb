using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace CredentialConnect.Badges.Certificates;

/// <summary>What a printed certificate shows.</summary>
public sealed record CertificateContent(
    string MemberName, string ProgramName, string CredentialNumber, string IssuerName,
    DateTimeOffset IssuedAt, DateTimeOffset? ValidUntil, Uri VerificationUrl);

/// <summary>A one-page PDF certificate with a QR code to the verification page.</summary>
public static class CertificatePdf
{
    private const double Margin = 36;
    private const double QrSize = 120;

    private static readonly XColor Ink = XColor.FromArgb(0x1f, 0x2a, 0x44);
    private static readonly XColor Accent = XColor.FromArgb(0xb0, 0x8d, 0x3c);

    public static byte[] Render(CertificateContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        CertificateFonts.EnsureRegistered();

        using var document = new PdfDocument();
        document.Info.Title = $"Certificate {content.CredentialNumber}";
        document.Info.Subject = $"{content.ProgramName} awarded to {content.MemberName}";
        document.Info.Author = content.IssuerName;
        document.Info.Creator = "CredentialConnect";
        document.Info.CreationDate = content.IssuedAt.UtcDateTime;

        var page = document.AddPage();
        page.Size = PageSize.A4;
        page.Orientation = PageOrientation.Landscape;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            Draw(graphics, page, content);
        }

        using var pdf = new MemoryStream();
        document.Save(pdf, closeStream: false);
        return pdf.ToArray();
    }

    private static void Draw(XGraphics g, PdfPage page, CertificateContent content)
    {
        var width = page.Width.Point;
        var height = page.Height.Point;
        var ink = new XSolidBrush(Ink);
        g.DrawRectangle(new XPen(Accent, 4), Margin / 2, Margin / 2, width - Margin, height - Margin);
        g.DrawRectangle(new XPen(Ink, 1), Margin / 2 + 8, Margin / 2 + 8, width - Margin - 16, height - Margin - 16);

        var textWidth = width - 4 * Margin;
        var y = 80.0;
        y = Centred(g, content.IssuerName, 22, bold: true, ink, width, textWidth, y) + 30;
        y = Centred(g, "This certifies that", 16, bold: false, ink, width, textWidth, y) + 16;
        y = Centred(g, content.MemberName, 36, bold: true, new XSolidBrush(Accent), width, textWidth, y) + 18;
        y = Centred(g, "has earned the credential", 16, bold: false, ink, width, textWidth, y) + 12;
        y = Centred(g, content.ProgramName, 26, bold: true, ink, width, textWidth, y) + 30;

        var validity = content.ValidUntil is { } until ? $"Valid until {Date(until)}" : "No expiry date";
        y = Centred(g, $"Credential number {content.CredentialNumber}", 13, bold: false, ink, width, textWidth, y) + 6;
        Centred(g, $"Issued {Date(content.IssuedAt)} · {validity}", 13, bold: false, ink, width, textWidth, y);

        var url = content.VerificationUrl.AbsoluteUri;
        var qrLeft = width - 2 * Margin - QrSize;
        var qrTop = height - 2 * Margin - QrSize;
        DrawQrCode(g, url, qrLeft, qrTop);
        page.AddWebLink(new PdfSharp.Pdf.PdfRectangle(g.Transformer.WorldToDefaultPage(new XRect(qrLeft, qrTop, QrSize, QrSize))), url);

        var small = new XFont(CertificateFonts.Family, 10, XFontStyleEx.Regular);
        g.DrawString("Verify this certificate at", small, ink, new XPoint(2 * Margin, height - 2 * Margin - 18));
        g.DrawString(url, small, ink, new XPoint(2 * Margin, height - 2 * Margin - 4));
    }

    // Draws one line centred, shrinking the font until it fits; returns the baseline's y.
    private static double Centred(XGraphics g, string text, double size, bool bold, XBrush brush, double pageWidth, double maxWidth, double top)
    {
        var style = bold ? XFontStyleEx.Bold : XFontStyleEx.Regular;
        var font = new XFont(CertificateFonts.Family, size, style);
        while (g.MeasureString(text, font).Width > maxWidth && size > 8)
        {
            size -= 1;
            font = new XFont(CertificateFonts.Family, size, style);
        }

        var baseline = top + size;
        g.DrawString(text, font, brush, new XPoint(pageWidth / 2, baseline), XStringFormats.BaseLineCenter);
        return baseline;
    }

    // The QR code is drawn as rectangles, one per run of dark modules in a row: vector, sharp at any zoom, no image decoding.
    private static void DrawQrCode(XGraphics g, string url, double left, double top)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = QrSize / matrix.Count;
        g.DrawRectangle(XBrushes.White, left, top, QrSize, QrSize);
        for (var row = 0; row < matrix.Count; row++)
        {
            var column = 0;
            while (column < matrix.Count)
            {
                if (!matrix[row][column]) { column++; continue; }
                var start = column;
                while (column < matrix.Count && matrix[row][column]) column++;
                g.DrawRectangle(XBrushes.Black, left + start * module, top + row * module, (column - start) * module, module + 0.01);
            }
        }
    }

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
