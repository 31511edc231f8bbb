using System.Text;

namespace CredentialConnect.Badges.Baking;

/// <summary>Open Badges 3.0 baked PNG: an uncompressed <c>iTXt</c> chunk keyed <c>openbadgecredential</c>.</summary>
public static class PngBaking
{
    public const string Keyword = "openbadgecredential";

    /// <summary>Larger images are refused before they are read.</summary>
    public const int MaxImageBytes = 32 * 1024 * 1024;

    /// <summary>The largest credential baked or extracted: a credential with an embedded image stays well under it.</summary>
    public const int MaxCredentialBytes = 8 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] KeywordBytes = Encoding.ASCII.GetBytes(Keyword);

    /// <summary>The image with the credential (JSON or a compact JWT) baked in, replacing any earlier one.</summary>
    public static byte[] Bake(ReadOnlySpan<byte> png, string credential)
    {
        ArgumentException.ThrowIfNullOrEmpty(credential);
        var text = StrictUtf8.GetBytes(credential);
        if (text.Length > MaxCredentialBytes) throw new BadgeFormatException($"The credential is larger than {MaxCredentialBytes} bytes.");
        var chunks = ReadChunks(png);

        using var output = new MemoryStream(png.Length + text.Length + 64);
        output.Write(PngChunks.Signature);
        foreach (var chunk in chunks)
        {
            if (IsCredentialChunk(png, chunk)) continue;
            if (chunk.Type == "IEND") PngChunks.Write(output, "iTXt", CredentialChunkData(text));
            output.Write(png.Slice(chunk.Start, chunk.TotalLength));
        }

        return output.ToArray();
    }

    /// <summary>The baked credential, or null when the PNG has none; throws <see cref="BadgeFormatException"/> on a malformed PNG or a compressed chunk.</summary>
    public static string? Extract(ReadOnlySpan<byte> png)
    {
        var baked = new List<PngChunk>();
        foreach (var chunk in ReadChunks(png))
        {
            if (IsCredentialChunk(png, chunk)) baked.Add(chunk);
        }

        if (baked.Count == 0) return null;
        if (baked.Count > 1) throw new BadgeFormatException("The PNG has more than one openbadgecredential chunk.");
        return ReadCredential(png.Slice(baked[0].DataOffset, baked[0].DataLength));
    }

    private static List<PngChunk> ReadChunks(ReadOnlySpan<byte> png)
    {
        if (png.Length > MaxImageBytes) throw new BadgeFormatException($"The PNG is larger than {MaxImageBytes} bytes.");
        return PngChunks.Read(png);
    }

    private static bool IsCredentialChunk(ReadOnlySpan<byte> png, PngChunk chunk)
    {
        if (chunk.Type != "iTXt") return false;
        var data = png.Slice(chunk.DataOffset, chunk.DataLength);
        return data.Length > KeywordBytes.Length && data.StartsWith(KeywordBytes) && data[KeywordBytes.Length] == 0;
    }

    // iTXt: keyword NUL, compression flag, compression method, language tag NUL, translated keyword NUL, text.
    private static byte[] CredentialChunkData(byte[] text)
    {
        var data = new byte[KeywordBytes.Length + 5 + text.Length];
        KeywordBytes.CopyTo(data, 0);
        text.CopyTo(data, KeywordBytes.Length + 5);
        return data;
    }

    private static string ReadCredential(ReadOnlySpan<byte> data)
    {
        var rest = data[(KeywordBytes.Length + 1)..];
        if (rest.Length < 2) throw new BadgeFormatException("The openbadgecredential chunk is truncated.");
        if (rest[0] != 0) throw new BadgeFormatException("compressed iTXt is not allowed in a baked badge");
        if (rest[1] != 0) throw new BadgeFormatException("The openbadgecredential chunk names a compression method.");

        rest = rest[2..];
        for (var field = 0; field < 2; field++)
        {
            var end = rest.IndexOf((byte)0);
            if (end < 0) throw new BadgeFormatException("The openbadgecredential chunk is truncated.");
            rest = rest[(end + 1)..];
        }

        if (rest.Length == 0) throw new BadgeFormatException("The openbadgecredential chunk is empty.");
        if (rest.Length > MaxCredentialBytes) throw new BadgeFormatException($"The baked credential is larger than {MaxCredentialBytes} bytes.");
        try
        {
            return StrictUtf8.GetString(rest);
        }
        catch (DecoderFallbackException)
        {
            throw new BadgeFormatException("The baked credential is not UTF-8 text.");
        }
    }
}
