using CredentialConnect.Web.Data;

namespace CredentialConnect.Web.Features.Applications;

public enum ApplicationStatus { Draft, Submitted, InReview, Approved, Rejected, Withdrawn }

/// <summary>A member applying to a program, with the answers they gave on its form.</summary>
public sealed class Application : IAuditable, IVersioned
{
    /// <summary>Who decides an application whose answers meet every eligibility criterion.</summary>
    public const string AutoApprover = "system:auto-approval";

    /// <summary>A member has at most one application per program in these states.</summary>
    public static readonly ApplicationStatus[] OpenStatuses = [ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.InReview];

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public Guid ProgramId { get; init; }

    /// <summary>The form answers as a JSON object, validated against the program's form schema.</summary>
    public string Answers { get; set; } = "{}";

    /// <summary>Changed through <see cref="MoveTo"/>, which records the step in <see cref="History"/>.</summary>
    public ApplicationStatus Status { get; set; } = ApplicationStatus.Draft;

    /// <summary>The account id of the reviewer the application is assigned to.</summary>
    public string? ReviewerId { get; set; }

    public string? DecisionReason { get; set; }

    /// <summary>Who approved or rejected it: a staff member, an API client, or <see cref="AutoApprover"/>.</summary>
    public string? DecidedBy { get; set; }

    /// <summary>The eligibility decision taken at submission, criterion by criterion, as JSON; null when none was taken.</summary>
    public string? Eligibility { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public int Version { get; set; }

    public List<ApplicationStatusChange> History { get; init; } = [];

    public bool IsOpen => OpenStatuses.Contains(Status);

    /// <summary>A new Draft, its history opened with who started it.</summary>
    public static Application Start(Guid memberId, Guid programId, string answers, string startedBy, DateTimeOffset at)
    {
        var application = new Application { MemberId = memberId, ProgramId = programId, Answers = answers, CreatedAt = at };
        application.History.Add(new ApplicationStatusChange
        {
            ApplicationId = application.Id, From = null, To = ApplicationStatus.Draft, ChangedBy = startedBy, Reason = "Started.", ChangedAt = at,
        });
        return application;
    }

    /// <summary>Null when the application may move to <paramref name="to"/>; otherwise why it may not, for the client.</summary>
    public string? WhyNot(ApplicationStatus to) => Allowed(Status, to)
        ? null
        : Status switch
        {
            ApplicationStatus.Approved or ApplicationStatus.Rejected => $"The application was already {Status.ToString().ToLowerInvariant()}; it cannot become {to}.",
            ApplicationStatus.Withdrawn => $"The application was withdrawn; it cannot become {to}. Start a new application instead.",
            _ => $"The application is {Status}; it can become {to} only from {string.Join(" or ", Sources(to))}.",
        };

    /// <summary>Moves the application to <paramref name="to"/>, recording who did it and why.</summary>
    public void MoveTo(ApplicationStatus to, string changedBy, string reason, DateTimeOffset at)
    {
        if (WhyNot(to) is { } why) throw new InvalidOperationException(why);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        History.Add(new ApplicationStatusChange { ApplicationId = Id, From = Status, To = to, ChangedBy = changedBy, Reason = reason, ChangedAt = at });
        Status = to;
        switch (to)
        {
            case ApplicationStatus.Submitted:
                SubmittedAt = at;
                break;
            case ApplicationStatus.Approved or ApplicationStatus.Rejected:
                (DecidedAt, DecidedBy, DecisionReason) = (at, changedBy, reason);
                break;
        }
    }

    private static bool Allowed(ApplicationStatus from, ApplicationStatus to) => (from, to) switch
    {
        (ApplicationStatus.Draft, ApplicationStatus.Submitted or ApplicationStatus.Withdrawn) => true,
        (ApplicationStatus.Submitted, ApplicationStatus.InReview or ApplicationStatus.Approved or ApplicationStatus.Withdrawn) => true,
        (ApplicationStatus.InReview, ApplicationStatus.Approved or ApplicationStatus.Rejected or ApplicationStatus.Withdrawn) => true,
        _ => false,
    };

    private static IEnumerable<ApplicationStatus> Sources(ApplicationStatus to) => Enum.GetValues<ApplicationStatus>().Where(from => Allowed(from, to));
}

/// <summary>One step in an application's history: from what, to what, by whom and why.</summary>
public sealed class ApplicationStatusChange
{
    public long Id { get; init; }
    public Guid ApplicationId { get; init; }

    /// <summary>Null for the step that started the application.</summary>
    public ApplicationStatus? From { get; init; }

    public ApplicationStatus To { get; init; }
    public required string ChangedBy { get; init; }
    public required string Reason { get; init; }
    public DateTimeOffset ChangedAt { get; init; }
}
