using System.Text.Json.Nodes;
using CredentialConnect.Badges.DataIntegrity;
using CredentialConnect.Badges.Multiformats;
using CredentialConnect.Badges.Tests.Support;

namespace CredentialConnect.Badges.Tests.Conformance;

public sealed class TestVectorTests
{
    [Fact]
    public void Verify_The1EdTechTestVector_Passes()
    {
        var check = EddsaRdfc2022.Verify(TestVector.Credential(), TestVector.ResolveIssuerKey);

        Assert.True(check.Passed, check.Reason);
    }

    [Fact]
    public void Verify_WhenTheNameIsChanged_FailsAsNotMatching()
    {
        var credential = TestVector.Credential();
        credential["name"] = "Teamwork Badge (edited)";

        var check = EddsaRdfc2022.Verify(credential, TestVector.ResolveIssuerKey);

        Assert.False(check.Passed);
        Assert.Equal("signature does not match the document", check.Reason);
    }

    [Fact]
    public void Verify_WhenTheProofValueIsChanged_FailsAsNotMatching()
    {
        var credential = TestVector.Credential();
        var signature = Multibase.DecodeBase58Btc(credential["proof"]!["proofValue"]!.GetValue<string>());
        signature[10] ^= 0x01;
        credential["proof"]!["proofValue"] = Multibase.EncodeBase58Btc(signature);

        var check = EddsaRdfc2022.Verify(credential, TestVector.ResolveIssuerKey);

        Assert.False(check.Passed);
        Assert.Equal("signature does not match the document", check.Reason);
    }

    [Fact]
    public void Verify_WhenTheVerificationMethodIsSwappedForAnotherKnownKey_FailsAsNotMatching()
    {
        var other = Ed25519KeyPair.Generate();
        var otherMethod = "https://example.edu/issuers/565049#" + Multikey.EncodeEd25519PublicKey(other.PublicKey);
        var credential = TestVector.Credential();
        credential["proof"]!["verificationMethod"] = otherMethod;

        var check = EddsaRdfc2022.Verify(credential, vm => vm == otherMethod ? other.PublicKey : TestVector.ResolveIssuerKey(vm));

        Assert.False(check.Passed);
        Assert.Equal("signature does not match the document", check.Reason);
    }

    [Fact]
    public void Verify_WhenTheVerificationMethodIsUnknown_SaysWhichOne()
    {
        var credential = TestVector.Credential();
        credential["proof"]!["verificationMethod"] = "https://example.edu/issuers/565049#other";

        var check = EddsaRdfc2022.Verify(credential, TestVector.ResolveIssuerKey);

        Assert.False(check.Passed);
        Assert.Equal("unknown verification method https://example.edu/issuers/565049#other", check.Reason);
    }

    [Fact]
    public void IssuerDocument_PublicKeyMultibase_DecodesToA32ByteKeyThatRoundTrips()
    {
        var key = TestVector.IssuerPublicKey();

        Assert.Equal(32, key.Length);
        Assert.Equal("z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi", Multikey.EncodeEd25519PublicKey(key));
    }
}
