using CredentialConnect.Web.Data;

namespace CredentialConnect.Web.Features.Exams;

/// <summary>Where an exam result came from.</summary>
public enum ExamSource { Lms, Api, Import }

/// <summary>One sitting of a program's exam by a member.</summary>
public sealed class ExamAttempt : IAuditable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public Guid ProgramId { get; init; }
    public decimal Score { get; init; }
    public decimal MaxScore { get; init; }
    public bool Passed { get; init; }
    public int AttemptNumber { get; init; }
    public DateTimeOffset TakenAt { get; init; }
    public ExamSource Source { get; init; }

    /// <summary>The source system's id for the result (an xAPI statement id), so a voiding can undo it and a replay cannot add it twice.</summary>
    public string? SourceRecordId { get; init; }

    /// <summary>
    /// False for a sitting the LMS reported outside the program's attempt rules (past the attempt limit, inside the
    /// waiting period): it happened, so it is kept, but it never earns the credential.
    /// </summary>
    public bool CountsTowardAward { get; init; } = true;

    /// <summary>Why the attempt was judged as it was, when that is not plain from its score (null otherwise).</summary>
    public string? Explanation { get; init; }
}
