using System.Globalization;
using System.Text.Json.Nodes;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>Where a credential's bits sit: the same index in the revocation and the suspension list of one number.</summary>
public sealed record StatusListPosition(int ListNumber, int Index);

/// <summary>Everything one cycle's badge says, read from the credential, its member and its program.</summary>
public sealed record BadgeFacts(
    string Number, int Cycle, DateTimeOffset AwardedAt, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil,
    string RecipientEmail, string RecipientSalt,
    string ProgramCode, string ProgramName, string ProgramDescription, string CriteriaNarrative,
    StatusListPosition Status);

/// <summary>
/// Builds the unsigned Open Badges 3.0 <c>OpenBadgeCredential</c> (W3C VC Data Model 2.0) of one credential cycle.
/// Pure: the same facts give the same document, so a proof over it is reproducible.
/// </summary>
public static class OpenBadgeCredentialBuilder
{
    public const string CredentialsContext = "https://www.w3.org/ns/credentials/v2";
    public const string OpenBadgesContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

    public static JsonObject Build(BadgeIssuer issuer, BadgeFacts facts)
    {
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(CredentialsContext, OpenBadgesContext),
            ["id"] = issuer.CredentialUrl(facts.Number),
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["issuer"] = issuer.EmbeddedProfile(),
            ["name"] = facts.ProgramName,
            ["validFrom"] = Timestamp(facts.ValidFrom),
        };
        if (facts.ValidUntil is { } until) credential["validUntil"] = Timestamp(until);
        credential["awardedDate"] = Timestamp(facts.AwardedAt);
        credential["credentialSubject"] = Subject(issuer, facts);
        credential["credentialStatus"] = new JsonArray(StatusPurposes.All.Select(p => (JsonNode)StatusEntry(issuer, p, facts.Status)).ToArray());
        return credential;
    }

    /// <summary>XML Schema dateTime in UTC to the second, as VC 2.0 examples and verifiers expect.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Subject(BadgeIssuer issuer, BadgeFacts facts) => new()
    {
        ["type"] = new JsonArray("AchievementSubject"),
        ["identifier"] = new JsonArray(new JsonObject
        {
            ["type"] = "IdentityObject",
            ["identityHash"] = RecipientIdentity.HashEmail(facts.RecipientEmail, facts.RecipientSalt),
            ["identityType"] = RecipientIdentity.EmailAddress,
            ["hashed"] = true,
            ["salt"] = facts.RecipientSalt,
        }),
        ["achievement"] = Achievement(issuer, facts.ProgramCode, facts.ProgramName, facts.ProgramDescription, facts.CriteriaNarrative),
    };

    /// <summary>The program as an Open Badges 3.0 Achievement: what the badge is for, how it is earned, and its image.</summary>
    public static JsonObject Achievement(BadgeIssuer issuer, string programCode, string programName, string description, string criteriaNarrative) => new()
    {
        ["id"] = issuer.AchievementUrl(programCode),
        ["type"] = new JsonArray("Achievement"),
        ["name"] = programName,
        ["description"] = string.IsNullOrWhiteSpace(description) ? programName : description,
        ["criteria"] = new JsonObject
        {
            ["narrative"] = string.IsNullOrWhiteSpace(criteriaNarrative)
                ? $"Awarded by {issuer.Name} to members who meet every requirement of {programName}."
                : criteriaNarrative,
        },
        ["image"] = new JsonObject { ["id"] = issuer.BadgeImageUrl(programCode), ["type"] = "Image" },
    };

    private static JsonObject StatusEntry(BadgeIssuer issuer, StatusPurpose purpose, StatusListPosition position)
    {
        var list = issuer.StatusListUrl(purpose, position.ListNumber);
        var index = position.Index.ToString(CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = $"{list}#{index}",
            ["type"] = "BitstringStatusListEntry",
            ["statusPurpose"] = StatusPurposes.Name(purpose),
            ["statusListIndex"] = index,
            ["statusListCredential"] = list,
        };
    }
}
