using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.Web.Features.Recertification;

/// <summary>
/// The dates that govern one cycle: renewal opens at the largest notice offset before the end, the grace period
/// follows the end, the credential lapses when grace ends, and the reinstatement window follows the lapse.
/// </summary>
public sealed record CycleDates(DateTimeOffset StartedAt, DateTimeOffset EndsAt, DateTimeOffset RenewalOpensAt, DateTimeOffset LapsesAt,
    DateTimeOffset ReinstatementEndsAt)
{
    public static CycleDates Of(DateTimeOffset startedAt, DateTimeOffset endsAt, RecertificationRules rules)
    {
        var lapsesAt = endsAt.AddDays(rules.GracePeriodDays);
        return new CycleDates(startedAt, endsAt, endsAt.AddDays(-LargestNotice(rules)), lapsesAt, lapsesAt.AddDays(rules.ReinstatementWindowDays));
    }

    /// <summary>The offset at which a credential turns Expiring; 0 when the program sends no notices.</summary>
    public static int LargestNotice(RecertificationRules rules) => rules.ExpiringNoticeDays.Where(d => d > 0).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Credits count when earned within the cycle. After a lapse, a program that reinstates on completed CE also counts
    /// what was earned within the reinstatement window, since completing it late is exactly what that rule allows.
    /// </summary>
    public DateTimeOffset CreditsCountUntil(RecertificationRules rules, DateTimeOffset now) =>
        rules.Reinstatement == ReinstatementRule.CompleteCeWithinWindow && now > LapsesAt
            ? (now < ReinstatementEndsAt ? now : ReinstatementEndsAt)
            : EndsAt;
}

/// <summary>What renewal needs besides the credential itself: how the cycle stands, any audit, any exam passed after a lapse.</summary>
public sealed record RenewalFacts(CycleProgress? Progress, string? AuditBlock, DateTimeOffset? ExamPassedAt);

public sealed record RenewalDecision(bool Allowed, bool AfterLapse, string Explanation)
{
    public static RenewalDecision Refused(string explanation, bool afterLapse = false) => new(false, afterLapse, explanation);
}

/// <summary>When a credential may start its next cycle, and why not when it may not.</summary>
public static class RenewalRules
{
    public static RenewalDecision Decide(CredentialStatus status, CycleDates? dates, RecertificationRules? rules, RenewalFacts facts, DateTimeOffset now)
    {
        if (rules is null || dates is null)
            return RenewalDecision.Refused("The program has no recertification cycle, so the credential is not renewed.");
        if (status is CredentialStatus.Suspended or CredentialStatus.Revoked)
            return RenewalDecision.Refused($"The credential is {status}; it cannot be renewed until it is reinstated.");
        if (now < dates.RenewalOpensAt)
            return RenewalDecision.Refused($"Renewal opens on {Day(dates.RenewalOpensAt)}, {CycleDates.LargestNotice(rules)} days before the cycle ends on {Day(dates.EndsAt)}.");

        var lapsed = status == CredentialStatus.Lapsed || now >= dates.LapsesAt;
        if (!lapsed) return RequireCeAndAudit(facts, afterLapse: false, "Renewed for the next cycle.");

        var lapse = $"The credential lapsed on {Day(dates.LapsesAt)}";
        switch (rules.Reinstatement)
        {
            case ReinstatementRule.Reapply:
                return RenewalDecision.Refused($"{lapse}, and the program does not reinstate lapsed credentials: the member must apply again.", afterLapse: true);
            case var _ when now > dates.ReinstatementEndsAt:
                return RenewalDecision.Refused($"{lapse}; its reinstatement window closed on {Day(dates.ReinstatementEndsAt)}: the member must apply again.", afterLapse: true);
            case ReinstatementRule.CompleteCeWithinWindow:
                return RequireCeAndAudit(facts, afterLapse: true, $"Reinstated after the lapse on {Day(dates.LapsesAt)}: the CE requirements were met within the window.");
            default:
                if (facts.ExamPassedAt is not { } passed)
                    return RenewalDecision.Refused($"{lapse}; reinstatement needs the exam passed again by {Day(dates.ReinstatementEndsAt)}.", afterLapse: true);
                return facts.AuditBlock is { } block
                    ? RenewalDecision.Refused(block, afterLapse: true)
                    : new RenewalDecision(true, true, $"Reinstated after the lapse on {Day(dates.LapsesAt)}: the exam was passed again on {Day(passed)}.");
        }
    }

    private static RenewalDecision RequireCeAndAudit(RenewalFacts facts, bool afterLapse, string success)
    {
        if (facts.AuditBlock is { } block) return RenewalDecision.Refused(block, afterLapse);
        if (facts.Progress is not { Met: true } progress)
            return RenewalDecision.Refused(facts.Progress?.Explanation ?? "The cycle's CE requirements are not met.", afterLapse);
        return new RenewalDecision(true, afterLapse, $"{success} {progress.Explanation}");
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
