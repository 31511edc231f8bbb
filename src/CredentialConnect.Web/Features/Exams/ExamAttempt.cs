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
    /// <summary>The sitting's place among the member's sittings of the program, by when they were taken: a sitting the source reports late renumbers the later ones.</summary>
    public int AttemptNumber { get; set; }
    public DateTimeOffset TakenAt { get; init; }
    public ExamSource Source { get; init; }

    /// <summary>The source system's id for the result (an xAPI statement id), so a voiding can undo it and a replay cannot add it twice.</summary>
    public string? SourceRecordId { get; init; }

    /// <summary>
    /// False for a sitting the LMS reported outside the program's attempt rules (past the attempt limit, inside the
    /// waiting period): it happened, so it is kept, but it never earns the credential.
    /// </summary>
    public bool CountsTowardAward { get; set; } = true;

    /// <summary>Why the attempt was judged as it was, when that is not plain from its score (null otherwise).</summary>
    public string? Explanation { get; set; }
}
