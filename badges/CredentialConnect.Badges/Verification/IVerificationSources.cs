using System.Text.Json.Nodes;

namespace CredentialConnect.Badges.Verification;

/// <summary>Where the verifier finds the issuer's public keys, retired ones included. Null means unknown.</summary>
public interface IVerificationKeys
{
    /// <summary>The raw Ed25519 public key of a Data Integrity verificationMethod URL.</summary>
    byte[]? Ed25519PublicKey(string verificationMethod);

    /// <summary>The public JWK of a VC-JWT <c>kid</c>.</summary>
    JsonObject? JsonWebKey(string keyId);
}

/// <summary>Where the verifier finds a signed Bitstring status list credential by its URL. Null means unknown.</summary>
public interface IStatusListSource
{
    Task<JsonObject?> FindAsync(string statusListCredential, CancellationToken cancellationToken);
}
