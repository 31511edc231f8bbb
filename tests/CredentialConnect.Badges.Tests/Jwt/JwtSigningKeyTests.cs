using System.Security.Cryptography;
using System.Text;
using CredentialConnect.Badges.Jwt;

namespace CredentialConnect.Badges.Tests.Jwt;

public sealed class JwtSigningKeyTests
{
    private static readonly byte[] Data = Encoding.UTF8.GetBytes("header.payload");

    [Fact]
    public void Es256_PublicJwk_HasP256CoordinatesAndKeyMetadata()
    {
        using var key = JwtSigningKey.CreateEs256("key-1");

        var jwk = key.PublicJwk();

        Assert.Equal("EC", (string?)jwk["kty"]);
        Assert.Equal("P-256", (string?)jwk["crv"]);
        Assert.Equal(43, ((string?)jwk["x"])!.Length);
        Assert.Equal(43, ((string?)jwk["y"])!.Length);
        Assert.Equal("key-1", (string?)jwk["kid"]);
        Assert.Equal("ES256", (string?)jwk["alg"]);
        Assert.Equal("sig", (string?)jwk["use"]);
        Assert.False(jwk.ContainsKey("d"));
    }

    [Fact]
    public void Rs256_PublicJwk_HasModulusAndExponent()
    {
        using var key = JwtSigningKey.CreateRs256("key-2");

        var jwk = key.PublicJwk();

        Assert.Equal("RSA", (string?)jwk["kty"]);
        Assert.Equal(342, ((string?)jwk["n"])!.Length); // 256 bytes
        Assert.Equal("AQAB", (string?)jwk["e"]);
        Assert.Equal("RS256", (string?)jwk["alg"]);
        Assert.False(jwk.ContainsKey("d"));
    }

    [Fact]
    public void Es256_Sign_WritesRawRAndSNotDer()
    {
        using var key = JwtSigningKey.CreateEs256("key-1");

        var signature = key.Sign(Data);

        Assert.Equal(64, signature.Length);
        Assert.True(JwtSigningKey.Verify(key.PublicJwk(), "ES256", Data, signature));
    }

    [Theory]
    [InlineData("ES256")]
    [InlineData("RS256")]
    public void Pkcs8_RoundTrip_SignsForTheSamePublicKey(string algorithm)
    {
        using var original = algorithm == "ES256" ? JwtSigningKey.CreateEs256("k") : JwtSigningKey.CreateRs256("k");

        using var reloaded = JwtSigningKey.FromPkcs8("k", algorithm, original.ExportPkcs8());

        Assert.True(JwtSigningKey.Verify(original.PublicJwk(), algorithm, Data, reloaded.Sign(Data)));
        Assert.Equal(original.PublicJwk().ToJsonString(), reloaded.PublicJwk().ToJsonString());
    }

    [Fact]
    public void FromPkcs8_WhenEcKeyIsNotP256_Throws()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<CryptographicException>(() => JwtSigningKey.FromPkcs8("k", "ES256", p384.ExportPkcs8PrivateKey()));
    }

    [Fact]
    public void FromPkcs8_WhenRsaKeyIsShorterThan2048Bits_Throws()
    {
        using var rsa = RSA.Create(1024);

        Assert.Throws<CryptographicException>(() => JwtSigningKey.FromPkcs8("k", "RS256", rsa.ExportPkcs8PrivateKey()));
    }

    [Fact]
    public void Verify_WithAnotherKey_IsFalse()
    {
        using var signer = JwtSigningKey.CreateEs256("a");
        using var other = JwtSigningKey.CreateEs256("b");

        Assert.False(JwtSigningKey.Verify(other.PublicJwk(), "ES256", Data, signer.Sign(Data)));
    }

    [Fact]
    public void Verify_WhenAlgorithmDoesNotMatchTheKeyType_IsFalse()
    {
        using var rsa = JwtSigningKey.CreateRs256("r");

        Assert.False(JwtSigningKey.Verify(rsa.PublicJwk(), "ES256", Data, rsa.Sign(Data)));
    }

    [Fact]
    public void Verify_WhenJwkPointIsNotOnTheCurve_IsFalse()
    {
        using var key = JwtSigningKey.CreateEs256("k");
        var jwk = key.PublicJwk();
        jwk["y"] = jwk["x"]!.GetValue<string>();

        Assert.False(JwtSigningKey.Verify(jwk, "ES256", Data, key.Sign(Data)));
    }

    [Fact]
    public void Verify_WhenSignatureIsDerEncoded_IsFalse()
    {
        using var key = JwtSigningKey.CreateEs256("k");
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(key.ExportPkcs8(), out _);
        var der = ecdsa.SignData(Data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        Assert.False(JwtSigningKey.Verify(key.PublicJwk(), "ES256", Data, der));
    }
}
