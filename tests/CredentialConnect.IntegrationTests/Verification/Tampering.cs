using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using CredentialConnect.Badges.Baking;
using CredentialConnect.Badges.DataIntegrity;

namespace CredentialConnect.IntegrationTests.Verification;

/// <summary>Forged and broken copies of what the hub issues: each must fail verification, and not quietly.</summary>
internal static class Tampering
{
    /// <summary>The badge with its achievement renamed after signing.</summary>
    public static JsonObject RenamedAchievement(JsonObject badge)
    {
        var copy = badge.DeepClone().AsObject();
        copy["credentialSubject"]!["achievement"]!["name"] = "Something grander";
        return copy;
    }

    /// <summary>The badge with one character of its proof value changed.</summary>
    public static JsonObject AlteredProof(JsonObject badge)
    {
        var copy = badge.DeepClone().AsObject();
        var value = copy["proof"]!["proofValue"]!.GetValue<string>();
        copy["proof"]!["proofValue"] = value[..^2] + (value[^2] == 'A' ? 'B' : 'A') + value[^1];
        return copy;
    }

    /// <summary>The badge signed again by a stranger's key that claims to be the issuer's verificationMethod.</summary>
    public static JsonObject SignedByAnotherKey(JsonObject badge)
    {
        var unsigned = badge.DeepClone().AsObject();
        var proof = unsigned["proof"]!.AsObject();
        unsigned.Remove("proof");
        return EddsaRdfc2022.Sign(unsigned, Ed25519KeyPair.Generate(), proof["verificationMethod"]!.GetValue<string>(),
            DateTimeOffset.Parse(proof["created"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The JWT with its payload changed (a later expiry) and the original signature kept.</summary>
    public static string ChangedJwtPayload(string jwt)
    {
        var parts = jwt.Split('.');
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Base64UrlDecode(parts[1])))!.AsObject();
        payload["exp"] = 4102444800;
        return $"{parts[0]}.{Base64UrlEncode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";
    }

    public static byte[] BakedPng(string credential) => PngBaking.Bake(BadgeArtwork.Png("TAMPERED"), credential);

    public static string BakedSvg(string credential) => SvgBaking.Bake(BadgeArtwork.Svg("TAMPERED", "Tampered"), credential);

    /// <summary>A PNG whose openbadgecredential iTXt chunk is zlib-compressed, which baking forbids.</summary>
    public static byte[] CompressedPng(string credential)
    {
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(Encoding.UTF8.GetBytes(credential));
        var data = Encoding.ASCII.GetBytes("openbadgecredential\0\u0001\0\0\0").Concat(compressed.ToArray()).ToArray();
        var image = BadgeArtwork.Png("COMPRESSED");
        const int afterIhdr = 8 + 12 + 13;
        return [.. image[..afterIhdr], .. Chunk("iTXt", data), .. image[afterIhdr..]];
    }

    public static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + (4 - padded.Length % 4) % 4, '='));
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Chunk(string type, byte[] data)
    {
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        var chunk = new byte[4 + typeAndData.Length + 4];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        typeAndData.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4 + typeAndData.Length), Crc32(typeAndData));
        return chunk;
    }

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
