using System.Text.Json;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;

namespace CredentialConnect.Web.Features.Eligibility;

/// <summary>
/// Decides a program's criteria for one member's facts, explaining every criterion. Pure: no clock but
/// <see cref="MemberFacts.Now"/>, no I/O.
/// </summary>
/// <remarks>
/// Progress runs 0–1 per criterion and is 1 exactly when the criterion is met:
/// <list type="bullet">
/// <item>experience and CE hours: the share of the minimum reached (5 of 20 hours is 0.25);</item>
/// <item>answer "at least": the share of the minimum reached; equals and one-of answers: 0 or 1;</item>
/// <item>membership: the share of its parts (status, level) that match;</item>
/// <item>credential and not: 0 or 1;</item>
/// <item>all: the mean of its parts' progress, each part weighing the same (a nested group counts as one part);</item>
/// <item>any: the progress of its best option.</item>
/// </list>
/// Percent ready is the root's progress as a percentage, rounded down to one decimal, so a member who does not
/// qualify never reads 100.
/// </remarks>
public static class EligibilityRules
{
    public static EligibilityDecision Decide(Guid programId, Criterion? criteria, MemberFacts facts)
    {
        if (criteria is null) return new EligibilityDecision(facts.MemberId, programId, true, 100, null);
        var result = Evaluate(criteria, facts);
        return new EligibilityDecision(facts.MemberId, programId, result.Met, Percent(result.Progress), result);
    }

    public static decimal Percent(decimal progress) => Math.Floor(progress * 1000) / 10;

    public static CriterionResult Evaluate(Criterion criterion, MemberFacts facts) => criterion switch
    {
        AllCriterion all => All(all, all.Parts.Select(p => Evaluate(p, facts)).ToList()),
        AnyCriterion any => Any(any, any.Parts.Select(p => Evaluate(p, facts)).ToList()),
        NotCriterion not => Not(not, Evaluate(not.Part, facts)),
        ExperienceCriterion experience => Experience(experience, facts),
        CeHoursCriterion ce => CeHours(ce, facts),
        CredentialCriterion credential => Credential(credential, facts),
        MembershipCriterion membership => Membership(membership, facts),
        AnswerCriterion answer => Answer(answer, facts),
        _ => throw new ArgumentOutOfRangeException(nameof(criterion), criterion.Kind, "No rule decides this kind of criterion."),
    };

    /// <summary>
    /// The unmet criteria a member would have to meet to qualify: every unmet part of an "all", and the best option of
    /// an "any". A "not" counts as one criterion.
    /// </summary>
    public static IEnumerable<CriterionResult> Gaps(CriterionResult result) =>
        result.Met ? []
        : result.Kind switch
        {
            "all" => result.Parts!.SelectMany(Gaps),
            "any" => Gaps(result.Parts!.MaxBy(p => p.Progress)!),
            _ => [result],
        };

    /// <summary>How many single criteria (a "not" counts as one) are met and unmet, anywhere in the tree.</summary>
    public static (int Met, int Unmet) Count(CriterionResult? result)
    {
        if (result is null) return (0, 0);
        if (result.Kind is "all" or "any")
            return result.Parts!.Select(Count).Aggregate((0, 0), (sum, c) => (sum.Item1 + c.Met, sum.Item2 + c.Unmet));
        return result.Met ? (1, 0) : (0, 1);
    }

    private static CriterionResult All(AllCriterion all, List<CriterionResult> parts)
    {
        var met = parts.Count(p => p.Met);
        var ok = met == parts.Count;
        return new CriterionResult(all.Path, all.Kind, all.Requirement, ok, $"{met} of {parts.Count} met",
            ok ? null : $"Meet the {parts.Count - met} unmet requirement{(parts.Count - met == 1 ? "" : "s")} below",
            ok ? 1 : parts.Average(p => p.Progress), parts);
    }

    private static CriterionResult Any(AnyCriterion any, List<CriterionResult> parts)
    {
        var best = parts.MaxBy(p => p.Progress)!;
        var met = parts.Count(p => p.Met);
        return new CriterionResult(any.Path, any.Kind, any.Requirement, met > 0, met > 0 ? $"{met} of {parts.Count} met" : $"None of {parts.Count} met",
            met > 0 ? null : $"Meet any one option; the closest: {best.Requirement}", met > 0 ? 1 : best.Progress, parts);
    }

    private static CriterionResult Not(NotCriterion not, CriterionResult part) =>
        new(not.Path, not.Kind, not.Requirement, !part.Met, part.Found, part.Met ? $"This must not hold: {part.Requirement}" : null,
            part.Met ? 0 : 1, [part]);

    private static string YearsOf(decimal years) => $"{Criteria.Number(years)} {YearWord(years)}";

    private static string YearWord(decimal years) => years == 1 ? "year" : "years";

    private static CriterionResult Experience(ExperienceCriterion c, MemberFacts facts)
    {
        var years = facts.YearsOfExperience ?? 0;
        var found = facts.YearsOfExperience is null ? "No years of experience on record" : $"{YearsOf(years)} of experience";
        return Leaf(c, years >= c.MinYears, found, $"{Criteria.Number(c.MinYears - years)} more {YearWord(c.MinYears - years)} of experience", Share(years, c.MinYears));
    }

    private static CriterionResult CeHours(CeHoursCriterion c, MemberFacts facts)
    {
        var since = c.WithinMonths is { } months ? facts.Now.AddMonths(-months) : (DateTimeOffset?)null;
        decimal counted = 0, pending = 0;
        foreach (var credit in facts.Credits)
        {
            if (c.Category is not null && !string.Equals(credit.Category, c.Category, StringComparison.OrdinalIgnoreCase)) continue;
            if (since is { } from && credit.EarnedAt < from || credit.EarnedAt > facts.Now) continue;
            if (credit.ReviewStatus is CreditReviewStatus.NotRequired or CreditReviewStatus.Accepted) counted += credit.Hours;
            else if (credit.ReviewStatus == CreditReviewStatus.Pending) pending += credit.Hours;
        }

        var window = since is { } start ? $" since {start:yyyy-MM-dd}" : "";
        var found = $"{Criteria.Number(counted)} h of {Criteria.CeOf(c.Category)}{window}" +
            (pending > 0 ? $"; {Criteria.Number(pending)} h more await review and do not count yet" : "");
        var gap = $"Earn {Criteria.Number(c.MinHours - counted)} more h of {Criteria.CeOf(c.Category)}{window}" +
            (pending > 0 ? $" (accepting the {Criteria.Number(pending)} h awaiting review would count toward it)" : "");
        return Leaf(c, counted >= c.MinHours, found, gap, Share(counted, c.MinHours));
    }

    private static CriterionResult Credential(CredentialCriterion c, MemberFacts facts)
    {
        CredentialStatus? best = null;
        foreach (var held in facts.Credentials)
            if (string.Equals(held.ProgramCode, c.ProgramCode, StringComparison.OrdinalIgnoreCase) && (best is null || Rank(held.Status) < Rank(best.Value)))
                best = held.Status;

        var active = best is { } standing && AwardRules.IsInGoodStanding(standing);
        var found = best is { } status ? $"{c.ProgramCode} is {status}" : $"Does not hold {c.ProgramCode}";
        var gap = best is { } s ? $"Restore the {c.ProgramCode} credential (now {s})" : $"Earn the {c.ProgramCode} credential";
        return Leaf(c, active, found, gap, active ? 1 : 0);

        static int Rank(CredentialStatus status) => status switch
        {
            CredentialStatus.Active => 0,
            CredentialStatus.Expiring => 1,
            CredentialStatus.Suspended => 2,
            CredentialStatus.Lapsed => 3,
            _ => 4,
        };
    }

    private static CriterionResult Membership(MembershipCriterion c, MemberFacts facts)
    {
        var statusOk = c.Statuses is null || c.Statuses.Contains(facts.MembershipStatus);
        var levelOk = c.Levels is null || facts.MembershipLevel is { } level && c.Levels.Contains(level, StringComparer.OrdinalIgnoreCase);
        var parts = (c.Statuses is null ? 0 : 1) + (c.Levels is null ? 0 : 1);
        var matching = (c.Statuses is not null && statusOk ? 1 : 0) + (c.Levels is not null && levelOk ? 1 : 0);

        var found = $"Membership {facts.MembershipStatus}, level {facts.MembershipLevel ?? "none"}";
        var gaps = new List<string>();
        if (!statusOk) gaps.Add($"membership status must become {Criteria.OneOf(c.Statuses!.Select(s => s.ToString()))}");
        if (!levelOk) gaps.Add($"membership level must become {Criteria.OneOf(c.Levels!)}");
        var gap = gaps.Count == 0 ? "" : char.ToUpperInvariant(gaps[0][0]) + string.Join("; ", gaps)[1..];
        return Leaf(c, statusOk && levelOk, found, gap, (decimal)matching / parts);
    }

    private static CriterionResult Answer(AnswerCriterion c, MemberFacts facts)
    {
        if (facts.Answers is not { ValueKind: JsonValueKind.Object } answers || !answers.TryGetProperty(c.Field, out var value) || value.ValueKind == JsonValueKind.Null)
            return Leaf(c, false, $"'{c.Field}' is not answered", $"Answer '{c.Field}' on the application form", 0);

        var found = $"'{c.Field}' answered {value.GetRawText()}";
        if (c.AtLeast is { } min)
        {
            var number = value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : (decimal?)null;
            var met = number >= min;
            return Leaf(c, met, found, $"The answer to '{c.Field}' must be {c.Expected}", number is { } n ? Share(n, min) : 0);
        }
        var matches = c.OneOfValues is { } values ? values.Any(v => JsonElement.DeepEquals(v, value)) : JsonElement.DeepEquals(c.EqualTo!.Value, value);
        return Leaf(c, matches, found, $"The answer to '{c.Field}' must be {c.Expected}", matches ? 1 : 0);
    }

    private static CriterionResult Leaf(Criterion c, bool met, string found, string gap, decimal progress) =>
        new(c.Path, c.Kind, c.Requirement, met, found, met ? null : gap, met ? 1 : Math.Min(progress, 0.999m));

    private static decimal Share(decimal have, decimal need) => need <= 0 ? 1 : Math.Clamp(have / need, 0, 1);
}
