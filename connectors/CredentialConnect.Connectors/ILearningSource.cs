namespace CredentialConnect.Connectors;

/// <summary>A learning system (LMS or LRS): course completions and exam results.</summary>
public interface ILearningSource : IConnector
{
    /// <summary>Reads the next page of learning events stored since <paramref name="cursor"/>, oldest first.</summary>
    Task<Fetch<SourcePage<LearningEvent>>> GetEventsAsync(SyncCursor cursor, CancellationToken cancellationToken);
}

/// <summary>What a learner did.</summary>
public enum LearningVerb
{
    /// <summary>Finished the activity (cmi5 "completed").</summary>
    Completed,
    /// <summary>Passed the activity's assessment.</summary>
    Passed,
    /// <summary>Failed the activity's assessment.</summary>
    Failed,
    /// <summary>Satisfied the activity's requirements (cmi5 "satisfied", e.g. a whole course).</summary>
    Satisfied,
    /// <summary>Withdraws an earlier event; <see cref="LearningEvent.VoidedEventId"/> names it.</summary>
    Voided,
}

/// <summary>Who did it, as the learning system knows them. The account is the golden key carried from the AMS; the email is a fallback.</summary>
/// <param name="AccountHomePage">The account's home page (the system that issued the name).</param>
/// <param name="AccountName">The account name: the AMS member id when the LMS is wired to the AMS.</param>
/// <param name="Email">The learner's email, without <c>mailto:</c>.</param>
/// <param name="Name">A display name, if any.</param>
public sealed record Learner(string? AccountHomePage, string? AccountName, string? Email, string? Name);

/// <summary>An assessment score. Any part may be missing.</summary>
/// <param name="Scaled">-1 to 1.</param>
/// <param name="Raw">The raw score.</param>
/// <param name="Min">The lowest possible raw score.</param>
/// <param name="Max">The highest possible raw score.</param>
public sealed record LearningScore(decimal? Scaled, decimal? Raw, decimal? Min, decimal? Max);

/// <summary>One learning event.</summary>
/// <param name="EventId">The partner's id for the event (an xAPI statement id): the inbox key.</param>
/// <param name="Verb">What happened.</param>
/// <param name="Learner">Who did it.</param>
/// <param name="ActivityId">The course or exam's id (an IRI for xAPI).</param>
/// <param name="ActivityName">A display name for the activity.</param>
/// <param name="OccurredAt">When the learner did it.</param>
/// <param name="StoredAt">When the partner recorded it.</param>
public sealed record LearningEvent(
    string EventId,
    LearningVerb Verb,
    Learner Learner,
    string ActivityId,
    string? ActivityName,
    DateTimeOffset OccurredAt,
    DateTimeOffset StoredAt)
{
    /// <summary>The score, for assessments.</summary>
    public LearningScore? Score { get; init; }

    /// <summary><c>result.success</c>, when reported.</summary>
    public bool? Success { get; init; }

    /// <summary><c>result.completion</c>, when reported.</summary>
    public bool? Completion { get; init; }

    /// <summary>For <see cref="LearningVerb.Voided"/>: the id of the event it withdraws.</summary>
    public string? VoidedEventId { get; init; }
}
