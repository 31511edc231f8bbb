namespace CredentialConnect.Web.Features.Events;

/// <summary>Details of ExamPassed and ExamFailed: the nurture flow needs the attempt number and score.</summary>
public sealed record ExamEventData(Guid AttemptId, string ProgramCode, int AttemptNumber, decimal Score, decimal MaxScore)
{
    /// <summary>False when the sitting broke the program's attempt rules: it is recorded, but it cannot earn the credential.</summary>
    public bool CountsTowardAward { get; init; } = true;

    /// <summary>Why the attempt was judged as it was, when that is not plain from its score.</summary>
    public string? Explanation { get; init; }
}

/// <summary>Details of CourseCompleted.</summary>
public sealed record CourseEventData(Guid CreditId, string Activity, string Category, decimal Hours);
