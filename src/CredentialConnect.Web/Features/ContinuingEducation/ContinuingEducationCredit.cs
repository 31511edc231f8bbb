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
}
