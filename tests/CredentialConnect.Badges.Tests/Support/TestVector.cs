using System.Text.Json.Nodes;
using CredentialConnect.Badges.Multiformats;

namespace CredentialConnect.Badges.Tests.Support;

/// <summary>The 1EdTech Open Badges 3.0 test vector and its issuer's key.</summary>
public static class TestVector
{
    public const string VerificationMethod =
        "https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";

    public static JsonObject Credential() =>
        JsonNode.Parse(File.ReadAllText(RepoPaths.Conformance("1edtech-testvector.json")))!.AsObject();

    public static byte[] IssuerPublicKey()
    {
        var issuer = JsonNode.Parse(File.ReadAllText(RepoPaths.Conformance("1edtech-testvector-issuer.json")))!;
        return Multikey.DecodeEd25519PublicKey(issuer["verificationMethod"]![0]!["publicKeyMultibase"]!.GetValue<string>());
    }

    /// <summary>Resolves only the issuer's published verification method.</summary>
    public static byte[]? ResolveIssuerKey(string verificationMethod) =>
        verificationMethod == VerificationMethod ? IssuerPublicKey() : null;
}
