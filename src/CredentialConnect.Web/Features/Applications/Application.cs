using CredentialConnect.Web.Data;

namespace CredentialConnect.Web.Features.Applications;

public enum ApplicationStatus { Draft, Submitted, InReview, Approved, Rejected, Withdrawn }

/// <summary>A member applying to a program, with the answers they gave on its form.</summary>
public sealed class Application : IAuditable, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public Guid ProgramId { get; init; }

    /// <summary>The form answers as a JSON object, validated against the program's form schema.</summary>
    public string Answers { get; set; } = "{}";

    public ApplicationStatus Status { get; set; } = ApplicationStatus.Draft;
    public string? ReviewerId { get; set; }
    public string? DecisionReason { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int Version { get; set; }
}
