using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace CredentialConnect.Badges.Jwt;

/// <summary>A VC-JWT signing key: ES256 (P-256) or RS256 (RSA 2048+), with its key id.</summary>
public sealed class JwtSigningKey
{
    public required string KeyId { get; init; }

    /// <summary><c>ES256</c> or <c>RS256</c>.</summary>
    public required string Algorithm { get; init; }

    public static JwtSigningKey CreateEs256(string keyId) => throw new NotImplementedException();

    public static JwtSigningKey CreateRs256(string keyId) => throw new NotImplementedException();

    /// <summary>Reloads a key from <see cref="ExportPkcs8"/>.</summary>
    public static JwtSigningKey FromPkcs8(string keyId, string algorithm, ReadOnlySpan<byte> pkcs8) => throw new NotImplementedException();

    public byte[] ExportPkcs8() => throw new NotImplementedException();

    /// <summary>The public JWK (kty, crv/x/y or n/e, kid, alg, use "sig"): what jwks.json and the JOSE header carry.</summary>
    public JsonObject PublicJwk() => throw new NotImplementedException();

    public byte[] Sign(ReadOnlySpan<byte> data) => throw new NotImplementedException();

    /// <summary>Verifies with a public JWK; false for any key it cannot use.</summary>
    public static bool Verify(JsonObject publicJwk, string algorithm, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        throw new NotImplementedException();
}
