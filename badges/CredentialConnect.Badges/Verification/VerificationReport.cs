using System.Text.Json.Nodes;

namespace CredentialConnect.Badges.Verification;

/// <summary>How a credential reached the verifier.</summary>
public enum CredentialFormat { Json, Jwt, Png, Svg }

/// <summary>The verdict in one word, for people and machines: what an employer needs to know first.</summary>
public enum CredentialVerdict { Verified, Revoked, Suspended, Expired, NotYetValid, Invalid }

/// <summary>One check the verifier made: <c>proof</c>, <c>issuer</c>, <c>validFrom</c>, <c>validUntil</c>, <c>revocation</c>, <c>suspension</c>.</summary>
public sealed record VerificationCheck(string Name, bool Passed, string Reason);

/// <summary>
/// What the verifier found. <see cref="Readable"/> is false when the input is not a credential at all (not JSON, a
/// truncated PNG, unsafe XML); then <see cref="Problem"/> says why and there are no checks.
/// </summary>
public sealed record VerificationReport(
    bool Readable, string? Problem, CredentialFormat? Format, JsonObject? Credential, IReadOnlyList<VerificationCheck> Checks, DateTimeOffset CheckedAt)
{
    public bool Verified => Readable && Checks.Count > 0 && Checks.All(c => c.Passed);

    public CredentialVerdict Verdict =>
        Verified ? CredentialVerdict.Verified
        : Failed("proof") || Failed("issuer") || !Readable ? CredentialVerdict.Invalid
        : Failed("revocation") ? CredentialVerdict.Revoked
        : Failed("suspension") ? CredentialVerdict.Suspended
        : Failed("validUntil") ? CredentialVerdict.Expired
        : Failed("validFrom") ? CredentialVerdict.NotYetValid
        : CredentialVerdict.Invalid;

    private bool Failed(string check) => Checks.Any(c => c.Name == check && !c.Passed);

    public static VerificationReport Unreadable(string problem, DateTimeOffset at, CredentialFormat? format = null) =>
        new(false, problem, format, null, [], at);
}
