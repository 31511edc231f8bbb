using CredentialConnect.Web.Features.Recertification;

namespace CredentialConnect.Web.Features.CeAudits;

public sealed record CeAuditWrite(decimal? Percent, int? Seed, Guid[]? TargetedMemberIds, int? RenewingWithinDays);

public sealed record CeAuditEvidenceWrite(Guid? CreditId, string? Evidence);

public sealed record CeAuditCreditResponse(Guid CreditId, string Evidence, DateTimeOffset SubmittedAt, CeAuditCreditDecision Decision,
    string? Reason, string? DecidedBy, DateTimeOffset? DecidedAt);

public sealed record CeAuditSelectionResponse(Guid Id, Guid AuditId, Guid CredentialId, Guid MemberId, int Cycle, DateTimeOffset CycleStartedAt,
    DateTimeOffset CycleEndsAt, CeAuditSelectionReason Reason, CeAuditSelectionStatus Status, string? Explanation, DateTimeOffset? CompletedAt,
    CeAuditCreditResponse[] Credits)
{
    public static CeAuditSelectionResponse From(CeAuditSelection s) => new(s.Id, s.AuditId, s.CredentialId, s.MemberId, s.Cycle, s.CycleStartedAt,
        s.CycleEndsAt, s.Reason, s.Status, s.Explanation, s.CompletedAt,
        s.Credits.OrderBy(c => c.SubmittedAt).Select(c => new CeAuditCreditResponse(c.CreditId, c.Evidence, c.SubmittedAt, c.Decision, c.Reason,
            c.DecidedBy, c.DecidedAt)).ToArray());
}

public sealed record CeAuditResponse(Guid Id, Guid ProgramId, decimal SamplePercent, int Seed, int RenewingWithinDays, DateTimeOffset WindowEndsAt,
    int PopulationCount, DateTimeOffset CreatedAt, string CreatedBy, CeAuditSelectionResponse[] Selections)
{
    public static CeAuditResponse From(CeAudit a, IEnumerable<CeAuditSelection> visible) => new(a.Id, a.ProgramId, a.SamplePercent, a.Seed,
        a.RenewingWithinDays, a.WindowEndsAt, a.PopulationCount, a.CreatedAt, a.CreatedBy,
        visible.OrderBy(s => s.Reason).ThenBy(s => s.CredentialId).Select(CeAuditSelectionResponse.From).ToArray());
}

/// <summary>An audit in a list: its draw, and how its selections stand.</summary>
public sealed record CeAuditSummary(Guid Id, Guid ProgramId, decimal SamplePercent, int Seed, int PopulationCount, DateTimeOffset CreatedAt,
    string CreatedBy, int Open, int Passed, int Failed);

/// <summary>When an audited cycle is done, and how it came out.</summary>
public static class CeAuditOutcome
{
    public const int MaxRenewingWithinDays = 3650;

    public static (CeAuditSelectionStatus Status, string? Explanation) Evaluate(
        IReadOnlyCollection<Guid> cycleCredits, IReadOnlyDictionary<Guid, CeAuditCreditDecision> decisions, CycleProgress progress)
    {
        var undecided = cycleCredits.Count(id => decisions.GetValueOrDefault(id, CeAuditCreditDecision.Pending) == CeAuditCreditDecision.Pending);
        if (cycleCredits.Count == 0 || undecided > 0) return (CeAuditSelectionStatus.Open, null);
        var rejected = cycleCredits.Count(id => decisions[id] == CeAuditCreditDecision.Rejected);
        if (rejected == 0) return (CeAuditSelectionStatus.Passed, $"The evidence for all {cycleCredits.Count} credits was accepted.");
        return progress.Met
            ? (CeAuditSelectionStatus.Passed, $"{rejected} of {cycleCredits.Count} credits were rejected and no longer count; the accepted hours still meet the cycle's requirements. {progress.Explanation}")
            : (CeAuditSelectionStatus.Failed, $"{rejected} of {cycleCredits.Count} credits were rejected and no longer count; the accepted hours do not meet the cycle's requirements. {progress.Explanation}");
    }
}
