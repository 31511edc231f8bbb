using System.Buffers.Binary;
using System.Text;

namespace CredentialConnect.Badges.Baking;

/// <summary>One chunk of a PNG file: its four-letter type and where its data lies in the file.</summary>
internal readonly record struct PngChunk(string Type, int Start, int DataOffset, int DataLength)
{
    /// <summary>The whole chunk: length, type, data and CRC.</summary>
    public int TotalLength => DataLength + 12;
}

/// <summary>Reads and writes PNG chunks, checking each CRC; shared by baking and by the drawn artwork.</summary>
internal static class PngChunks
{
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Every chunk from IHDR to IEND; throws <see cref="BadgeFormatException"/> on anything malformed.</summary>
    public static List<PngChunk> Read(ReadOnlySpan<byte> png)
    {
        if (!png.StartsWith(Signature)) throw new BadgeFormatException("The file is not a PNG image (its signature is missing).");

        var chunks = new List<PngChunk>();
        var offset = Signature.Length;
        while (true)
        {
            if (png.Length - offset < 12) throw new BadgeFormatException("The PNG is truncated: it ends before its IEND chunk.");
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
            if (length > int.MaxValue || length > png.Length - offset - 12)
                throw new BadgeFormatException("The PNG is truncated: a chunk is longer than what is left of the file.");

            var typeBytes = png.Slice(offset + 4, 4);
            foreach (var b in typeBytes)
            {
                if (b is not (>= (byte)'A' and <= (byte)'Z' or >= (byte)'a' and <= (byte)'z'))
                    throw new BadgeFormatException("The PNG has a chunk whose type is not four letters.");
            }

            var chunk = new PngChunk(Encoding.ASCII.GetString(typeBytes), offset, offset + 8, (int)length);
            var stored = BinaryPrimitives.ReadUInt32BigEndian(png[(chunk.DataOffset + chunk.DataLength)..]);
            if (stored != Crc32.Compute(png.Slice(offset + 4, 4 + chunk.DataLength)))
                throw new BadgeFormatException($"The PNG chunk {chunk.Type} at byte {offset} has a bad CRC.");

            if (chunks.Count == 0 && chunk.Type != "IHDR") throw new BadgeFormatException("The PNG does not start with an IHDR chunk.");
            chunks.Add(chunk);
            offset += chunk.TotalLength;
            if (chunk.Type == "IEND") return chunks;
        }
    }

    public static void Write(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        output.Write(word);

        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData.AsSpan(4));
        output.Write(typeAndData);

        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute(typeAndData));
        output.Write(word);
    }
}

/// <summary>The CRC-32 of PNG (ISO 3309, polynomial 0xEDB88320).</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }

        return table;
    }
}
