namespace CredentialConnect.Web.Features.Exams;

/// <summary>An exam result recorded by staff or a partner system. <see cref="SourceRecordId"/> makes a resend harmless.</summary>
public sealed record ExamAttemptWrite(Guid MemberId, Guid ProgramId, decimal Score, decimal MaxScore, DateTimeOffset TakenAt, string? SourceRecordId);

public sealed record ExamAttemptFilter(Guid? MemberId, Guid? ProgramId);

public sealed record ExamAttemptResponse(Guid Id, Guid MemberId, Guid ProgramId, decimal Score, decimal MaxScore, decimal Percent, bool Passed,
    int AttemptNumber, DateTimeOffset TakenAt, ExamSource Source, string? SourceRecordId, bool CountsTowardAward, string? Explanation)
{
    public static ExamAttemptResponse From(ExamAttempt a) => new(a.Id, a.MemberId, a.ProgramId, a.Score, a.MaxScore,
        ExamAttemptRules.Percent(a.Score, a.MaxScore), a.Passed, a.AttemptNumber, a.TakenAt, a.Source, a.SourceRecordId, a.CountsTowardAward, a.Explanation);
}

/// <summary>What recording the result did toward the credential.</summary>
/// <param name="Awarded">True when the pass completed the program and its credential was awarded.</param>
/// <param name="CredentialId">The credential awarded, when one was.</param>
/// <param name="CredentialNumber">Its certificate number.</param>
/// <param name="Explanation">The decision in words: awarded, or what is still missing.</param>
/// <param name="Missing">The requirements the member does not meet yet.</param>
/// <param name="PathwaysAwarded">Numbers of pathway credentials the award completed.</param>
public sealed record ExamAwardOutcome(bool Awarded, Guid? CredentialId, string? CredentialNumber, string Explanation, IReadOnlyList<string> Missing,
    IReadOnlyList<string> PathwaysAwarded);

/// <summary>The recorded attempt, and what it did toward the credential.</summary>
public sealed record ExamRecordedResponse(ExamAttemptResponse Attempt, ExamAwardOutcome Award);
