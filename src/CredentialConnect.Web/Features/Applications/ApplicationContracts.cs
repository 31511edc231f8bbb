using System.Text.Json;
using CredentialConnect.Web.Features.Eligibility;

namespace CredentialConnect.Web.Features.Applications;

/// <summary>Starts an application. A Member applies for themself; staff and API clients name the member.</summary>
public sealed record ApplicationWrite(Guid ProgramId, JsonElement? Answers, Guid? MemberId);

/// <summary>New answers for a Draft, with the version read.</summary>
public sealed record AnswersWrite(JsonElement? Answers, int? Version);

/// <summary>A lifecycle step: submit, withdraw, approve or reject. Reject needs a reason; deciding needs the version read.</summary>
public sealed record ApplicationStep(string? Reason, int? Version);

/// <summary>Assigns an application to a reviewer: their account id, or "me".</summary>
public sealed record AssignmentWrite(string? ReviewerId, int? Version);

/// <summary>
/// The reviewer queue's filters. <see cref="Status"/> is one status or several separated by commas
/// (<c>Submitted,InReview</c> is everything waiting for a decision); <see cref="Assignee"/> is <c>me</c>,
/// <c>unassigned</c> or a reviewer's account id; <see cref="Q"/> matches the member's name, email or AMS id, or the program's code.
/// </summary>
public sealed record ApplicationFilter(string? Status, Guid? ProgramId, Guid? MemberId, string? Assignee, string? Q);

/// <summary>A queue row, with the names a reviewer reads it by: the member's, the program's and the assigned reviewer's.</summary>
public sealed record ApplicationSummary(Guid Id, Guid MemberId, Guid ProgramId, ApplicationStatus Status, string? ReviewerId,
    DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, int Version,
    string MemberName, string ProgramCode, string? ReviewerName);

public sealed record ApplicationStatusChangeResponse(ApplicationStatus? From, ApplicationStatus To, string ChangedBy, string Reason, DateTimeOffset ChangedAt);

public sealed record EvidenceResponse(Guid Id, string FileName, string ContentType, long SizeBytes, string Sha256, string UploadedBy, DateTimeOffset UploadedAt)
{
    public static EvidenceResponse From(ApplicationEvidence e) => new(e.Id, e.FileName, e.ContentType, e.SizeBytes, e.Sha256, e.UploadedBy, e.UploadedAt);
}

/// <summary>
/// One application with everything a reviewer needs: the answers, the eligibility decision taken at submission
/// (criterion by criterion), the evidence and the full history. <see cref="ReviewerName"/> names the assigned reviewer.
/// </summary>
public sealed record ApplicationResponse(Guid Id, Guid MemberId, Guid ProgramId, ApplicationStatus Status, JsonElement Answers,
    string? ReviewerId, string? DecidedBy, string? DecisionReason, EligibilityDecision? Eligibility, DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, int Version, ApplicationStatusChangeResponse[] History, EvidenceResponse[] Evidence,
    string? ReviewerName = null)
{
    public static ApplicationResponse From(Application a, IEnumerable<ApplicationEvidence> evidence, string? reviewerName = null) => new(
        a.Id, a.MemberId, a.ProgramId, a.Status, JsonDocument.Parse(a.Answers).RootElement.Clone(), a.ReviewerId, a.DecidedBy, a.DecisionReason,
        a.Eligibility is null ? null : JsonSerializer.Deserialize<EligibilityDecision>(a.Eligibility, JsonSerializerOptions.Web),
        a.CreatedAt, a.SubmittedAt, a.DecidedAt, a.Version,
        a.History.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id)
            .Select(h => new ApplicationStatusChangeResponse(h.From, h.To, h.ChangedBy, h.Reason, h.ChangedAt)).ToArray(),
        evidence.OrderBy(e => e.UploadedAt).ThenBy(e => e.Id).Select(EvidenceResponse.From).ToArray(), reviewerName);
}

/// <summary>What the application events carry, for workflows and messages.</summary>
public sealed record ApplicationEventData(Guid ApplicationId, string ProgramCode, string? DecidedBy, string? Reason);

/// <summary>
/// Details of ApplicationSubmitted: the hub's verdict at submission. <paramref name="Status"/> is Approved when the
/// eligibility check passed and the hub approved it at once (<paramref name="AutoApproved"/>), InReview otherwise;
/// <paramref name="Eligible"/> and <paramref name="PercentReady"/> are null when no check could run.
/// </summary>
public sealed record ApplicationSubmittedData(Guid ApplicationId, string ProgramCode, string Status, bool AutoApproved, bool? Eligible, decimal? PercentReady);
