using System.Buffers.Binary;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Security;
using System.Text;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>
/// A program's badge image: a coloured disc with the program code, drawn from the code alone so every copy of a
/// program's badge looks the same. SVG for the web, and a plain PNG to bake into.
/// </summary>
public static class ProgramArtwork
{
    public const int Size = 256;

    public static string Svg(string programCode, string programName)
    {
        var (r, g, b) = Colour(programCode);
        var code = SecurityElement.Escape(programCode);
        var name = SecurityElement.Escape(programName);
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{Size}" height="{Size}" viewBox="0 0 {Size} {Size}" role="img" aria-label="{name}">
              <title>{name}</title>
              <circle cx="128" cy="128" r="120" fill="rgb({r},{g},{b})" stroke="#1f2937" stroke-width="8"/>
              <text x="128" y="142" font-family="sans-serif" font-size="40" font-weight="bold" fill="#ffffff" text-anchor="middle">{code}</text>
            </svg>
            """;
    }

    /// <summary>An RGBA PNG of the disc (no text: PNG drawing stays dependency-free).</summary>
    public static byte[] Png(string programCode)
    {
        var (r, g, b) = Colour(programCode);
        var raw = new byte[Size * (1 + Size * 4)];
        for (var y = 0; y < Size; y++)
        {
            var row = y * (1 + Size * 4); // each row starts with filter type 0
            for (var x = 0; x < Size; x++)
            {
                var (dx, dy) = (x - Size / 2 + 0.5, y - Size / 2 + 0.5);
                var distance = Math.Sqrt(dx * dx + dy * dy);
                var pixel = row + 1 + x * 4;
                if (distance > 124) continue;
                var rim = distance > 114;
                raw[pixel] = rim ? (byte)0x1f : r;
                raw[pixel + 1] = rim ? (byte)0x29 : g;
                raw[pixel + 2] = rim ? (byte)0x37 : b;
                raw[pixel + 3] = 0xff;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Size);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        WriteChunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(raw);
            WriteChunk(png, "IDAT", compressed.ToArray());
        }
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static (byte R, byte G, byte B) Colour(string programCode)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(programCode));
        // Darkened so white text stays readable.
        return ((byte)(hash[0] / 2 + 32), (byte)(hash[1] / 2 + 32), (byte)(hash[2] / 2 + 32));
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typeAndData);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typeAndData));
        png.Write(number);
    }

    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    private static uint Crc32(byte[] bytes)
    {
        var c = 0xffffffffu;
        foreach (var b in bytes) c = CrcTable[(c ^ b) & 0xff] ^ (c >> 8);
        return c ^ 0xffffffffu;
    }
}
