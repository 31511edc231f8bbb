using System.Globalization;
using System.Text.RegularExpressions;
using CredentialConnect.Web.Data;

namespace CredentialConnect.Web.Features.Credentials;

public enum CredentialStatus { Active, Expiring, Lapsed, Suspended, Revoked }

/// <summary>
/// A member's award of a program. The same credential — same number — lives on through every
/// recertification cycle; <see cref="StatusHistory"/> keeps each change and why it happened.
/// </summary>
public sealed class Credential : IAuditable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The human-readable number printed on certificates, e.g. <c>CERT-2026-000123</c>.</summary>
    public required string Number { get; init; }

    public Guid MemberId { get; init; }
    public Guid ProgramId { get; init; }
    public DateTimeOffset IssuedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public int CurrentCycle { get; set; } = 1;
    public DateTimeOffset CycleStartedAt { get; set; }
    public CredentialStatus Status { get; private set; } = CredentialStatus.Active;
    public List<CredentialStatusChange> StatusHistory { get; init; } = [];

    /// <summary>Why the credential has its current status: kept on the credential so the audit log records the reason with the change.</summary>
    public string? StatusReason { get; private set; }

    /// <summary>
    /// Why staff should look at this award again (the exam pass it rested on was voided or no longer counts); null when
    /// nothing is in question. A flag never changes the status: undoing an award is staff's decision.
    /// </summary>
    public string? ReviewReason { get; private set; }

    /// <summary>When the award was flagged for review; null when it is not.</summary>
    public DateTimeOffset? FlaggedAt { get; private set; }

    /// <summary>Flags the award for staff review; a second reason is added to the first, the first time kept.</summary>
    public void FlagForReview(string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var combined = ReviewReason is null ? reason : $"{ReviewReason} {reason}";
        ReviewReason = combined.Length <= ReviewReasonMaxLength ? combined : combined[..ReviewReasonMaxLength];
        FlaggedAt ??= at;
    }

    /// <summary>Why staff last cleared a review flag: kept on the credential so the audit log records the reason with the change.</summary>
    public string? ReviewClearedReason { get; private set; }

    /// <summary>Staff looked at the award and kept it as it is, for <paramref name="reason"/>.</summary>
    public void ClearReview(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ReviewReason = null;
        FlaggedAt = null;
        ReviewClearedReason = reason;
    }

    public const int ReviewReasonMaxLength = 1000;

    /// <summary>A new credential, Active from <paramref name="issuedAt"/>, its history opened with the award.</summary>
    public static Credential Award(string number, Guid memberId, Guid programId, DateTimeOffset issuedAt, DateTimeOffset? expiresAt, string awardedBy,
        string reason = "Awarded.")
    {
        var credential = new Credential
        {
            Number = number, MemberId = memberId, ProgramId = programId, IssuedAt = issuedAt, ExpiresAt = expiresAt, CycleStartedAt = issuedAt,
        };
        credential.Record(from: null, CredentialStatus.Active, reason, awardedBy, issuedAt);
        return credential;
    }

    /// <summary>Moves the credential to <paramref name="to"/>, recording who did it and why.</summary>
    public void ChangeStatus(CredentialStatus to, string reason, string changedBy, DateTimeOffset at) =>
        Record(Status, to, reason, changedBy, at);

    /// <summary>
    /// Starts the next recertification cycle of the same credential: it begins where the last one ended and runs to
    /// <paramref name="nextExpiresAt"/>, and the credential is Active again, its history kept.
    /// </summary>
    public void Renew(DateTimeOffset nextExpiresAt, string reason, string renewedBy, DateTimeOffset at)
    {
        CycleStartedAt = ExpiresAt ?? at;
        ExpiresAt = nextExpiresAt;
        CurrentCycle++;
        Record(Status, CredentialStatus.Active, reason, renewedBy, at);
    }

    private void Record(CredentialStatus? from, CredentialStatus to, string reason, string changedBy, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        StatusHistory.Add(new CredentialStatusChange
        {
            CredentialId = Id, From = from, To = to, Reason = reason, ChangedBy = changedBy, ChangedAt = at,
        });
        Status = to;
        StatusReason = reason;
    }
}

/// <summary>One step in a credential's status history.</summary>
public sealed class CredentialStatusChange
{
    public long Id { get; init; }
    public Guid CredentialId { get; init; }
    public CredentialStatus? From { get; init; }
    public CredentialStatus To { get; init; }
    public required string Reason { get; init; }
    public required string ChangedBy { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
}

public static partial class CredentialNumber
{
    /// <summary>The number prefix tells a reader the kind of credential at a glance.</summary>
    public static string PrefixFor(Programs.ProgramKind kind) => kind switch
    {
        Programs.ProgramKind.Certification => "CERT",
        Programs.ProgramKind.Certificate => "CTFC",
        Programs.ProgramKind.MicroCredential => "MCRD",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static string Format(Programs.ProgramKind kind, int year, int sequence) =>
        $"{PrefixFor(kind)}-{year:D4}-{sequence:D6}";

    /// <summary>
    /// Reads a number written as <see cref="Format"/> writes it (<c>CERT-2026-000123</c>, any case); false for
    /// anything else, including sequence 0, which is never issued.
    /// </summary>
    public static bool TryParse(string? text, out Programs.ProgramKind kind, out int year, out int sequence)
    {
        (kind, year, sequence) = (default, 0, 0);
        var match = text is null ? null : Pattern().Match(text.Trim().ToUpperInvariant());
        if (match is not { Success: true }) return false;
        kind = match.Groups["prefix"].Value switch
        {
            "CERT" => Programs.ProgramKind.Certification,
            "CTFC" => Programs.ProgramKind.Certificate,
            _ => Programs.ProgramKind.MicroCredential,
        };
        year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        sequence = int.Parse(match.Groups["sequence"].Value, CultureInfo.InvariantCulture);
        return sequence > 0;
    }

    [GeneratedRegex(@"^(?<prefix>CERT|CTFC|MCRD)-(?<year>\d{4})-(?<sequence>\d{6})$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
