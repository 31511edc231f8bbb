using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace CredentialConnect.Badges.Jwt;

/// <summary>A VC-JWT signing key: ES256 (P-256) or RS256 (RSA 2048+), with its key id.</summary>
public sealed class JwtSigningKey : IDisposable
{
    public const string Es256 = "ES256";
    public const string Rs256 = "RS256";

    /// <summary>Smaller RSA keys are refused both for signing and for verifying.</summary>
    public const int MinimumRsaBits = 2048;

    private const int P256CoordinateBytes = 32;

    private readonly AsymmetricAlgorithm _key;

    private JwtSigningKey(AsymmetricAlgorithm key) => _key = key;

    public required string KeyId { get; init; }

    /// <summary><c>ES256</c> or <c>RS256</c>.</summary>
    public required string Algorithm { get; init; }

    public static JwtSigningKey CreateEs256(string keyId) =>
        new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = keyId, Algorithm = Es256 };

    public static JwtSigningKey CreateRs256(string keyId) =>
        new(RSA.Create(MinimumRsaBits)) { KeyId = keyId, Algorithm = Rs256 };

    /// <summary>Reloads a key from <see cref="ExportPkcs8"/>.</summary>
    public static JwtSigningKey FromPkcs8(string keyId, string algorithm, ReadOnlySpan<byte> pkcs8)
    {
        switch (algorithm)
        {
            case Es256:
                var ecdsa = ECDsa.Create();
                ecdsa.ImportPkcs8PrivateKey(pkcs8, out _);
                if (ecdsa.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
                {
                    ecdsa.Dispose();
                    throw new CryptographicException("An ES256 key must be on the P-256 curve.");
                }

                return new JwtSigningKey(ecdsa) { KeyId = keyId, Algorithm = Es256 };
            case Rs256:
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                if (rsa.KeySize < MinimumRsaBits)
                {
                    rsa.Dispose();
                    throw new CryptographicException($"An RS256 key must have at least {MinimumRsaBits} bits.");
                }

                return new JwtSigningKey(rsa) { KeyId = keyId, Algorithm = Rs256 };
            default:
                throw new ArgumentException($"Unsupported JWT algorithm '{algorithm}'; use ES256 or RS256.", nameof(algorithm));
        }
    }

    public byte[] ExportPkcs8() => _key.ExportPkcs8PrivateKey();

    /// <summary>The public JWK (kty, crv/x/y or n/e, kid, alg, use "sig"): what jwks.json and the JOSE header carry.</summary>
    public JsonObject PublicJwk()
    {
        var jwk = new JsonObject();
        if (_key is ECDsa ecdsa)
        {
            var p = ecdsa.ExportParameters(false);
            jwk["kty"] = "EC";
            jwk["crv"] = "P-256";
            jwk["x"] = StrictBase64Url.Encode(p.Q.X);
            jwk["y"] = StrictBase64Url.Encode(p.Q.Y);
        }
        else
        {
            var p = ((RSA)_key).ExportParameters(false);
            jwk["kty"] = "RSA";
            jwk["n"] = StrictBase64Url.Encode(p.Modulus);
            jwk["e"] = StrictBase64Url.Encode(p.Exponent);
        }

        jwk["kid"] = KeyId;
        jwk["alg"] = Algorithm;
        jwk["use"] = "sig";
        return jwk;
    }

    /// <summary>The JWS signature: raw r||s (IEEE P1363) for ES256, PKCS#1 v1.5 for RS256.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => _key switch
    {
        ECDsa ecdsa => ecdsa.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
        RSA rsa => rsa.SignData(data.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
        _ => throw new InvalidOperationException("Unknown key type."),
    };

    /// <summary>Verifies with a public JWK; false for any key it cannot use.</summary>
    public static bool Verify(JsonObject publicJwk, string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (!FitsAlgorithm(publicJwk, algorithm)) return false;
        try
        {
            return algorithm == Es256
                ? VerifyEs256(publicJwk, data, signature)
                : VerifyRs256(publicJwk, data, signature);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Whether the JWK is a public key of the type <paramref name="algorithm"/> needs, and names no other algorithm.
    /// </summary>
    public static bool FitsAlgorithm(JsonObject publicJwk, string algorithm)
    {
        var kty = StringMember(publicJwk, "kty");
        var alg = StringMember(publicJwk, "alg");
        var use = StringMember(publicJwk, "use");
        if (publicJwk.ContainsKey("d") || (alg is not null && alg != algorithm) || (use is not null && use != "sig")) return false;
        return algorithm switch
        {
            Es256 => kty == "EC" && StringMember(publicJwk, "crv") == "P-256",
            Rs256 => kty == "RSA",
            _ => false,
        };
    }

    /// <summary>Whether two JWKs are the same public key (the members RFC 7638 uses for a thumbprint).</summary>
    public static bool SamePublicKey(JsonObject a, JsonObject b)
    {
        string[] members = StringMember(a, "kty") == "EC" ? ["kty", "crv", "x", "y"] : ["kty", "n", "e"];
        return members.All(m => StringMember(a, m) is { } value && value == StringMember(b, m));
    }

    public void Dispose() => _key.Dispose();

    private static bool VerifyEs256(JsonObject jwk, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var x = Member(jwk, "x");
        var y = Member(jwk, "y");
        if (x is not { Length: P256CoordinateBytes } || y is not { Length: P256CoordinateBytes }) return false;
        if (signature.Length != 2 * P256CoordinateBytes) return false;

        var ecdsa = ImportedPublicKey("EC." + StringMember(jwk, "x") + "." + StringMember(jwk, "y"),
            () => ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = x, Y = y } }));
        return ((ECDsa)ecdsa).VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static bool VerifyRs256(JsonObject jwk, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var n = Member(jwk, "n");
        var e = Member(jwk, "e");
        if (n is null || e is null || e.Length == 0) return false;
        var modulus = n.AsSpan().TrimStart((byte)0);
        if (modulus.Length * 8 < MinimumRsaBits) return false;

        var modulusBytes = modulus.ToArray();
        var rsa = ImportedPublicKey("RSA." + StringMember(jwk, "n") + "." + StringMember(jwk, "e"), () =>
        {
            var key = RSA.Create();
            key.ImportParameters(new RSAParameters { Modulus = modulusBytes, Exponent = e });
            return key;
        });
        return ((RSA)rsa).VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }

    // Importing a public key costs more than verifying with it, so each thread keeps the few keys it last verified with
    // (per thread: the platform's key objects are not documented as safe to share between threads).
    private const int MaxImportedPublicKeys = 32;

    [ThreadStatic]
    private static Dictionary<string, AsymmetricAlgorithm>? _importedPublicKeys;

    private static AsymmetricAlgorithm ImportedPublicKey(string publicKey, Func<AsymmetricAlgorithm> import)
    {
        var keys = _importedPublicKeys ??= new Dictionary<string, AsymmetricAlgorithm>(StringComparer.Ordinal);
        if (keys.TryGetValue(publicKey, out var key)) return key;
        if (keys.Count >= MaxImportedPublicKeys)
        {
            foreach (var old in keys.Values) old.Dispose();
            keys.Clear();
        }
        key = import();
        keys[publicKey] = key;
        return key;
    }

    private static byte[]? Member(JsonObject jwk, string name) =>
        StringMember(jwk, name) is { } text ? StrictBase64Url.TryDecode(text) : null;

    private static string? StringMember(JsonObject jwk, string name) =>
        jwk.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
