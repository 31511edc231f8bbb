using System.Text.Json.Nodes;
using CredentialConnect.Badges.JsonLd;

namespace CredentialConnect.Badges.DataIntegrity;

/// <summary>The W3C Data Integrity cryptosuite <c>eddsa-rdfc-2022</c>: RDFC-1.0 canonical form, SHA-256, Ed25519.</summary>
public static class EddsaRdfc2022
{
    public const string Cryptosuite = "eddsa-rdfc-2022";

    /// <summary>A copy of <paramref name="unsecured"/> with a <c>DataIntegrityProof</c> (proofPurpose assertionMethod).</summary>
    public static JsonObject Sign(JsonObject unsecured, Ed25519KeyPair key, string verificationMethod, DateTimeOffset created,
        IContextLoader? contexts = null) => throw new NotImplementedException();

    /// <summary>
    /// Checks the document's proof. <paramref name="publicKeyFor"/> resolves a verificationMethod URL to the raw
    /// Ed25519 public key, or null when it is unknown.
    /// </summary>
    public static ProofCheck Verify(JsonObject secured, Func<string, byte[]?> publicKeyFor, IContextLoader? contexts = null) =>
        throw new NotImplementedException();
}
