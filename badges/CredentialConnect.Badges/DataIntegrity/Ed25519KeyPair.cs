using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace CredentialConnect.Badges.DataIntegrity;

/// <summary>An Ed25519 key as its 32-byte private seed and 32-byte public key.</summary>
public sealed record Ed25519KeyPair(byte[] PrivateKeySeed, byte[] PublicKey)
{
    private static readonly Ed25519 Algorithm = SignatureAlgorithm.Ed25519;

    // The imported private key per key pair, so signing many credentials does not re-derive it each time.
    private static readonly ConditionalWeakTable<Ed25519KeyPair, Key> ImportedKeys = new();

    public static Ed25519KeyPair Generate()
    {
        Span<byte> seed = stackalloc byte[32];
        RandomNumberGenerator.Fill(seed);
        try
        {
            return FromSeed(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    public static Ed25519KeyPair FromSeed(ReadOnlySpan<byte> privateKeySeed)
    {
        if (privateKeySeed.Length != 32) throw new ArgumentException("An Ed25519 private key seed is 32 bytes.", nameof(privateKeySeed));
        using var key = ImportSeed(privateKeySeed);
        return new Ed25519KeyPair(privateKeySeed.ToArray(), key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    public byte[] Sign(ReadOnlySpan<byte> data) =>
        Algorithm.Sign(ImportedKeys.GetValue(this, pair => ImportSeed(pair.PrivateKeySeed)), data);

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != 32 || signature.Length != 64) return false;
        if (!NSec.Cryptography.PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key) || key is null) return false;
        return Algorithm.Verify(key, data, signature);
    }

    private static Key ImportSeed(ReadOnlySpan<byte> seed) =>
        Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey);
}
