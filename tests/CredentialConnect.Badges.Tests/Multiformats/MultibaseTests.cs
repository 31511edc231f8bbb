using CredentialConnect.Badges.Multiformats;

namespace CredentialConnect.Badges.Tests.Multiformats;

public sealed class MultibaseTests
{
    [Theory]
    [InlineData("", "z")]
    [InlineData("00", "z1")]
    [InlineData("0000ff", "z115Q")]
    [InlineData("68656c6c6f20776f726c64", "zStV1DL6CwTryKyV")]
    public void Base58Btc_KnownValues_EncodeAndDecode(string hex, string multibase)
    {
        var bytes = Convert.FromHexString(hex);

        Assert.Equal(multibase, Multibase.EncodeBase58Btc(bytes));
        Assert.Equal(bytes, Multibase.DecodeBase58Btc(multibase));
    }

    [Theory]
    [InlineData("f00")]
    [InlineData("z0OIl")]
    [InlineData("")]
    public void DecodeBase58Btc_RejectsOtherPrefixesAndCharacters(string value) =>
        Assert.Throws<FormatException>(() => Multibase.DecodeBase58Btc(value));

    [Fact]
    public void Base64Url_RoundTripsWithoutPadding()
    {
        var bytes = new byte[] { 0xfb, 0xff, 0x01, 0x02 };

        var encoded = Multibase.EncodeBase64Url(bytes);

        Assert.Equal("u-_8BAg", encoded);
        Assert.Equal(bytes, Multibase.DecodeBase64Url(encoded));
        Assert.Throws<FormatException>(() => Multibase.DecodeBase64Url("z-_8BAg"));
        Assert.Throws<FormatException>(() => Multibase.DecodeBase64Url("u+/8BAg"));
    }

    [Fact]
    public void Multikey_RejectsAnotherCodec()
    {
        var secp = Multibase.EncodeBase58Btc(new byte[] { 0xe7, 0x01 }.Concat(new byte[33]).ToArray());

        Assert.Throws<FormatException>(() => Multikey.DecodeEd25519PublicKey(secp));
        Assert.Throws<ArgumentException>(() => Multikey.EncodeEd25519PublicKey(new byte[31]));
    }
}
