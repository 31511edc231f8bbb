namespace CredentialConnect.Web.Features.ContinuingEducation;

/// <summary>
/// A CE credit as reported. A Member reports their own (self-reported, with evidence, reviewed before it counts);
/// staff and API clients may also record credits from the LMS or an import, naming the source record.
/// </summary>
public sealed record CeCreditWrite(Guid? MemberId, string? Activity, string? Category, decimal? Hours, DateTimeOffset? EarnedAt,
    CreditSource? Source, string? Evidence, string? SourceRecordId);

public sealed record CeCreditReviewWrite(CeReviewDecision? Decision, string? Reason);

public enum CeReviewDecision { Accept, Reject }

public sealed record CeCreditFilter(Guid? MemberId, string? Status);

public sealed record CeCreditResponse(Guid Id, Guid MemberId, string Activity, string Category, decimal Hours, DateTimeOffset EarnedAt,
    CreditSource Source, string? Evidence, CreditReviewStatus ReviewStatus, string? SourceRecordId,
    string? ReviewReason, string? ReviewedBy, DateTimeOffset? ReviewedAt)
{
    public static CeCreditResponse From(ContinuingEducationCredit c) => new(c.Id, c.MemberId, c.Activity, c.Category, c.Hours, c.EarnedAt,
        c.Source, c.Evidence, c.ReviewStatus, c.SourceRecordId, c.ReviewReason, c.ReviewedBy, c.ReviewedAt);
}
