namespace CredentialConnect.Badges.DataIntegrity;

/// <summary>An Ed25519 key as its 32-byte private seed and 32-byte public key.</summary>
public sealed record Ed25519KeyPair(byte[] PrivateKeySeed, byte[] PublicKey)
{
    public static Ed25519KeyPair Generate() => throw new NotImplementedException();

    public static Ed25519KeyPair FromSeed(ReadOnlySpan<byte> privateKeySeed) => throw new NotImplementedException();

    public byte[] Sign(ReadOnlySpan<byte> data) => throw new NotImplementedException();

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) => throw new NotImplementedException();
}
