using System.Text.Json;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Members;

namespace CredentialConnect.Web.Features.Eligibility;

/// <summary>
/// Everything eligibility looks at for one member, held in memory: the evaluator is a pure function of these and a
/// program's criteria, so it is tested and benchmarked without a database.
/// </summary>
/// <param name="Credits">CE credits, with their review status; only NotRequired and Accepted ones count.</param>
/// <param name="Credentials">Credentials held, by program code, with their status; Active and Expiring count as active.</param>
/// <param name="Answers">Application form answers, a JSON object; null when the member has not applied.</param>
public sealed record MemberFacts(
    Guid MemberId,
    DateTimeOffset Now,
    decimal? YearsOfExperience,
    MembershipStatus MembershipStatus,
    string? MembershipLevel,
    IReadOnlyList<CeCreditFact> Credits,
    IReadOnlyList<HeldCredentialFact> Credentials,
    JsonElement? Answers = null);

public readonly record struct CeCreditFact(string Category, decimal Hours, DateTimeOffset EarnedAt, CreditReviewStatus ReviewStatus);

public readonly record struct HeldCredentialFact(string ProgramCode, CredentialStatus Status);
