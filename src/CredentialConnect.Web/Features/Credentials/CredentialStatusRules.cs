using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.Web.Features.Credentials;

/// <summary>What staff can do to a credential's standing.</summary>
public enum CredentialAction { Suspend, Revoke, Reinstate }

/// <summary>The pure rules of suspending, revoking and reinstating: which statuses each starts from, and where each lands.</summary>
public static class CredentialStatusRules
{
    /// <summary>
    /// Suspend pauses a credential in good standing. Revoke ends any credential not already revoked. Reinstate undoes a
    /// suspension or a revocation (a revocation made in error, or a bulk revoke that caught too much); a lapsed
    /// credential comes back through renewal, not here.
    /// </summary>
    public static IReadOnlyList<CredentialStatus> AllowedFrom(CredentialAction action) => action switch
    {
        CredentialAction.Suspend => [CredentialStatus.Active, CredentialStatus.Expiring],
        CredentialAction.Revoke => [CredentialStatus.Active, CredentialStatus.Expiring, CredentialStatus.Suspended, CredentialStatus.Lapsed],
        CredentialAction.Reinstate => [CredentialStatus.Suspended, CredentialStatus.Revoked],
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static bool IsAllowed(CredentialAction action, CredentialStatus from) => AllowedFrom(action).Contains(from);

    /// <summary>
    /// Where the action leaves the credential. Reinstating restores what the dates say: Expiring from the first expiring
    /// notice before the end date (past the end too, so the daily sweep decides on a lapse), Active before that.
    /// </summary>
    public static CredentialStatus Target(CredentialAction action, DateTimeOffset? expiresAt, RecertificationRules? recertification, DateTimeOffset now) => action switch
    {
        CredentialAction.Suspend => CredentialStatus.Suspended,
        CredentialAction.Revoke => CredentialStatus.Revoked,
        CredentialAction.Reinstate => expiresAt is { } end && now >= end.AddDays(-FirstNoticeDays(recertification)) ? CredentialStatus.Expiring : CredentialStatus.Active,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static string EventType(CredentialAction action) => action switch
    {
        CredentialAction.Suspend => DomainEventTypes.CredentialSuspended,
        CredentialAction.Revoke => DomainEventTypes.CredentialRevoked,
        CredentialAction.Reinstate => DomainEventTypes.CredentialReinstated,
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>Why an action cannot apply, in words, for a 409.</summary>
    public static string Refusal(CredentialAction action, Credential credential) =>
        $"Credential {credential.Number} is {credential.Status}; it can be {Past(action)} only when {string.Join(" or ", AllowedFrom(action))}.";

    public static string Past(CredentialAction action) => action switch
    {
        CredentialAction.Suspend => "suspended",
        CredentialAction.Revoke => "revoked",
        _ => "reinstated",
    };

    private static int FirstNoticeDays(RecertificationRules? recertification) =>
        recertification?.ExpiringNoticeDays is { Count: > 0 } days ? days.Max() : RecertificationRules.DefaultExpiringNoticeDays.Max();
}
