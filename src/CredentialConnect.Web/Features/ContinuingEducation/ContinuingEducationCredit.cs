using CredentialConnect.Web.Data;

namespace CredentialConnect.Web.Features.ContinuingEducation;

public enum CreditSource { Lms, SelfReported, Import }

public enum CreditReviewStatus { NotRequired, Pending, Accepted, Rejected }

/// <summary>Hours of continuing education a member earned, counted toward recertification.</summary>
public sealed class ContinuingEducationCredit : IAuditable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public required string Activity { get; set; }
    public required string Category { get; set; }
    public decimal Hours { get; set; }
    public DateTimeOffset EarnedAt { get; set; }
    public CreditSource Source { get; init; }

    /// <summary>A link to, or description of, the evidence (a certificate of completion, a transcript).</summary>
    public string? Evidence { get; set; }

    public CreditReviewStatus ReviewStatus { get; set; } = CreditReviewStatus.NotRequired;

    /// <summary>The source system's id for the record it came from (an xAPI statement id), so a voiding can undo it and a replay cannot add it twice.</summary>
    public string? SourceRecordId { get; init; }

    /// <summary>Why a reviewer (or a CE audit) accepted or rejected the credit; kept here so the audit log records it.</summary>
    public string? ReviewReason { get; set; }

    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>Whether the credit counts toward a cycle's requirements: pending and rejected credits do not.</summary>
    public static bool Counts(CreditReviewStatus status) => status is CreditReviewStatus.NotRequired or CreditReviewStatus.Accepted;

    /// <summary>Records a review decision and who made it, and why.</summary>
    public void Review(bool accepted, string? reason, string reviewedBy, DateTimeOffset at)
    {
        ReviewStatus = accepted ? CreditReviewStatus.Accepted : CreditReviewStatus.Rejected;
        ReviewReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        ReviewedBy = reviewedBy;
        ReviewedAt = at;
    }
}
