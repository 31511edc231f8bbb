using System.Text.Json.Nodes;

namespace CredentialConnect.Badges.Tests.Jwt;

/// <summary>An Open Badges 3.0 credential without a proof, as the hub issues it.</summary>
internal sealed class CredentialBuilder
{
    private string _validFrom = "2025-03-01T00:00:00Z";
    private string? _validUntil = "2028-03-01T00:00:00Z";
    private string? _subjectId = "did:example:member-42";

    public CredentialBuilder WithValidUntil(string? validUntil) { _validUntil = validUntil; return this; }

    public CredentialBuilder WithValidFrom(string validFrom) { _validFrom = validFrom; return this; }

    public CredentialBuilder WithoutSubjectId() { _subjectId = null; return this; }

    public JsonObject Build()
    {
        var subject = new JsonObject
        {
            ["type"] = new JsonArray("AchievementSubject"),
            ["achievement"] = new JsonObject
            {
                ["id"] = "https://hub.example.org/achievements/cpa",
                ["type"] = new JsonArray("Achievement"),
                ["name"] = "Certified Practice Associate",
                ["criteria"] = new JsonObject { ["narrative"] = "Passed the CPA exam." },
            },
        };
        if (_subjectId is not null) subject["id"] = _subjectId;
        else subject["identifier"] = new JsonArray(new JsonObject
        {
            ["type"] = "IdentityObject", ["identityHash"] = "sha256$abc123", ["identityType"] = "emailAddress", ["hashed"] = true,
        });

        var credential = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
            ["id"] = "urn:uuid:2f1e9a52-9b7c-4c55-8e8e-1b6a2c3d4e5f",
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["issuer"] = new JsonObject { ["id"] = "did:web:hub.example.org", ["type"] = new JsonArray("Profile"), ["name"] = "Example Association" },
            ["validFrom"] = _validFrom,
            ["name"] = "Certified Practice Associate",
            ["credentialSubject"] = subject,
        };
        if (_validUntil is not null) credential["validUntil"] = _validUntil;
        return credential;
    }
}
