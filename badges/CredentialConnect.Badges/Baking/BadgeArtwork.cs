using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace CredentialConnect.Badges.Baking;

/// <summary>
/// A plain badge image for a program that has none of its own: a coloured disc with a white ring, the colour derived
/// from the program code, so that the hub can always bake both an SVG and a PNG badge.
/// </summary>
public static class BadgeArtwork
{
    public const int Size = 256;

    private const double OuterRadius = 120;
    private const double RingRadius = 100;
    private const double RingHalfWidth = 4;
    private const int MaxNameCharacters = 28;

    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";

    /// <summary>An SVG badge showing the program code and name, with an accessible title.</summary>
    public static string Svg(string programCode, string programName)
    {
        ArgumentException.ThrowIfNullOrEmpty(programCode);
        ArgumentException.ThrowIfNullOrEmpty(programName);
        var colour = Hex(ColourFor(programCode));
        var name = programName.Length > MaxNameCharacters ? programName[..(MaxNameCharacters - 1)] + "…" : programName;

        var svg = new XElement(SvgNs + "svg",
            new XAttribute("width", Size), new XAttribute("height", Size), new XAttribute("viewBox", $"0 0 {Size} {Size}"),
            new XAttribute("role", "img"), new XAttribute("aria-labelledby", "badge-title"),
            new XElement(SvgNs + "title", new XAttribute("id", "badge-title"), $"{programName} ({programCode})"),
            new XElement(SvgNs + "path", new XAttribute("d", "M78 200 L58 252 L92 238 L108 256 L122 206 Z M178 200 L198 252 L164 238 L148 256 L134 206 Z"),
                new XAttribute("fill", colour), new XAttribute("opacity", "0.8")),
            new XElement(SvgNs + "circle", new XAttribute("cx", 128), new XAttribute("cy", 120), new XAttribute("r", 104), new XAttribute("fill", colour)),
            new XElement(SvgNs + "circle", new XAttribute("cx", 128), new XAttribute("cy", 120), new XAttribute("r", 88),
                new XAttribute("fill", "none"), new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", 6)),
            Text(programCode, 126, 34, "bold"),
            Text(name, 152, 13, "normal"));
        return svg.ToString(SaveOptions.DisableFormatting);

        XElement Text(string value, int y, int fontSize, string weight) => new(SvgNs + "text",
            new XAttribute("x", 128), new XAttribute("y", y), new XAttribute("text-anchor", "middle"),
            new XAttribute("font-family", "DejaVu Sans, Liberation Sans, Arial, sans-serif"),
            new XAttribute("font-size", fontSize), new XAttribute("font-weight", weight), new XAttribute("fill", "#ffffff"), value);
    }

    /// <summary>A 256×256 RGBA PNG: a disc in the program's colour with a white ring, transparent outside.</summary>
    public static byte[] Png(string programCode)
    {
        ArgumentException.ThrowIfNullOrEmpty(programCode);
        var (r, g, b) = ColourFor(programCode);

        const int rowBytes = 1 + Size * 4;
        var pixels = new byte[Size * rowBytes];
        for (var y = 0; y < Size; y++)
        {
            var row = y * rowBytes; // the first byte of each row is its filter type, 0 (none)
            for (var x = 0; x < Size; x++)
            {
                var distance = Math.Sqrt(Math.Pow(x + 0.5 - Size / 2.0, 2) + Math.Pow(y + 0.5 - Size / 2.0, 2));
                var disc = Math.Clamp(OuterRadius - distance + 0.5, 0, 1);
                var ring = Math.Clamp(RingHalfWidth - Math.Abs(distance - RingRadius) + 0.5, 0, 1);
                var pixel = row + 1 + x * 4;
                pixels[pixel] = Blend(r, ring);
                pixels[pixel + 1] = Blend(g, ring);
                pixels[pixel + 2] = Blend(b, ring);
                pixels[pixel + 3] = (byte)Math.Round(disc * 255);
            }
        }

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, Size);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), Size);
        header[8] = 8; // bit depth
        header[9] = 6; // colour type: RGBA; compression, filter and interlace methods stay 0

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) zlib.Write(pixels);

        using var png = new MemoryStream();
        png.Write(PngChunks.Signature);
        PngChunks.Write(png, "IHDR", header);
        PngChunks.Write(png, "IDAT", compressed.ToArray());
        PngChunks.Write(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A stable, fairly dark colour for the program code, light enough to tell programs apart and dark enough for white text.</summary>
    internal static (byte R, byte G, byte B) ColourFor(string programCode)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(programCode.ToUpperInvariant()));
        var hue = BinaryPrimitives.ReadUInt16BigEndian(hash) % 360;
        return FromHsl(hue, 0.55, 0.38);
    }

    private static byte Blend(byte channel, double towardsWhite) => (byte)Math.Round(channel + (255 - channel) * towardsWhite);

    private static string Hex((byte R, byte G, byte B) c) => string.Create(CultureInfo.InvariantCulture, $"#{c.R:x2}{c.G:x2}{c.B:x2}");

    private static (byte, byte, byte) FromHsl(double hue, double saturation, double lightness)
    {
        var chroma = (1 - Math.Abs(2 * lightness - 1)) * saturation;
        var h = hue / 60;
        var x = chroma * (1 - Math.Abs(h % 2 - 1));
        var (r, g, b) = (int)h switch
        {
            0 => (chroma, x, 0.0),
            1 => (x, chroma, 0.0),
            2 => (0.0, chroma, x),
            3 => (0.0, x, chroma),
            4 => (x, 0.0, chroma),
            _ => (chroma, 0.0, x),
        };
        var m = lightness - chroma / 2;
        return (ToByte(r + m), ToByte(g + m), ToByte(b + m));

        static byte ToByte(double v) => (byte)Math.Round(Math.Clamp(v, 0, 1) * 255);
    }
}
