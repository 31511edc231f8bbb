using System.Globalization;
using System.Text.Json.Nodes;
using CredentialConnect.Badges;
using CredentialConnect.Badges.Verification;
using CredentialConnect.Web.Features.Badges;

namespace CredentialConnect.Web.Features.Verification;

/// <summary>One check the verifier made, passed or failed, and why.</summary>
public sealed record VerificationCheckResponse(string Name, bool Passed, string Reason);

/// <summary>What the checked credential says about itself (from the signed document, not from the hub's records).</summary>
public sealed record VerifiedCredentialSummary(
    string? Id, string? Number, string? Program, string? Issuer, string? IssuerId, DateTimeOffset? ValidFrom, DateTimeOffset? ValidUntil, string? Format);

/// <summary>
/// The machine-readable result: the verdict in one word (Verified, Revoked, Suspended, Expired, NotYetValid, Invalid),
/// every check with its reason, and what the credential claims. <see cref="Status"/> is the hub's record right now
/// (only for a check by number).
/// </summary>
public sealed record VerificationResponse(
    string Verdict, bool Verified, IReadOnlyList<VerificationCheckResponse> Checks, VerifiedCredentialSummary? Credential, string? Status,
    DateTimeOffset CheckedAt)
{
    public static VerificationResponse From(VerificationReport report, BadgeIssuer issuer, string? status = null) => new(
        report.Verdict.ToString(), report.Verified, report.Checks.Select(c => new VerificationCheckResponse(c.Name, c.Passed, c.Reason)).ToList(),
        report.Credential is { } credential ? Summary(credential, report.Format, issuer) : null, status, report.CheckedAt);

    private static VerifiedCredentialSummary Summary(JsonObject credential, CredentialFormat? format, BadgeIssuer issuer)
    {
        var id = Text(credential["id"]);
        var ours = issuer.CredentialUrl("");
        var number = id is not null && id.StartsWith(ours, StringComparison.Ordinal) ? Uri.UnescapeDataString(id[ours.Length..]) : null;
        var issuerNode = credential["issuer"];
        return new VerifiedCredentialSummary(
            id, number,
            Text(Property(Property(credential["credentialSubject"], "achievement"), "name")) ?? Text(credential["name"]),
            Text(Property(issuerNode, "name")),
            CredentialJson.IssuerId(credential),
            Date(credential["validFrom"]), Date(credential["validUntil"]), format?.ToString().ToLowerInvariant());
    }

    // A credential from outside may have any shape: an array where an object belongs reads as absent, never throws.
    private static JsonNode? Property(JsonNode? node, string name) => node is JsonObject o ? o[name] : null;

    private static string? Text(JsonNode? node) => CredentialJson.Text(node);

    private static DateTimeOffset? Date(JsonNode? node) => CredentialJson.Date(node);
}
