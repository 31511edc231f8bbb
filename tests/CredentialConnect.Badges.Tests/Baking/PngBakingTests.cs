using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using CredentialConnect.Badges.Baking;

namespace CredentialConnect.Badges.Tests.Baking;

public sealed class PngBakingTests
{
    private const string Json = """{"type":["VerifiableCredential","OpenBadgeCredential"],"name":"Ünïcode – ✓"}""";

    private static readonly byte[] Image = BadgeArtwork.Png("CPA");

    [Fact]
    public void Bake_ThenExtract_ReturnsTheCredential()
    {
        var baked = PngBaking.Bake(Image, Json);

        Assert.Equal(Json, PngBaking.Extract(baked));
    }

    [Fact]
    public void Bake_WritesOneUncompressedITxtChunkBeforeIend()
    {
        var baked = PngBaking.Bake(Image, "eyJ.eyJ.sig");

        var chunks = Chunks(baked);
        Assert.Equal(["IHDR", "IDAT", "iTXt", "IEND"], chunks.Select(c => c.Type));
        var data = chunks[2].Data;
        Assert.Equal("openbadgecredential\0\0\0\0\0eyJ.eyJ.sig", Encoding.UTF8.GetString(data));
    }

    [Fact]
    public void Bake_Twice_ReplacesTheEarlierCredential()
    {
        var baked = PngBaking.Bake(PngBaking.Bake(Image, "first"), "second");

        Assert.Equal("second", PngBaking.Extract(baked));
        Assert.Single(Chunks(baked), c => c.Type == "iTXt");
    }

    [Fact]
    public void Bake_KeepsOtherTextChunks()
    {
        var withComment = Insert(Image, Chunk("tEXt", Encoding.ASCII.GetBytes("Comment\0hello")));

        var baked = PngBaking.Bake(withComment, Json);

        Assert.Contains(Chunks(baked), c => c.Type == "tEXt");
        Assert.Equal(Json, PngBaking.Extract(baked));
    }

    [Fact]
    public void Extract_FromAnUnbakedImage_IsNull()
    {
        Assert.Null(PngBaking.Extract(Image));
    }

    [Fact]
    public void Extract_WhenNotAPng_Throws()
    {
        var exception = Assert.Throws<BadgeFormatException>(() => PngBaking.Extract("GIF89a not a png at all"u8.ToArray()));

        Assert.Contains("not a PNG", exception.Message);
    }

    [Theory]
    [InlineData(8)]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(-1)]
    public void Extract_WhenTruncated_Throws(int keep)
    {
        var baked = PngBaking.Bake(Image, Json);
        var truncated = baked[..(keep < 0 ? baked.Length + keep : keep)];

        var exception = Assert.Throws<BadgeFormatException>(() => PngBaking.Extract(truncated));

        Assert.Contains("truncated", exception.Message);
    }

    [Fact]
    public void Extract_WhenAChunkCrcIsWrong_Throws()
    {
        var baked = PngBaking.Bake(Image, Json);
        baked[^20] ^= 0x01; // inside the iTXt text

        var exception = Assert.Throws<BadgeFormatException>(() => PngBaking.Extract(baked));

        Assert.Contains("bad CRC", exception.Message);
    }

    [Fact]
    public void Extract_WhenIhdrIsMissing_Throws()
    {
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        png.Write(Chunk("IDAT", [1, 2, 3]));
        png.Write(Chunk("IEND", []));

        var exception = Assert.Throws<BadgeFormatException>(() => PngBaking.Extract(png.ToArray()));

        Assert.Contains("IHDR", exception.Message);
    }

    [Fact]
    public void Extract_WhenTheCredentialChunkIsCompressed_Throws()
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(Encoding.UTF8.GetBytes(Json));
        var data = Encoding.ASCII.GetBytes("openbadgecredential\0\u0001\0\0\0").Concat(compressed.ToArray()).ToArray();

        var exception = Assert.Throws<BadgeFormatException>(() => PngBaking.Extract(Insert(Image, Chunk("iTXt", data))));

        Assert.Equal("compressed iTXt is not allowed in a baked badge", exception.Message);
    }

    [Fact]
    public void Extract_WhenTwoCredentialChunks_Throws()
    {
        var data = Encoding.ASCII.GetBytes("openbadgecredential\0\0\0\0\0x");
        var twice = Insert(Insert(Image, Chunk("iTXt", data)), Chunk("iTXt", data));

        Assert.Throws<BadgeFormatException>(() => PngBaking.Extract(twice));
    }

    [Fact]
    public void Extract_WhenChunkLengthClaimsMoreThanTheFile_Throws()
    {
        var baked = PngBaking.Bake(Image, Json);
        BinaryPrimitives.WriteUInt32BigEndian(baked.AsSpan(8), 0x7FFFFFF0);

        var exception = Assert.Throws<BadgeFormatException>(() => PngBaking.Extract(baked));

        Assert.Contains("truncated", exception.Message);
    }

    [Fact]
    public void Extract_WhenTheImageIsHuge_ThrowsBeforeReadingIt()
    {
        var huge = new byte[PngBaking.MaxImageBytes + 1];
        Image.CopyTo(huge, 0);

        var exception = Assert.Throws<BadgeFormatException>(() => PngBaking.Extract(huge));

        Assert.Contains("larger than", exception.Message);
    }

    [Fact]
    public void Bake_WhenTheCredentialIsHuge_Throws()
    {
        Assert.Throws<BadgeFormatException>(() => PngBaking.Bake(Image, new string('x', PngBaking.MaxCredentialBytes + 1)));
    }

    [Fact]
    public void Bake_WhenNotAPng_Throws()
    {
        Assert.Throws<BadgeFormatException>(() => PngBaking.Bake("<svg/>"u8, Json));
    }

    internal static List<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[])>();
        for (var offset = 8; offset < png.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            chunks.Add((Encoding.ASCII.GetString(png, offset + 4, 4), png[(offset + 8)..(offset + 8 + length)]));
            offset += 12 + length;
        }

        return chunks;
    }

    private static byte[] Insert(byte[] png, byte[] chunk)
    {
        const int afterIhdr = 8 + 12 + 13;
        return [.. png[..afterIhdr], .. chunk, .. png[afterIhdr..]];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new MemoryStream();
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        chunk.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        chunk.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        chunk.Write(crc);
        return chunk.ToArray();
    }

    // An independent CRC-32 (bitwise, no table) so the tests do not check the code with itself.
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }

        return ~crc;
    }
}
