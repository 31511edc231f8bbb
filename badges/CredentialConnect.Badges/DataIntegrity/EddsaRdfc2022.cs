using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialConnect.Badges.Canonicalization;
using CredentialConnect.Badges.JsonLd;
using CredentialConnect.Badges.Multiformats;

namespace CredentialConnect.Badges.DataIntegrity;

/// <summary>The W3C Data Integrity cryptosuite <c>eddsa-rdfc-2022</c>: RDFC-1.0 canonical form, SHA-256, Ed25519.</summary>
public static class EddsaRdfc2022
{
    public const string Cryptosuite = "eddsa-rdfc-2022";
    public const string ProofType = "DataIntegrityProof";

    // The proof options of a batch are usually the same for every credential (same contexts, key, purpose and time),
    // so their hash is kept by the exact JSON it was computed from; the cache is per loader, like processed contexts.
    private const int MaxCachedProofOptions = 1024;
    private static readonly ConditionalWeakTable<IContextLoader, ConcurrentDictionary<string, byte[]>> ProofOptionsHashes = new();

    /// <summary>A copy of <paramref name="unsecured"/> with a <c>DataIntegrityProof</c> (proofPurpose assertionMethod).</summary>
    public static JsonObject Sign(JsonObject unsecured, Ed25519KeyPair key, string verificationMethod, DateTimeOffset created,
        IContextLoader? contexts = null)
    {
        ArgumentNullException.ThrowIfNull(unsecured);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(verificationMethod);
        contexts ??= PinnedContexts.Instance;

        var document = (JsonObject)unsecured.DeepClone();
        document.Remove("proof");
        var proof = new JsonObject
        {
            ["type"] = ProofType,
            ["created"] = created.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["verificationMethod"] = verificationMethod,
            ["cryptosuite"] = Cryptosuite,
            ["proofPurpose"] = "assertionMethod",
        };

        var hashData = HashData(document, proof, contexts);
        proof["proofValue"] = Multibase.EncodeBase58Btc(key.Sign(hashData));
        document["proof"] = proof;
        return document;
    }

    /// <summary>
    /// Checks the document's proof. <paramref name="publicKeyFor"/> resolves a verificationMethod URL to the raw
    /// Ed25519 public key, or null when it is unknown.
    /// </summary>
    public static ProofCheck Verify(JsonObject secured, Func<string, byte[]?> publicKeyFor, IContextLoader? contexts = null)
    {
        if (secured is null) return ProofCheck.Fail("document missing");
        contexts ??= PinnedContexts.Instance;

        var proofNode = secured["proof"];
        if (proofNode is JsonArray { Count: 1 } single) proofNode = single[0];
        if (proofNode is JsonArray) return ProofCheck.Fail("more than one proof; only a single proof is supported");
        if (proofNode is not JsonObject proof) return ProofCheck.Fail("proof missing");

        var type = Text(proof, "type");
        if (type != ProofType) return ProofCheck.Fail($"unsupported proof type {type ?? "(none)"}");
        var cryptosuite = Text(proof, "cryptosuite");
        if (cryptosuite != Cryptosuite) return ProofCheck.Fail($"unsupported cryptosuite {cryptosuite ?? "(none)"}");
        var purpose = Text(proof, "proofPurpose");
        if (purpose != "assertionMethod") return ProofCheck.Fail($"unsupported proof purpose {purpose ?? "(none)"}");
        var verificationMethod = Text(proof, "verificationMethod");
        if (string.IsNullOrEmpty(verificationMethod)) return ProofCheck.Fail("proof has no verificationMethod");

        byte[] signature;
        try
        {
            signature = Multibase.DecodeBase58Btc(Text(proof, "proofValue") ?? "");
        }
        catch (FormatException)
        {
            return ProofCheck.Fail("proofValue is not a base58btc multibase value");
        }
        if (signature.Length != 64) return ProofCheck.Fail("proofValue is not an Ed25519 signature (64 bytes)");

        byte[]? publicKey;
        try
        {
            publicKey = publicKeyFor(verificationMethod);
        }
        catch (Exception e)
        {
            return ProofCheck.Fail($"verification method {verificationMethod} could not be resolved: {e.Message}");
        }
        if (publicKey is null) return ProofCheck.Fail($"unknown verification method {verificationMethod}");
        if (publicKey.Length != 32) return ProofCheck.Fail($"verification method {verificationMethod} is not an Ed25519 key");

        byte[] hashData;
        try
        {
            var document = (JsonObject)secured.DeepClone();
            document.Remove("proof");
            var options = (JsonObject)proof.DeepClone();
            options.Remove("proofValue");
            options.Remove("@context");
            hashData = HashData(document, options, contexts);
        }
        catch (Exception e)
        {
            return ProofCheck.Fail($"document cannot be canonicalized: {e.Message}");
        }

        return Ed25519KeyPair.Verify(publicKey, hashData, signature)
            ? ProofCheck.Pass($"signature verified with {verificationMethod}")
            : ProofCheck.Fail("signature does not match the document");
    }

    /// <summary>The canonical N-Quads a proof covers: the proof options (with the document's @context) and the document.</summary>
    public static (string ProofOptions, string Document) CanonicalForms(JsonObject unsecured, JsonObject proofOptions,
        IContextLoader? contexts = null)
    {
        contexts ??= PinnedContexts.Instance;
        var options = (JsonObject)proofOptions.DeepClone();
        if (unsecured.TryGetPropertyValue("@context", out var context)) options["@context"] = context?.DeepClone();
        return (Rdfc10.Canonicalize(JsonLdToRdf.ToRdf(options, contexts)),
            Rdfc10.Canonicalize(JsonLdToRdf.ToRdf(unsecured, contexts)));
    }

    // hashData = SHA-256(canonical proof options) || SHA-256(canonical document).
    private static byte[] HashData(JsonObject document, JsonObject proofOptions, IContextLoader contexts)
    {
        var result = new byte[64];
        ProofOptionsHash(document, proofOptions, contexts).CopyTo(result, 0);
        Rdfc10.CanonicalSha256(JsonLdToRdf.ToRdf(document, contexts), result.AsSpan(32));
        return result;
    }

    private static byte[] ProofOptionsHash(JsonObject document, JsonObject proofOptions, IContextLoader contexts)
    {
        // JSON text has no raw line breaks, so the two texts joined by one cannot be confused with other options.
        var hasContext = document.TryGetPropertyValue("@context", out var context);
        var key = string.Concat(proofOptions.ToJsonString(), "\n", hasContext ? context?.ToJsonString() ?? "null" : "");
        var cache = ProofOptionsHashes.GetValue(contexts, _ => new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal));
        if (cache.TryGetValue(key, out var cached)) return cached;

        var options = (JsonObject)proofOptions.DeepClone();
        if (hasContext) options["@context"] = context?.DeepClone();
        var hash = new byte[32];
        Rdfc10.CanonicalSha256(JsonLdToRdf.ToRdf(options, contexts), hash);
        if (cache.Count >= MaxCachedProofOptions) cache.Clear();
        cache[key] = hash;
        return hash;
    }

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
