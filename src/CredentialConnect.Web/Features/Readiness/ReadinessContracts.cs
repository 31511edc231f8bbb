using CredentialConnect.Web.Features.Eligibility;

namespace CredentialConnect.Web.Features.Readiness;

/// <summary>One unmet criterion and what would close it.</summary>
public sealed record ReadinessGap(string Path, string Kind, string Requirement, string Found, string? Gap, decimal PercentReady)
{
    public static ReadinessGap From(CriterionResult r) => new(r.Path, r.Kind, r.Requirement, r.Found, r.Gap, EligibilityRules.Percent(r.Progress));
}

/// <summary>How ready a member is for one program; <see cref="Criteria"/> explains every criterion when asked for one program.</summary>
public sealed record ProgramReadiness(
    Guid ProgramId, string ProgramCode, string ProgramName, bool Eligible, decimal PercentReady, int MetCount, int UnmetCount,
    ReadinessGap[] Gaps, CriterionResult? Criteria)
{
    public static ProgramReadiness From(ProgramRequirements program, EligibilityDecision decision, bool explain)
    {
        var (met, unmet) = EligibilityRules.Count(decision.Criteria);
        var gaps = decision.Criteria is null ? [] : EligibilityRules.Gaps(decision.Criteria).Select(ReadinessGap.From).ToArray();
        return new ProgramReadiness(program.Id, program.Code, program.Name, decision.Eligible, decision.PercentReady, met, unmet, gaps,
            explain ? decision.Criteria : null);
    }
}

public sealed record GoalWrite(Guid ProgramId);

public sealed record GoalProgressResponse(DateTimeOffset RecordedAt, decimal PercentReady, bool Eligible, int MetCount, int UnmetCount);

public sealed record GoalSummary(Guid Id, Guid ProgramId, string ProgramCode, string ProgramName, decimal PercentReady, bool Eligible,
    int MetCount, int UnmetCount, DateTimeOffset CreatedAt, DateTimeOffset ChangedAt);

/// <summary>A goal with its progress over time, oldest first, and what is still missing.</summary>
public sealed record GoalResponse(GoalSummary Goal, GoalProgressResponse[] History, ReadinessGap[] Gaps);

/// <summary>A member a campaign could nudge: not yet eligible, but close.</summary>
public sealed record CloseMember(Guid MemberId, string AmsMemberId, string FirstName, string LastName, string Email,
    decimal PercentReady, int UnmetCount, ReadinessGap? TopGap);

public sealed record CloseMembersQuery(decimal? MinPercent)
{
    public const decimal DefaultMinPercent = 80;
    public decimal Min => MinPercent ?? DefaultMinPercent;
}
