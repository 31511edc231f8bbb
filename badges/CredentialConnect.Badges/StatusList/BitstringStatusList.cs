using CredentialConnect.Badges.Multiformats;
using System.IO.Compression;

namespace CredentialConnect.Badges.StatusList;

/// <summary>
/// A W3C Bitstring Status List: bit <c>i</c> is the credential with <c>statusListIndex</c> i (0 is the most
/// significant bit of the first byte). Encoded as GZIP, then multibase base64url (<c>u…</c>).
/// </summary>
public sealed class BitstringStatusList
{
    /// <summary>The smallest list the specification allows, which also hides which credential changed.</summary>
    public const int MinimumLength = 131_072;

    /// <summary>A decoded list larger than this is refused: a few kilobytes of GZIP must not become gigabytes.</summary>
    public const int MaxDecodedBytes = 16 * 1024 * 1024;

    private const char Base64UrlPrefix = 'u';

    private readonly byte[] _bits;

    /// <param name="length">The number of entries: at least <see cref="MinimumLength"/>, a whole number of bytes.</param>
    public BitstringStatusList(int length = MinimumLength)
    {
        if (length < MinimumLength) throw new ArgumentOutOfRangeException(nameof(length), length, $"A status list has at least {MinimumLength} entries.");
        if (length % 8 != 0) throw new ArgumentOutOfRangeException(nameof(length), length, "A status list has a whole number of bytes.");
        if (length / 8 > MaxDecodedBytes) throw new ArgumentOutOfRangeException(nameof(length), length, $"A status list has at most {MaxDecodedBytes * 8L} entries.");
        _bits = new byte[length / 8];
    }

    private BitstringStatusList(byte[] bits) => _bits = bits;

    public int Length => _bits.Length * 8;

    public bool this[int index]
    {
        get => (_bits[ByteOf(index)] & Mask(index)) != 0;
        set
        {
            if (value) _bits[ByteOf(index)] |= Mask(index);
            else _bits[ByteOf(index)] &= (byte)~Mask(index);
        }
    }

    /// <summary>The <c>encodedList</c> value.</summary>
    public string Encode()
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(_bits);
        }

        return Multibase.EncodeBase64Url(compressed.ToArray());
    }

    /// <summary>Decodes an <c>encodedList</c>; throws <see cref="FormatException"/> on a malformed one.</summary>
    public static BitstringStatusList Decode(string encodedList)
    {
        if (string.IsNullOrEmpty(encodedList) || encodedList[0] != Base64UrlPrefix)
            throw new FormatException("An encodedList is multibase base64url and starts with 'u'.");
        if (encodedList.Length > MaxDecodedBytes)
            throw new FormatException($"An encodedList is at most {MaxDecodedBytes} characters.");

        var compressed = StrictBase64Url.TryDecode(encodedList.AsSpan(1))
            ?? throw new FormatException("An encodedList is unpadded base64url after its 'u'.");
        if (compressed is not [0x1f, 0x8b, ..]) throw new FormatException("An encodedList is GZIP-compressed; this one is not.");

        var bits = Decompress(compressed);
        if (bits.Length * 8L < MinimumLength)
            throw new FormatException($"The status list has {bits.Length * 8} entries; a status list has at least {MinimumLength}.");
        return new BitstringStatusList(bits);
    }

    private static byte[] Decompress(byte[] compressed)
    {
        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var bits = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                if (bits.Length + read > MaxDecodedBytes)
                    throw new FormatException($"The status list decompresses to more than {MaxDecodedBytes} bytes.");
                bits.Write(buffer, 0, read);
            }

            return bits.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new FormatException("The encodedList is not valid GZIP data.", e);
        }
    }

    private int ByteOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Length);
        return index / 8;
    }

    private static byte Mask(int index) => (byte)(0x80 >> (index % 8));
}
