using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.CeAudits;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Recertification;

/// <summary>Where a credential's cycle stands: its dates, its CE progress, any audit holding it, and whether it may renew now.</summary>
public sealed record RenewalAssessment(CycleDates? Dates, CycleProgress? Progress, string? AuditBlock, RenewalDecision Renewal)
{
    public static async Task<RenewalAssessment> OfAsync(AppDbContext db, Credential credential, CredentialProgram program, DateTimeOffset now, CancellationToken ct)
    {
        var rules = program.Recertification;
        var dates = rules is not null && credential.ExpiresAt is { } ends && IsoDuration.TryParse(program.ValidityPeriod, out _)
            ? CycleDates.Of(credential.CycleStartedAt, ends, rules) : null;
        var progress = dates is null ? null : await ProgressAsync(db, credential.MemberId, rules!, dates, now, ct);
        var auditBlock = await AuditBlockAsync(db, credential.Id, credential.CurrentCycle, ct);
        DateTimeOffset? examPassedAt = dates is null ? null : await db.ExamAttempts.AsNoTracking()
            .Where(a => a.MemberId == credential.MemberId && a.ProgramId == credential.ProgramId && a.Passed
                && a.TakenAt >= dates.LapsesAt && a.TakenAt <= dates.ReinstatementEndsAt)
            .MaxAsync(a => (DateTimeOffset?)a.TakenAt, ct);
        var decision = RenewalRules.Decide(credential.Status, dates, rules, new RenewalFacts(progress, auditBlock, examPassedAt), now);
        return new RenewalAssessment(dates, progress, auditBlock, decision);
    }

    /// <summary>The member's CE progress in the cycle <paramref name="dates"/> describes, as of <paramref name="now"/>.</summary>
    public static async Task<CycleProgress> ProgressAsync(AppDbContext db, Guid memberId, RecertificationRules rules, CycleDates dates, DateTimeOffset now, CancellationToken ct)
    {
        var until = dates.CreditsCountUntil(rules, now);
        var credits = await db.ContinuingEducationCredits.AsNoTracking()
            .Where(c => c.MemberId == memberId && c.EarnedAt >= dates.StartedAt && c.EarnedAt <= until)
            .Select(c => new CycleCredit(c.Id, c.Category, c.Hours, c.EarnedAt, c.ReviewStatus))
            .ToListAsync(ct);
        return CycleRequirements.Evaluate(rules, dates.StartedAt, until, credits);
    }

    /// <summary>Why a CE audit of this cycle stops renewal; null when none does.</summary>
    public static async Task<string?> AuditBlockAsync(AppDbContext db, Guid credentialId, int cycle, CancellationToken ct)
    {
        var selection = await db.CeAuditSelections.AsNoTracking()
            .Where(s => s.CredentialId == credentialId && s.Cycle == cycle && s.Status != CeAuditSelectionStatus.Passed)
            .Select(s => new { s.Id, s.AuditId, s.Status, s.Explanation })
            .FirstOrDefaultAsync(ct);
        return selection switch
        {
            null => null,
            { Status: CeAuditSelectionStatus.Open } => $"This cycle is under a CE audit (audit {selection.AuditId}, selection {selection.Id}): " +
                "renewal waits until the evidence for each credit has been submitted and accepted.",
            _ => $"This cycle's CE audit failed, so the credential is not renewed for it. {selection.Explanation}".TrimEnd(),
        };
    }
}
