using System.Text.Json.Nodes;
using CredentialConnect.Badges.DataIntegrity;
using CredentialConnect.Badges.Multiformats;
using CredentialConnect.Badges.Tests.Support;

namespace CredentialConnect.Badges.Tests.DataIntegrity;

public sealed class EddsaRdfc2022Tests
{
    private const string Method = "https://example.org/issuers/1#key-1";
    private static readonly DateTimeOffset Created = new(2025, 3, 4, 5, 6, 7, TimeSpan.Zero);

    private static readonly Ed25519KeyPair Key = Ed25519KeyPair.Generate();

    private static byte[]? Resolve(string vm) => vm == Method ? Key.PublicKey : null;

    private static JsonObject SignedCredential(int index = 3) =>
        EddsaRdfc2022.Sign(new CredentialGenerator(seed: 7).Next(index), Key, Method, Created);

    [Fact]
    public void Sign_ThenVerify_Passes()
    {
        var check = EddsaRdfc2022.Verify(SignedCredential(), Resolve);

        Assert.True(check.Passed, check.Reason);
    }

    [Fact]
    public void Sign_AddsADataIntegrityProofWithoutChangingTheInput()
    {
        var unsecured = new CredentialGenerator(seed: 7).Next(3);
        var before = unsecured.ToJsonString();

        var signed = EddsaRdfc2022.Sign(unsecured, Key, Method, Created);

        Assert.Equal(before, unsecured.ToJsonString());
        var proof = signed["proof"]!.AsObject();
        Assert.Equal("DataIntegrityProof", proof["type"]!.GetValue<string>());
        Assert.Equal("eddsa-rdfc-2022", proof["cryptosuite"]!.GetValue<string>());
        Assert.Equal("assertionMethod", proof["proofPurpose"]!.GetValue<string>());
        Assert.Equal(Method, proof["verificationMethod"]!.GetValue<string>());
        Assert.Equal("2025-03-04T05:06:07Z", proof["created"]!.GetValue<string>());
        Assert.Equal(64, Multibase.DecodeBase58Btc(proof["proofValue"]!.GetValue<string>()).Length);
    }

    public static TheoryData<string> Tamperings() =>
    [
        "name", "validFrom", "issuer", "credentialSubject.achievement.name", "credentialSubject.achievement.criteria",
        "type", "credentialSubject.id", "proof.created", "proof.expires",
    ];

    [Theory]
    [MemberData(nameof(Tamperings))]
    public void Verify_WhenAnyFieldIsTampered_Fails(string field)
    {
        var credential = SignedCredential();
        switch (field)
        {
            case "name": credential["name"] = "Another name"; break;
            case "validFrom": credential["validFrom"] = "2030-01-01T00:00:00Z"; break;
            case "issuer": credential["issuer"] = "https://evil.example/issuer"; break;
            case "credentialSubject.achievement.name": credential["credentialSubject"]!["achievement"]!["name"] = "Forged"; break;
            case "credentialSubject.achievement.criteria":
                credential["credentialSubject"]!["achievement"]!["criteria"] = new JsonObject { ["narrative"] = "Nothing required" };
                break;
            case "type": credential["type"] = new JsonArray("VerifiableCredential", "EndorsementCredential"); break;
            case "proof.created": credential["proof"]!["created"] = "2025-03-04T05:06:08Z"; break;
            case "credentialSubject.id": credential["credentialSubject"]!["id"] = "did:example:someone-else"; break;
            case "proof.expires": credential["proof"]!["expires"] = "2030-01-01T00:00:00Z"; break;
        }

        var check = EddsaRdfc2022.Verify(credential, Resolve);

        Assert.False(check.Passed);
        Assert.Equal("signature does not match the document", check.Reason);
    }

    [Fact]
    public void Verify_WithoutProof_SaysProofMissing()
    {
        var credential = SignedCredential();
        credential.Remove("proof");

        Assert.Equal(ProofCheck.Fail("proof missing"), EddsaRdfc2022.Verify(credential, Resolve));
    }

    [Fact]
    public void Verify_WithAnotherCryptosuite_SaysWhichIsUnsupported()
    {
        var credential = SignedCredential();
        credential["proof"]!["cryptosuite"] = "ecdsa-rdfc-2019";

        Assert.Equal(ProofCheck.Fail("unsupported cryptosuite ecdsa-rdfc-2019"), EddsaRdfc2022.Verify(credential, Resolve));
    }

    [Fact]
    public void Verify_WhenATermIsNotInTheContext_SaysTheDocumentCannotBeCanonicalized()
    {
        var credential = SignedCredential();
        credential["favouriteColour"] = "blue";

        var check = EddsaRdfc2022.Verify(credential, Resolve);

        Assert.False(check.Passed);
        Assert.StartsWith("document cannot be canonicalized: ", check.Reason);
        Assert.Contains("favouriteColour", check.Reason);
    }

    [Fact]
    public void Verify_WithAnUnpinnedContext_SaysTheDocumentCannotBeCanonicalized()
    {
        var credential = SignedCredential();
        credential["@context"]!.AsArray().Add("https://evil.example/context.json");

        var check = EddsaRdfc2022.Verify(credential, Resolve);

        Assert.False(check.Passed);
        Assert.StartsWith("document cannot be canonicalized: ", check.Reason);
    }

    [Fact]
    public void Verify_WithGarbage_NeverThrows()
    {
        var inputs = new[]
        {
            new JsonObject { ["proof"] = "nonsense" },
            new JsonObject { ["proof"] = new JsonObject { ["type"] = "DataIntegrityProof", ["cryptosuite"] = "eddsa-rdfc-2022" } },
            new JsonObject
            {
                ["proof"] = new JsonObject
                {
                    ["type"] = "DataIntegrityProof", ["cryptosuite"] = "eddsa-rdfc-2022", ["proofPurpose"] = "assertionMethod",
                    ["verificationMethod"] = Method, ["proofValue"] = "not multibase",
                },
            },
            new JsonObject { ["@context"] = 42, ["proof"] = SignedCredential()["proof"]!.DeepClone() },
        };

        foreach (var input in inputs)
            Assert.False(EddsaRdfc2022.Verify(input, Resolve).Passed);
        Assert.False(EddsaRdfc2022.Verify(SignedCredential(), _ => throw new InvalidOperationException("resolver down")).Passed);
    }

    [Fact]
    public void Ed25519KeyPair_FromSeed_RecreatesTheSamePublicKeyAndSignatures()
    {
        var restored = Ed25519KeyPair.FromSeed(Key.PrivateKeySeed);
        var data = "hello"u8.ToArray();

        Assert.Equal(Key.PublicKey, restored.PublicKey);
        Assert.Equal(Key.Sign(data), restored.Sign(data));
        Assert.True(Ed25519KeyPair.Verify(Key.PublicKey, data, restored.Sign(data)));
        Assert.False(Ed25519KeyPair.Verify(Key.PublicKey, "hellO"u8, restored.Sign(data)));
    }
}
