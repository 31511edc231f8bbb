using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace CredentialConnect.Badges.JsonLd;

/// <summary>
/// The contexts a credential of ours may use, embedded in the assembly at the versions we pin:
/// W3C credentials v2, Open Badges 3.0.3, Data Integrity v2 and Multikey v1.
/// </summary>
public sealed class PinnedContexts : IContextLoader
{
    public static PinnedContexts Instance { get; } = new();

    public const string CredentialsV2 = "https://www.w3.org/ns/credentials/v2";
    public const string OpenBadgesV3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    public const string DataIntegrityV2 = "https://w3id.org/security/data-integrity/v2";
    public const string MultikeyV1 = "https://w3id.org/security/multikey/v1";

    private static readonly IReadOnlyDictionary<string, string> ResourceByUrl = new Dictionary<string, string>
    {
        [CredentialsV2] = "contexts/credentials-v2.jsonld",
        [OpenBadgesV3] = "contexts/ob-3.0.3.jsonld",
        [DataIntegrityV2] = "contexts/data-integrity-v2.jsonld",
        [MultikeyV1] = "contexts/multikey-v1.jsonld",
    };

    private readonly ConcurrentDictionary<string, JsonNode> _parsed = new();

    /// <summary>The URLs this loader serves.</summary>
    public static IEnumerable<string> Urls => ResourceByUrl.Keys;

    /// <summary>The parsed document, shared between callers: treat it as read-only.</summary>
    public JsonNode Load(string url)
    {
        if (!ResourceByUrl.TryGetValue(url, out var resource))
            throw new JsonLdException($"The context '{url}' is not one of the pinned contexts; contexts are never fetched.");
        return _parsed.GetOrAdd(url, _ => Read(resource));
    }

    private static JsonNode Read(string resource)
    {
        using var stream = typeof(PinnedContexts).Assembly.GetManifestResourceStream(resource)
            ?? throw new JsonLdException($"The embedded context '{resource}' is missing from the assembly.");
        return JsonNode.Parse(stream) ?? throw new JsonLdException($"The embedded context '{resource}' is empty.");
    }
}
