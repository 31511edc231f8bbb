namespace CredentialConnect.Badges.Multiformats;

/// <summary>Ed25519 public keys as Multikey <c>publicKeyMultibase</c> values (multicodec 0xed01, base58btc).</summary>
public static class Multikey
{
    public static string EncodeEd25519PublicKey(ReadOnlySpan<byte> publicKey) => throw new NotImplementedException();

    /// <summary>The 32 raw key bytes; throws <see cref="FormatException"/> when the value is not an Ed25519 Multikey.</summary>
    public static byte[] DecodeEd25519PublicKey(string publicKeyMultibase) => throw new NotImplementedException();
}
