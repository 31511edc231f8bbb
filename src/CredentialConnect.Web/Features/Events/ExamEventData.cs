namespace CredentialConnect.Web.Features.Events;

/// <summary>Details of ExamPassed and ExamFailed: the nurture flow needs the attempt number and score.</summary>
public sealed record ExamEventData(Guid AttemptId, string ProgramCode, int AttemptNumber, decimal Score, decimal MaxScore)
{
    /// <summary>False when the sitting broke the program's attempt rules: it is recorded, but it cannot earn the credential.</summary>
    public bool CountsTowardAward { get; init; } = true;

    /// <summary>Why the attempt was judged as it was, when that is not plain from its score.</summary>
    public string? Explanation { get; init; }

    /// <summary>When the sitting was taken; the program's retake wait counts from it.</summary>
    public DateTimeOffset? TakenAt { get; init; }
}

/// <summary>Details of CourseCompleted.</summary>
public sealed record CourseEventData(Guid CreditId, string Activity, string Category, decimal Hours);

/// <summary>Details of ExamAttemptVoided: the attempt the source voided, as it was when removed.</summary>
public sealed record ExamAttemptVoidedData(Guid AttemptId, string ProgramCode, int AttemptNumber, bool Passed, bool CountsTowardAward,
    DateTimeOffset TakenAt, string? SourceRecordId);

/// <summary>Details of CourseCompletionVoided: the CE credit the source voided, as it was when removed.</summary>
public sealed record CourseCompletionVoidedData(Guid CreditId, string Activity, string Category, decimal Hours, DateTimeOffset EarnedAt, string? SourceRecordId);

/// <summary>Details of CredentialReviewNeeded: which award staff should look at again, and why.</summary>
public sealed record CredentialReviewData(Guid CredentialId, string Number, string ProgramCode, string Reason);
