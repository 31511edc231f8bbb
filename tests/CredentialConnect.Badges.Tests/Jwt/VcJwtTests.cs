using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using CredentialConnect.Badges.Jwt;

namespace CredentialConnect.Badges.Tests.Jwt;

public sealed class VcJwtTests : IDisposable
{
    private readonly JwtSigningKey _key = JwtSigningKey.CreateEs256("did:web:hub.example.org#key-1");

    public void Dispose() => _key.Dispose();

    [Fact]
    public void Sign_WritesOnlyTheFourHeaderMembers()
    {
        var jwt = VcJwt.Sign(new CredentialBuilder().Build(), _key);

        var header = Decode(jwt.Split('.')[0]);
        Assert.Equal(["alg", "kid", "jwk", "typ"], header.Select(m => m.Key));
        Assert.Equal("ES256", (string?)header["alg"]);
        Assert.Equal(_key.KeyId, (string?)header["kid"]);
        Assert.Equal("JWT", (string?)header["typ"]);
        Assert.False(header["jwk"]!.AsObject().ContainsKey("d"));
    }

    [Fact]
    public void Sign_AddsTheRegisteredClaimsFromTheCredential()
    {
        var jwt = VcJwt.Sign(new CredentialBuilder().Build(), _key);

        var payload = Decode(jwt.Split('.')[1]);
        Assert.Equal("did:web:hub.example.org", (string?)payload["iss"]);
        Assert.Equal("urn:uuid:2f1e9a52-9b7c-4c55-8e8e-1b6a2c3d4e5f", (string?)payload["jti"]);
        Assert.Equal("did:example:member-42", (string?)payload["sub"]);
        Assert.Equal(DateTimeOffset.Parse("2025-03-01T00:00:00Z").ToUnixTimeSeconds(), (long)payload["nbf"]!);
        Assert.Equal(DateTimeOffset.Parse("2028-03-01T00:00:00Z").ToUnixTimeSeconds(), (long)payload["exp"]!);
        Assert.Equal("OpenBadgeCredential", (string?)payload["type"]![1]);
        Assert.False(payload.ContainsKey("vc"));
    }

    [Fact]
    public void Sign_WithoutValidUntil_HasNoExp()
    {
        var jwt = VcJwt.Sign(new CredentialBuilder().WithValidUntil(null).Build(), _key);

        Assert.False(Decode(jwt.Split('.')[1]).ContainsKey("exp"));
        Assert.True(Verify(jwt).Check.Passed);
    }

    [Fact]
    public void Sign_WhenSubjectHasNoId_UsesItsIdentityHashAsSub()
    {
        var jwt = VcJwt.Sign(new CredentialBuilder().WithoutSubjectId().Build(), _key);

        Assert.Equal("sha256$abc123", (string?)Decode(jwt.Split('.')[1])["sub"]);
        Assert.True(Verify(jwt).Check.Passed);
    }

    [Fact]
    public void Sign_WhenCredentialHasAProof_Throws()
    {
        var credential = new CredentialBuilder().Build();
        credential["proof"] = new JsonObject { ["type"] = "DataIntegrityProof" };

        Assert.Throws<ArgumentException>(() => VcJwt.Sign(credential, _key));
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public void Verify_RoundTrip_PassesAndReturnsTheCredential(string algorithm)
    {
        using var key = algorithm == "ES256" ? JwtSigningKey.CreateEs256("k1") : JwtSigningKey.CreateRs256("k1");
        var credential = new CredentialBuilder().Build();

        var (check, verified) = VcJwt.Verify(VcJwt.Sign(credential, key), kid => kid == "k1" ? key.PublicJwk() : null);

        Assert.True(check.Passed, check.Reason);
        Assert.True(JsonNode.DeepEquals(credential, verified));
    }

    [Fact]
    public void Verify_WhenPayloadIsTampered_FailsOnTheSignature()
    {
        var parts = VcJwt.Sign(new CredentialBuilder().Build(), _key).Split('.');
        var payload = Decode(parts[1]);
        payload["name"] = "Certified Senior Practitioner";

        var (check, _) = Verify($"{parts[0]}.{Encode(payload)}.{parts[2]}");

        Assert.False(check.Passed);
        Assert.Contains("signature does not verify", check.Reason);
    }

    [Fact]
    public void Verify_WhenHeaderIsTampered_FailsOnTheSignature()
    {
        var parts = VcJwt.Sign(new CredentialBuilder().Build(), _key).Split('.');
        var header = Decode(parts[0]);
        header["typ"] = "JWT";
        header.Remove("jwk");

        var (check, _) = Verify($"{Encode(header)}.{parts[1]}.{parts[2]}");

        Assert.False(check.Passed);
        Assert.Contains("signature does not verify", check.Reason);
    }

    [Fact]
    public void Verify_WhenSignedBySwappedKeyUnderTheSameKid_Fails()
    {
        using var attacker = JwtSigningKey.CreateEs256(_key.KeyId);
        var jwt = VcJwt.Sign(new CredentialBuilder().Build(), attacker);

        var (check, _) = Verify(jwt);

        Assert.False(check.Passed);
        Assert.Contains("jwk is not the issuer's key", check.Reason);
    }

    [Fact]
    public void Verify_WhenSwappedKeySignsWithoutEmbeddedJwk_FailsOnTheSignature()
    {
        using var attacker = JwtSigningKey.CreateEs256(_key.KeyId);
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = _key.KeyId, ["typ"] = "JWT" };
        var payload = Decode(VcJwt.Sign(new CredentialBuilder().Build(), _key).Split('.')[1]);

        var (check, _) = Verify(Forge(header, payload, attacker));

        Assert.False(check.Passed);
        Assert.Contains("signature does not verify", check.Reason);
    }

    [Fact]
    public void Verify_WhenAlgIsNone_FailsAndSaysSo()
    {
        var payload = Decode(VcJwt.Sign(new CredentialBuilder().Build(), _key).Split('.')[1]);
        var header = new JsonObject { ["alg"] = "none", ["kid"] = _key.KeyId, ["typ"] = "JWT" };

        var (check, _) = Verify($"{Encode(header)}.{Encode(payload)}.");

        Assert.False(check.Passed);
        Assert.Contains("alg 'none'", check.Reason);
    }

    [Fact]
    public void Verify_WhenAlgDoesNotMatchTheKey_Fails()
    {
        var payload = Decode(VcJwt.Sign(new CredentialBuilder().Build(), _key).Split('.')[1]);
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = _key.KeyId, ["typ"] = "JWT" };

        var (check, _) = Verify(Forge(header, payload, _key));

        Assert.False(check.Passed);
        Assert.Contains("does not match the issuer's key", check.Reason);
    }

    [Fact]
    public void Verify_WhenAlgIsHmac_Fails()
    {
        var payload = Decode(VcJwt.Sign(new CredentialBuilder().Build(), _key).Split('.')[1]);
        var header = new JsonObject { ["alg"] = "HS256", ["kid"] = _key.KeyId, ["typ"] = "JWT" };

        var (check, _) = Verify(Forge(header, payload, _key));

        Assert.False(check.Passed);
        Assert.Contains("not supported", check.Reason);
    }

    [Fact]
    public void Verify_WhenKidIsUnknown_Fails()
    {
        var jwt = VcJwt.Sign(new CredentialBuilder().Build(), _key);

        var (check, credential) = VcJwt.Verify(jwt, _ => null);

        Assert.False(check.Passed);
        Assert.Contains("is not a key of this issuer", check.Reason);
        Assert.NotNull(credential);
    }

    [Theory]
    [InlineData("crit")]
    [InlineData("x5u")]
    [InlineData("jku")]
    [InlineData("b64")]
    public void Verify_WhenHeaderCarriesAnotherMember_Fails(string member)
    {
        var payload = Decode(VcJwt.Sign(new CredentialBuilder().Build(), _key).Split('.')[1]);
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = _key.KeyId, ["typ"] = "JWT", [member] = "x" };

        var (check, _) = Verify(Forge(header, payload, _key));

        Assert.False(check.Passed);
        Assert.Contains($"'{member}'", check.Reason);
    }

    [Fact]
    public void Verify_WhenEmbeddedJwkCarriesAPrivateKey_Fails()
    {
        var payload = Decode(VcJwt.Sign(new CredentialBuilder().Build(), _key).Split('.')[1]);
        var jwk = _key.PublicJwk();
        jwk["d"] = "AAAA";
        var header = new JsonObject { ["alg"] = "ES256", ["kid"] = _key.KeyId, ["jwk"] = jwk, ["typ"] = "JWT" };

        var (check, _) = Verify(Forge(header, payload, _key));

        Assert.False(check.Passed);
        Assert.Contains("private key", check.Reason);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("abc", "3 parts")]
    [InlineData("a.b", "3 parts")]
    [InlineData("a.b.c.d", "3 parts")]
    [InlineData("e30.e30.e30.", "3 parts")]
    [InlineData("!!!.e30.AAAA", "header")]
    [InlineData("eyJhbGci.e30.AAAA", "header")]
    [InlineData("W10.e30.AAAA", "header")]
    [InlineData("e30.bm90IGpzb24.AAAA", "payload")]
    [InlineData("e30.e30.AA AA", "signature")]
    [InlineData("e30=.e30.AAAA", "header")]
    public void Verify_WhenTokenIsMalformed_FailsWithoutThrowing(string jwt, string reason)
    {
        var (check, credential) = Verify(jwt);

        Assert.False(check.Passed);
        Assert.Contains(reason, check.Reason);
        Assert.Null(credential);
    }

    [Fact]
    public void Verify_WhenHeaderHasDuplicateMembers_Fails()
    {
        var payload = Decode(VcJwt.Sign(new CredentialBuilder().Build(), _key).Split('.')[1]);
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{{\"alg\":\"ES256\",\"alg\":\"none\",\"kid\":\"{_key.KeyId}\"}}"));
        var input = $"{header}.{Encode(payload)}";

        var (check, _) = Verify(input + "." + Base64Url.EncodeToString(_key.Sign(Encoding.ASCII.GetBytes(input))));

        Assert.False(check.Passed);
        Assert.Contains("header", check.Reason);
    }

    [Fact]
    public void Verify_WhenNbfDoesNotMatchValidFrom_Fails()
    {
        var payload = Decode(VcJwt.Sign(new CredentialBuilder().Build(), _key).Split('.')[1]);
        payload["nbf"] = (long)payload["nbf"]! - 86_400;

        var (check, _) = Verify(Forge(Header(), payload, _key));

        Assert.False(check.Passed);
        Assert.Contains("'nbf'", check.Reason);
    }

    [Fact]
    public void Verify_WhenExpIsMissingButValidUntilIsPresent_Fails()
    {
        var payload = Decode(VcJwt.Sign(new CredentialBuilder().Build(), _key).Split('.')[1]);
        payload.Remove("exp");

        var (check, _) = Verify(Forge(Header(), payload, _key));

        Assert.False(check.Passed);
        Assert.Contains("'exp'", check.Reason);
    }

    [Fact]
    public void Verify_WhenExpIsPresentButValidUntilIsNot_Fails()
    {
        var payload = Decode(VcJwt.Sign(new CredentialBuilder().WithValidUntil(null).Build(), _key).Split('.')[1]);
        payload["exp"] = 4_000_000_000L;

        var (check, _) = Verify(Forge(Header(), payload, _key));

        Assert.False(check.Passed);
        Assert.Contains("'exp'", check.Reason);
    }

    [Fact]
    public void Verify_WhenIssDoesNotMatchTheIssuer_Fails()
    {
        var payload = Decode(VcJwt.Sign(new CredentialBuilder().Build(), _key).Split('.')[1]);
        payload["iss"] = "did:web:elsewhere.example";

        var (check, _) = Verify(Forge(Header(), payload, _key));

        Assert.False(check.Passed);
        Assert.Contains("'iss'", check.Reason);
    }

    private (CredentialConnect.Badges.DataIntegrity.ProofCheck Check, JsonObject? Credential) Verify(string jwt) =>
        VcJwt.Verify(jwt, kid => kid == _key.KeyId ? _key.PublicJwk() : null);

    private JsonObject Header() => new() { ["alg"] = "ES256", ["kid"] = _key.KeyId, ["jwk"] = _key.PublicJwk(), ["typ"] = "JWT" };

    private static string Forge(JsonObject header, JsonObject payload, JwtSigningKey signer)
    {
        var input = $"{Encode(header)}.{Encode(payload)}";
        return input + "." + Base64Url.EncodeToString(signer.Sign(Encoding.ASCII.GetBytes(input)));
    }

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static JsonObject Decode(string part) => JsonNode.Parse(Base64Url.DecodeFromChars(part))!.AsObject();
}
