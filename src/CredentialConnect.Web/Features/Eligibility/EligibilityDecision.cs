using System.Text.Json;

namespace CredentialConnect.Web.Features.Eligibility;

/// <summary>
/// One criterion's verdict, written for the member and the reviewer: what it asks, whether it is met,
/// what the hub found, and what would close the gap. <see cref="Progress"/> runs 0–1 toward meeting it.
/// Combinators (all, any, not) carry their parts in <see cref="Parts"/>.
/// </summary>
public sealed record CriterionResult(
    string Path,
    string Kind,
    string Requirement,
    bool Met,
    string Found,
    string? Gap,
    decimal Progress,
    IReadOnlyList<CriterionResult>? Parts = null);

/// <summary>Whether a member qualifies for a program, how close they are, and why, criterion by criterion.</summary>
public sealed record EligibilityDecision(
    Guid MemberId,
    Guid ProgramId,
    bool Eligible,
    decimal PercentReady,
    CriterionResult? Criteria);

/// <summary>Evaluates a program's eligibility criteria for a member, with the reasons.</summary>
public interface IEligibilityEvaluator
{
    /// <param name="answers">The member's application answers, for criteria on the form; null outside an application.</param>
    Task<EligibilityDecision> EvaluateAsync(Guid memberId, Guid programId, JsonElement? answers, CancellationToken ct);
}
