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

    public JsonNode Load(string url) => throw new NotImplementedException();
}
