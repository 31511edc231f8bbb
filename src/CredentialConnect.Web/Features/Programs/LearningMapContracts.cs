namespace CredentialConnect.Web.Features.Programs;

/// <summary>
/// Which LMS activities count for a program: results of its exam activities become exam attempts, and completing a
/// course earns CE hours in its category. Sent alone to <c>PUT /programs/{id}/learning</c>, or as a program's
/// <c>learning</c>.
/// </summary>
public sealed record LearningMapWrite(ExamActivityWrite[]? Exams, CourseCreditWrite[]? Courses)
{
    /// <summary>The program's version as read. Required on <c>PUT /programs/{id}/learning</c>; inside a program body the program's own version counts.</summary>
    public int? Version { get; init; }
}

/// <param name="ActivityId">The exam's LMS activity id, an absolute IRI.</param>
/// <param name="PassingScorePercent">0–100; judges a scored result the LMS gives no verdict on. Passed and failed results follow the program's exam rules.</param>
public sealed record ExamActivityWrite(string ActivityId, decimal? PassingScorePercent);

/// <param name="ActivityId">The course's LMS activity id, an absolute IRI.</param>
/// <param name="Category">A recertification category of the program, when the program has categories.</param>
/// <param name="Hours">The CE hours a completion earns.</param>
public sealed record CourseCreditWrite(string ActivityId, string Category, decimal? Hours);

public sealed record LearningMapResponse(ExamActivityResponse[] Exams, CourseCreditResponse[] Courses)
{
    public static LearningMapResponse From(LearningMap map) => new(
        map.Exams.Select(e => new ExamActivityResponse(e.ActivityId, e.PassingScorePercent)).ToArray(),
        map.Courses.Select(c => new CourseCreditResponse(c.ActivityId, c.Category, c.Hours)).ToArray());
}

public sealed record ExamActivityResponse(string ActivityId, decimal? PassingScorePercent);

public sealed record CourseCreditResponse(string ActivityId, string Category, decimal Hours);

/// <summary>A program's learning map with the program's version, to send back on the next edit.</summary>
/// <param name="StatementsApplied">On a change: how many LMS statements already received were applied under the new map.</param>
public sealed record ProgramLearningResponse(Guid ProgramId, int Version, ExamActivityResponse[] Exams, CourseCreditResponse[] Courses, int StatementsApplied)
{
    public static ProgramLearningResponse From(CredentialProgram program, int statementsApplied = 0)
    {
        var map = LearningMapResponse.From(program.Learning);
        return new(program.Id, program.Version, map.Exams, map.Courses, statementsApplied);
    }
}
