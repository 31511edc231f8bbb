namespace CredentialConnect.Web.Features.Events;

/// <summary>Details of ExamPassed and ExamFailed: the nurture flow needs the attempt number and score.</summary>
public sealed record ExamEventData(Guid AttemptId, string ProgramCode, int AttemptNumber, decimal Score, decimal MaxScore);

/// <summary>Details of CourseCompleted.</summary>
public sealed record CourseEventData(Guid CreditId, string Activity, string Category, decimal Hours);
