using System.Text.Json.Nodes;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>What an Open Badges 2.0 hosted assertion says about one credential, as it stands now.</summary>
public sealed record HostedAssertionFacts(
    string Number, string ProgramCode, string RecipientEmail, string RecipientSalt,
    DateTimeOffset IssuedOn, DateTimeOffset? Expires, bool Revoked, string? RevocationReason);

/// <summary>
/// Open Badges 2.0 hosted verification, for older backpacks: the assertion, its BadgeClass and the Issuer, each
/// served as JSON at the URL that is its id. Verification is "hosted": the assertion's own URL is the proof.
/// </summary>
public static class OpenBadges2
{
    public const string Context = "https://w3id.org/openbadges/v2";

    public static string AssertionUrl(BadgeIssuer issuer, string number) => $"{issuer.BaseUrl}/ob2/assertions/{Uri.EscapeDataString(number)}";
    public static string BadgeClassUrl(BadgeIssuer issuer, string programCode) => $"{issuer.BaseUrl}/ob2/badges/{Uri.EscapeDataString(programCode)}";
    public static string IssuerUrl(BadgeIssuer issuer) => $"{issuer.BaseUrl}/ob2/issuer";

    public static JsonObject Assertion(BadgeIssuer issuer, HostedAssertionFacts facts)
    {
        var assertion = new JsonObject
        {
            ["@context"] = Context,
            ["type"] = "Assertion",
            ["id"] = AssertionUrl(issuer, facts.Number),
            ["recipient"] = new JsonObject
            {
                ["type"] = "email",
                ["hashed"] = true,
                ["salt"] = facts.RecipientSalt,
                ["identity"] = RecipientIdentity.HashEmail(facts.RecipientEmail, facts.RecipientSalt),
            },
            ["badge"] = BadgeClassUrl(issuer, facts.ProgramCode),
            ["verification"] = new JsonObject { ["type"] = "hosted" },
            ["issuedOn"] = OpenBadgeCredentialBuilder.Timestamp(facts.IssuedOn),
        };
        if (facts.Expires is { } expires) assertion["expires"] = OpenBadgeCredentialBuilder.Timestamp(expires);
        if (facts.Revoked)
        {
            assertion["revoked"] = true;
            assertion["revocationReason"] = facts.RevocationReason ?? "Revoked by the issuer.";
        }
        return assertion;
    }

    public static JsonObject BadgeClass(BadgeIssuer issuer, string programCode, string name, string description, string criteriaNarrative) => new()
    {
        ["@context"] = Context,
        ["type"] = "BadgeClass",
        ["id"] = BadgeClassUrl(issuer, programCode),
        ["name"] = name,
        ["description"] = string.IsNullOrWhiteSpace(description) ? name : description,
        ["image"] = issuer.BadgeImageUrl(programCode),
        ["criteria"] = new JsonObject
        {
            ["narrative"] = string.IsNullOrWhiteSpace(criteriaNarrative) ? $"Meet every requirement of {name}." : criteriaNarrative,
        },
        ["issuer"] = IssuerUrl(issuer),
    };

    public static JsonObject Issuer(BadgeIssuer issuer) => new()
    {
        ["@context"] = Context,
        ["type"] = "Issuer",
        ["id"] = IssuerUrl(issuer),
        ["name"] = issuer.Name,
        ["url"] = issuer.Options.IssuerUrl,
        ["email"] = issuer.Options.IssuerEmail,
    };
}
