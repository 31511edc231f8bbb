using System.Text.Json.Nodes;
using CredentialConnect.Badges.DataIntegrity;

namespace CredentialConnect.Badges.Jwt;

/// <summary>
/// Open Badges 3.0 VC-JWT: the JOSE header carries only <c>alg</c>, <c>kid</c>, <c>jwk</c> and <c>typ: "JWT"</c>;
/// the payload is the credential with the claims <c>iss</c>, <c>jti</c>, <c>sub</c>, <c>nbf</c> and <c>exp</c>.
/// </summary>
public static class VcJwt
{
    /// <summary>The compact JWS of <paramref name="credential"/> (which has no proof).</summary>
    public static string Sign(JsonObject credential, JwtSigningKey key) => throw new NotImplementedException();

    /// <summary>
    /// Checks the signature against the key <paramref name="publicJwkFor"/> returns for the header's kid (null when
    /// unknown); the embedded <c>jwk</c> is never trusted on its own. The credential is returned when the JWT is well formed.
    /// </summary>
    public static (ProofCheck Check, JsonObject? Credential) Verify(string jwt, Func<string, JsonObject?> publicJwkFor) =>
        throw new NotImplementedException();
}
