using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialConnect.Badges.DataIntegrity;

namespace CredentialConnect.Badges.Jwt;

/// <summary>
/// Open Badges 3.0 VC-JWT: the JOSE header carries only <c>alg</c>, <c>kid</c>, <c>jwk</c> and <c>typ: "JWT"</c>;
/// the payload is the credential with the claims <c>iss</c>, <c>jti</c>, <c>sub</c>, <c>nbf</c> and <c>exp</c>.
/// </summary>
public static class VcJwt
{
    /// <summary>Longer tokens are refused before any parsing; a badge with an embedded image stays well under it.</summary>
    public const int MaxTokenLength = 4 * 1024 * 1024;

    private static readonly string[] HeaderMembers = ["alg", "kid", "jwk", "typ"];
    private static readonly string[] Claims = ["iss", "jti", "sub", "nbf", "exp"];
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 64 };

    // The JOSE header depends only on the key, so each key's encoded header is built once.
    private static readonly ConditionalWeakTable<JwtSigningKey, byte[]> EncodedHeaders = new();

    /// <summary>The compact JWS of <paramref name="credential"/> (which has no proof).</summary>
    public static string Sign(JsonObject credential, JwtSigningKey key)
    {
        if (credential.ContainsKey("proof")) throw new ArgumentException("A VC-JWT signs a credential without an embedded proof.", nameof(credential));
        var claims = ClaimsOf(credential);
        if (claims.Issuer is null) throw new ArgumentException("The credential has no issuer id.", nameof(credential));
        if (claims.NotBefore is null) throw new ArgumentException("The credential has no valid validFrom.", nameof(credential));

        // The payload is the credential's members (less any claim names) followed by the claims, written straight to UTF-8.
        var payload = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(payload))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in credential)
            {
                if (Claims.Contains(name)) continue;
                WriteMember(writer, name, value);
            }
            WriteMember(writer, "iss", claims.Issuer);
            if (claims.Id is not null) WriteMember(writer, "jti", claims.Id);
            if (claims.Subject is not null) WriteMember(writer, "sub", claims.Subject);
            WriteMember(writer, "nbf", claims.NotBefore);
            if (claims.Expires is not null) WriteMember(writer, "exp", claims.Expires);
            writer.WriteEndObject();
        }

        var header = EncodedHeaders.GetValue(key, EncodeHeader);
        var signingInput = new byte[header.Length + 1 + Base64Url.GetEncodedLength(payload.WrittenCount)];
        header.CopyTo(signingInput, 0);
        signingInput[header.Length] = (byte)'.';
        Base64Url.EncodeToUtf8(payload.WrittenSpan, signingInput.AsSpan(header.Length + 1));
        return Encoding.ASCII.GetString(signingInput) + "." + StrictBase64Url.Encode(key.Sign(signingInput));
    }

    private static byte[] EncodeHeader(JwtSigningKey key)
    {
        var header = new JsonObject { ["alg"] = key.Algorithm, ["kid"] = key.KeyId, ["jwk"] = key.PublicJwk(), ["typ"] = "JWT" };
        return Encoding.ASCII.GetBytes(Part(header));
    }

    private static void WriteMember(Utf8JsonWriter writer, string name, JsonNode? value)
    {
        writer.WritePropertyName(name);
        if (value is null) writer.WriteNullValue();
        else value.WriteTo(writer);
    }

    /// <summary>
    /// Checks the signature against the key <paramref name="publicJwkFor"/> returns for the header's kid (null when
    /// unknown); the embedded <c>jwk</c> is never trusted on its own. The credential is returned when the JWT is well formed.
    /// </summary>
    /// <remarks>Whether the credential is valid now (validFrom, validUntil, status) is for the caller to decide.</remarks>
    public static (ProofCheck Check, JsonObject? Credential) Verify(string jwt, Func<string, JsonObject?> publicJwkFor)
    {
        if (string.IsNullOrEmpty(jwt)) return (ProofCheck.Fail("The JWT is empty."), null);
        if (jwt.Length > MaxTokenLength) return (ProofCheck.Fail($"The JWT is longer than {MaxTokenLength} characters."), null);

        var parts = jwt.Split('.');
        if (parts.Length != 3) return (ProofCheck.Fail($"A compact JWS has 3 parts separated by '.', this one has {parts.Length}."), null);
        if (ParseObject(parts[0]) is not { } header) return (ProofCheck.Fail("The JOSE header is not base64url-encoded JSON object."), null);
        if (ParseObject(parts[1]) is not { } payload) return (ProofCheck.Fail("The JWT payload is not a base64url-encoded JSON object."), null);
        if (StrictBase64Url.TryDecode(parts[2]) is not { } signature) return (ProofCheck.Fail("The JWT signature is not base64url."), null);

        var credential = payload.DeepClone().AsObject();
        foreach (var claim in Claims) credential.Remove(claim);

        var check = CheckHeader(header, publicJwkFor, out var key)
            ?? CheckSignature(header, key!, parts, signature)
            ?? CheckClaims(payload, credential)
            ?? ProofCheck.Pass($"The VC-JWT signature verifies with key '{CredentialJson.Text(header, "kid")}' ({CredentialJson.Text(header, "alg")}).");
        return (check, credential);
    }

    private static ProofCheck? CheckHeader(JsonObject header, Func<string, JsonObject?> publicJwkFor, out JsonObject? key)
    {
        key = null;
        if (header.Select(member => member.Key).FirstOrDefault(name => !HeaderMembers.Contains(name)) is { } extra)
            return ProofCheck.Fail($"The JOSE header carries '{extra}'; Open Badges allows only alg, kid, jwk and typ.");

        var alg = CredentialJson.Text(header, "alg");
        if (alg is null) return ProofCheck.Fail("The JOSE header has no alg.");
        if (alg.Equals("none", StringComparison.OrdinalIgnoreCase)) return ProofCheck.Fail("An unsigned JWT (alg 'none') is never accepted.");
        if (alg is not (JwtSigningKey.Es256 or JwtSigningKey.Rs256)) return ProofCheck.Fail($"The algorithm '{alg}' is not supported; use ES256 or RS256.");
        if (header.ContainsKey("typ") && CredentialJson.Text(header, "typ") != "JWT") return ProofCheck.Fail("The JOSE header typ must be \"JWT\".");

        var kid = CredentialJson.Text(header, "kid");
        if (string.IsNullOrEmpty(kid)) return ProofCheck.Fail("The JOSE header has no kid, so the issuer's key cannot be found.");
        key = publicJwkFor(kid);
        if (key is null) return ProofCheck.Fail($"The key id '{kid}' is not a key of this issuer.");
        if (!JwtSigningKey.FitsAlgorithm(key, alg)) return ProofCheck.Fail($"The algorithm '{alg}' does not match the issuer's key '{kid}'.");

        if (header.ContainsKey("jwk"))
        {
            if (header["jwk"] is not JsonObject embedded) return ProofCheck.Fail("The JOSE header jwk is not a JSON object.");
            if (embedded.ContainsKey("d")) return ProofCheck.Fail("The JOSE header jwk carries a private key.");
            if (!JwtSigningKey.SamePublicKey(embedded, key)) return ProofCheck.Fail($"The JOSE header jwk is not the issuer's key '{kid}'.");
        }

        return null;
    }

    private static ProofCheck? CheckSignature(JsonObject header, JsonObject key, string[] parts, byte[] signature)
    {
        var signingInput = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        return JwtSigningKey.Verify(key, CredentialJson.Text(header, "alg")!, signingInput, signature)
            ? null
            : ProofCheck.Fail($"The VC-JWT signature does not verify with the issuer's key '{CredentialJson.Text(header, "kid")}'.");
    }

    private static ProofCheck? CheckClaims(JsonObject payload, JsonObject credential)
    {
        var expected = ClaimsOf(credential);
        if (expected.NotBefore is null) return ProofCheck.Fail("The credential has no valid validFrom.");
        return Mismatch("iss", expected.Issuer, "the issuer id")
            ?? Mismatch("jti", expected.Id, "the credential id")
            ?? Mismatch("sub", expected.Subject, "the credential subject")
            ?? Mismatch("nbf", expected.NotBefore, "validFrom")
            ?? Mismatch("exp", expected.Expires, "validUntil");

        ProofCheck? Mismatch(string claim, JsonNode? expectedValue, string what)
        {
            var actual = payload[claim];
            if (expectedValue is null)
                return actual is null ? null : ProofCheck.Fail($"The JWT claim '{claim}' is present but the credential has no {what}.");
            return JsonNode.DeepEquals(actual, expectedValue)
                ? null
                : ProofCheck.Fail($"The JWT claim '{claim}' does not match {what} of the credential.");
        }
    }

    private sealed record ExpectedClaims(JsonNode? Issuer, JsonNode? Id, JsonNode? Subject, JsonNode? NotBefore, JsonNode? Expires);

    private static ExpectedClaims ClaimsOf(JsonObject credential)
    {
        var issuer = CredentialJson.IssuerId(credential);
        var subject = credential["credentialSubject"] as JsonObject;
        var subjectId = subject is null ? null : CredentialJson.Text(subject, "id") ?? FirstIdentityHash(subject);
        return new ExpectedClaims(
            issuer, CredentialJson.Text(credential, "id"), subjectId,
            Seconds(CredentialJson.Text(credential, "validFrom")), Seconds(CredentialJson.Text(credential, "validUntil")));
    }

    // A subject without an id is known by its identifier (Open Badges IdentityObject), e.g. a hashed email.
    private static string? FirstIdentityHash(JsonObject subject) =>
        subject["identifier"] is JsonArray { Count: > 0 } identifiers && identifiers[0] is JsonObject first ? CredentialJson.Text(first, "identityHash") : null;

    private static JsonNode? Seconds(string? dateTime) =>
        DateTimeOffset.TryParse(dateTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? JsonValue.Create(at.ToUnixTimeSeconds())
            : null;

    private static string Part(JsonObject json) => StrictBase64Url.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static JsonObject? ParseObject(string part)
    {
        if (StrictBase64Url.TryDecode(part) is not { } bytes) return null;
        try
        {
            return JsonNode.Parse(bytes, documentOptions: StrictJson) as JsonObject;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
