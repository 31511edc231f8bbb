using System.Buffers.Text;
using System.IO.Compression;
using CredentialConnect.Badges.StatusList;

namespace CredentialConnect.Badges.Tests.StatusList;

public sealed class BitstringStatusListTests
{
    [Theory]
    [InlineData(0, 0, 0x80)]
    [InlineData(7, 0, 0x01)]
    [InlineData(8, 1, 0x80)]
    [InlineData(131_071, 16_383, 0x01)]
    public void SettingABit_SetsThatBitInMostSignificantFirstOrder(int index, int byteIndex, int mask)
    {
        var list = new BitstringStatusList();

        list[index] = true;

        var bytes = Unpack(list.Encode());
        Assert.Equal(mask, bytes[byteIndex]);
        Assert.Equal(1, bytes.Sum(b => System.Numerics.BitOperations.PopCount(b)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(131_071)]
    public void EncodeThenDecode_KeepsTheBitAndOnlyThatBit(int index)
    {
        var list = new BitstringStatusList { [index] = true };

        var decoded = BitstringStatusList.Decode(list.Encode());

        Assert.True(decoded[index]);
        Assert.Equal(1, Enumerable.Range(0, decoded.Length).Count(i => decoded[i]));
    }

    [Fact]
    public void ClearingABit_FlipsItBack()
    {
        var list = new BitstringStatusList { [42] = true };

        list[42] = false;

        Assert.False(BitstringStatusList.Decode(list.Encode())[42]);
    }

    [Fact]
    public void Encode_OfAnEmptyMinimumList_IsShortMultibaseBase64UrlWithoutPadding()
    {
        var encoded = new BitstringStatusList().Encode();

        Assert.StartsWith("u", encoded);
        Assert.DoesNotContain("=", encoded);
        Assert.DoesNotContain("+", encoded);
        Assert.DoesNotContain("/", encoded);
        Assert.InRange(encoded.Length, 20, 200); // 16 KiB of zeros compresses to a few dozen bytes
        Assert.Equal(BitstringStatusList.MinimumLength / 8, Unpack(encoded).Length);
    }

    [Fact]
    public void Decode_KeepsTheLengthOfALongerList()
    {
        var list = new BitstringStatusList(2 * BitstringStatusList.MinimumLength) { [262_143] = true };

        var decoded = BitstringStatusList.Decode(list.Encode());

        Assert.Equal(262_144, decoded.Length);
        Assert.True(decoded[262_143]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(131_072)]
    public void Indexer_OutsideTheList_Throws(int index)
    {
        var list = new BitstringStatusList();

        Assert.Throws<ArgumentOutOfRangeException>(() => list[index]);
    }

    [Theory]
    [InlineData(131_064)]
    [InlineData(131_073)]
    public void Constructor_ShorterThanTheMinimumOrNotWholeBytes_Throws(int length)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BitstringStatusList(length));
    }

    [Theory]
    [InlineData("")]
    [InlineData("z3yMhk")]
    [InlineData("H4sIAAAAAAAA")]
    public void Decode_WithoutTheBase64UrlPrefix_Throws(string encoded)
    {
        Assert.Throws<FormatException>(() => BitstringStatusList.Decode(encoded));
    }

    [Fact]
    public void Decode_WithPaddingOrStandardBase64_Throws()
    {
        var encoded = new BitstringStatusList().Encode();

        Assert.Throws<FormatException>(() => BitstringStatusList.Decode(encoded + "=="));
        Assert.Throws<FormatException>(() => BitstringStatusList.Decode("u" + "ab+/"));
    }

    [Fact]
    public void Decode_WhenNotGzip_Throws()
    {
        var raw = new byte[BitstringStatusList.MinimumLength / 8];

        var exception = Assert.Throws<FormatException>(() => BitstringStatusList.Decode("u" + Base64Url.EncodeToString(raw)));

        Assert.Contains("GZIP", exception.Message);
    }

    [Fact]
    public void Decode_WhenGzipIsCorrupt_Throws()
    {
        var compressed = Base64Url.DecodeFromChars(new BitstringStatusList { [5] = true }.Encode().AsSpan(1));
        compressed[12] ^= 0xFF;
        compressed[13] ^= 0xFF;

        Assert.Throws<FormatException>(() => BitstringStatusList.Decode("u" + Base64Url.EncodeToString(compressed)));
    }

    [Fact]
    public void Decode_WhenListIsShorterThanTheMinimum_Throws()
    {
        var exception = Assert.Throws<FormatException>(() => BitstringStatusList.Decode(Pack(new byte[1024])));

        Assert.Contains("at least 131072", exception.Message);
    }

    [Fact]
    public void Decode_WhenGzipExpandsBeyond16Megabytes_Throws()
    {
        var bomb = Pack(new byte[BitstringStatusList.MaxDecodedBytes + 1]);

        var exception = Assert.Throws<FormatException>(() => BitstringStatusList.Decode(bomb));

        Assert.True(bomb.Length < 100_000, "the bomb is small compressed");
        Assert.Contains("more than", exception.Message);
    }

    private static string Pack(byte[] bits)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true)) gzip.Write(bits);
        return "u" + Base64Url.EncodeToString(compressed.ToArray());
    }

    private static byte[] Unpack(string encoded)
    {
        Assert.StartsWith("u", encoded);
        using var gzip = new GZipStream(new MemoryStream(Base64Url.DecodeFromChars(encoded.AsSpan(1))), CompressionMode.Decompress);
        using var bits = new MemoryStream();
        gzip.CopyTo(bits);
        return bits.ToArray();
    }
}
