namespace CredentialConnect.Web.Features.ContinuingEducation;

/// <summary>The rules a reported CE credit must satisfy; errors are keyed by JSON path.</summary>
public static class CeCreditRules
{
    /// <summary>No single activity earns more; anything above is a typo (minutes for hours) or a unit mix-up.</summary>
    public const decimal MaxHours = 500;

    public const int MaxActivityLength = 300;
    public const int MaxCategoryLength = 100;
    public const int MaxEvidenceLength = 2048;
    public const int MaxSourceRecordIdLength = 128;
    public const int MaxReasonLength = 1000;

    /// <param name="reportedByMember">True when a Member reports for themself: the credit is self-reported and needs evidence.</param>
    public static Dictionary<string, string[]> Validate(CeCreditWrite c, bool reportedByMember, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (!reportedByMember && c.MemberId is null) Add("memberId", "Name the member the credit belongs to.");
        if (string.IsNullOrWhiteSpace(c.Activity)) Add("activity", "The activity is required: what was attended or completed.");
        else if (c.Activity.Length > MaxActivityLength) Add("activity", $"The activity must be at most {MaxActivityLength} characters.");
        if (string.IsNullOrWhiteSpace(c.Category)) Add("category", "The category is required, e.g. Ethics.");
        else if (c.Category.Length > MaxCategoryLength) Add("category", $"The category must be at most {MaxCategoryLength} characters.");

        if (c.Hours is not { } hours) Add("hours", "Hours are required.");
        else if (hours <= 0) Add("hours", "Hours must be more than zero.");
        else if (hours > MaxHours) Add("hours", $"Hours must be at most {MaxHours} for one activity; report a longer programme as its parts.");
        else if (decimal.Round(hours, 2) != hours) Add("hours", "Hours are kept to two decimal places (0.25 for a quarter hour).");

        if (c.EarnedAt is not { } earned) Add("earnedAt", "When the credit was earned is required.");
        else if (earned > now) Add("earnedAt", "A credit cannot be earned in the future.");

        var source = SourceOf(c, reportedByMember);
        if (reportedByMember && source != CreditSource.SelfReported)
            Add("source", "Members report their own credits as SelfReported; LMS and import credits come from those systems.");
        if (source == CreditSource.SelfReported && string.IsNullOrWhiteSpace(c.Evidence))
            Add("evidence", "Self-reported credits need evidence: a link to, or a description of, a certificate or transcript.");
        else if (c.Evidence is { Length: > MaxEvidenceLength }) Add("evidence", $"Evidence must be at most {MaxEvidenceLength} characters.");
        if (source != CreditSource.SelfReported && string.IsNullOrWhiteSpace(c.SourceRecordId))
            Add("sourceRecordId", $"{source} credits name the source system's record id, so a repeat cannot add them twice.");
        else if (c.SourceRecordId is { Length: > MaxSourceRecordIdLength })
            Add("sourceRecordId", $"The source record id must be at most {MaxSourceRecordIdLength} characters.");
        return errors;
    }

    /// <summary>Members' credits are self-reported; staff record imports unless they say otherwise.</summary>
    public static CreditSource SourceOf(CeCreditWrite c, bool reportedByMember) =>
        c.Source ?? (reportedByMember ? CreditSource.SelfReported : CreditSource.Import);

    /// <summary>A decision with its reason; a rejection must say why.</summary>
    public static Dictionary<string, string[]> ValidateDecision(CeReviewDecision? decision, string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        if (decision is null) errors["decision"] = ["Decision is required: Accept or Reject."];
        if (decision == CeReviewDecision.Reject && string.IsNullOrWhiteSpace(reason))
            errors["reason"] = ["Say why the credit is rejected; the member is told."];
        else if (reason is { Length: > MaxReasonLength }) errors["reason"] = [$"The reason must be at most {MaxReasonLength} characters."];
        return errors;
    }
}
