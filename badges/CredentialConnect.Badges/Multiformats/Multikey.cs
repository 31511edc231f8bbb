namespace CredentialConnect.Badges.Multiformats;

/// <summary>Ed25519 public keys as Multikey <c>publicKeyMultibase</c> values (multicodec 0xed01, base58btc).</summary>
public static class Multikey
{
    // The multicodec code for ed25519-pub, 0xed, as an unsigned varint.
    private static readonly byte[] Ed25519PublicPrefix = [0xed, 0x01];

    public static string EncodeEd25519PublicKey(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != 32) throw new ArgumentException("An Ed25519 public key is 32 bytes.", nameof(publicKey));
        Span<byte> buffer = stackalloc byte[34];
        Ed25519PublicPrefix.CopyTo(buffer);
        publicKey.CopyTo(buffer[2..]);
        return Multibase.EncodeBase58Btc(buffer);
    }

    /// <summary>The 32 raw key bytes; throws <see cref="FormatException"/> when the value is not an Ed25519 Multikey.</summary>
    public static byte[] DecodeEd25519PublicKey(string publicKeyMultibase)
    {
        var bytes = Multibase.DecodeBase58Btc(publicKeyMultibase);
        if (bytes.Length != 34 || bytes[0] != Ed25519PublicPrefix[0] || bytes[1] != Ed25519PublicPrefix[1])
            throw new FormatException("The value is not an Ed25519 Multikey (multicodec 0xed01 and 32 key bytes).");
        return bytes[2..];
    }
}
