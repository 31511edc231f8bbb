using System.Globalization;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.Web.Features.Exams;

/// <summary>What the hub knows of a member's earlier sittings of one program's exam.</summary>
/// <param name="Attempts">The highest attempt number so far (0 when none).</param>
/// <param name="LastFailedAt">When the most recent failed sitting was taken; null when none failed.</param>
public sealed record ExamHistory(int Attempts, DateTimeOffset? LastFailedAt)
{
    public static readonly ExamHistory None = new(0, null);

    /// <summary>The history once <paramref name="attempt"/> is added to it.</summary>
    public ExamHistory With(ExamAttempt attempt) => new(
        Math.Max(Attempts, attempt.AttemptNumber),
        attempt.Passed || LastFailedAt >= attempt.TakenAt ? LastFailedAt : attempt.TakenAt);
}

/// <summary>Whether a sitting is within the program's attempt rules, and if not, why and when the next one may be taken.</summary>
public sealed record AttemptCheck(bool Allowed, string? Reason, DateTimeOffset? NextAllowedAt)
{
    public static readonly AttemptCheck Ok = new(true, null, null);
}

/// <summary>A sitting as the attempt rules see it.</summary>
/// <param name="SourceRecordId">Breaks a tie between sittings taken at the same instant, then <paramref name="Id"/> does.</param>
public sealed record Sitting(Guid Id, DateTimeOffset TakenAt, string? SourceRecordId, bool Passed);

/// <summary>A sitting's number among the member's sittings, and whether it is within the rules at that place.</summary>
public sealed record SittingJudgement(Sitting Sitting, int Number, AttemptCheck Check);

/// <summary>The pure rules of a program's exam: how a score passes, and when a member may sit it again.</summary>
public static class ExamAttemptRules
{
    public const int SourceRecordIdMaxLength = 128;

    /// <summary>The score as a share of the maximum, 0–100, to two places.</summary>
    public static decimal Percent(decimal score, decimal maxScore) => Math.Round(score / maxScore * 100, 2);

    /// <summary>The program's rule decides: the share of the maximum score is at least the passing score.</summary>
    public static bool Passed(ExamRules rules, decimal score, decimal maxScore) => score / maxScore * 100 >= rules.PassingScorePercent;

    /// <summary>
    /// A sitting at <paramref name="takenAt"/> is allowed while the attempt limit is not reached and no failed sitting
    /// is less than <see cref="ExamRules.RetakeWaitDays"/> before it. A sitting reported from before the last failure
    /// (the LMS sends late) is not held to that failure's wait.
    /// </summary>
    public static AttemptCheck Check(ExamRules rules, ExamHistory history, DateTimeOffset takenAt)
    {
        if (rules.MaxAttempts is { } max && history.Attempts >= max)
            return new AttemptCheck(false, $"The exam allows at most {max} attempt{(max == 1 ? "" : "s")}, and {history.Attempts} {(history.Attempts == 1 ? "has" : "have")} been taken; no further attempt is allowed.", null);

        if (rules.RetakeWaitDays > 0 && history.LastFailedAt is { } failedAt && takenAt >= failedAt)
        {
            var next = failedAt.AddDays(rules.RetakeWaitDays);
            if (takenAt < next)
                return new AttemptCheck(false,
                    $"After a failed attempt on {Day(failedAt)} the exam may be retaken after {rules.RetakeWaitDays} days: the next attempt is allowed from {Day(next)}.", next);
        }
        return AttemptCheck.Ok;
    }

    /// <summary>
    /// Numbers and judges a member's sittings of one exam in the order they were taken, whatever order they were
    /// reported in: each is held to the attempt limit and retake wait of the sittings before it, and only those.
    /// </summary>
    public static IReadOnlyList<SittingJudgement> JudgeInOrder(ExamRules rules, IEnumerable<Sitting> sittings)
    {
        var judged = new List<SittingJudgement>();
        var history = ExamHistory.None;
        foreach (var sitting in InOrder(sittings))
        {
            judged.Add(new SittingJudgement(sitting, history.Attempts + 1, Check(rules, history, sitting.TakenAt)));
            history = new ExamHistory(history.Attempts + 1, sitting.Passed ? history.LastFailedAt : sitting.TakenAt);
        }
        return judged;
    }

    /// <summary>When taken; a tie by the source's record id, then by id, so the order never depends on arrival.</summary>
    public static IEnumerable<Sitting> InOrder(IEnumerable<Sitting> sittings) =>
        sittings.OrderBy(s => s.TakenAt).ThenBy(s => s.SourceRecordId, StringComparer.Ordinal).ThenBy(s => s.Id);

    /// <summary>The note an attempt carries while it does not count toward the credential.</summary>
    public static string NotCountingNote(string? reason) => $"{NotCountingPrefix}{reason}";

    /// <summary>
    /// The explanation once the sitting is judged again: what it said of the score stays, the note on the attempt
    /// rules is replaced by <paramref name="check"/>'s.
    /// </summary>
    public static string? Rejudged(string? explanation, AttemptCheck check)
    {
        var at = explanation?.IndexOf(NotCountingPrefix, StringComparison.Ordinal) ?? -1;
        var scoreNote = at < 0 ? explanation : explanation![..at].TrimEnd();
        var notes = new[] { scoreNote, check.Allowed ? null : NotCountingNote(check.Reason) }.Where(n => !string.IsNullOrEmpty(n)).ToList();
        return notes.Count == 0 ? null : string.Join(" ", notes);
    }

    private const string NotCountingPrefix = "Recorded as reported, but it does not count toward the credential: ";

    /// <summary>What an exam result must look like before anything else is checked; errors keyed by JSON path.</summary>
    public static Dictionary<string, string[]> Validate(decimal? score, decimal? maxScore, DateTimeOffset? takenAt, string? sourceRecordId, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        if (score is null) errors["score"] = ["Score is required."];
        else if (score < 0) errors["score"] = ["Score cannot be negative."];
        if (maxScore is null) errors["maxScore"] = ["Max score is required."];
        else if (maxScore <= 0) errors["maxScore"] = ["Max score must be greater than zero."];
        if (score is { } s && maxScore is { } m and > 0 && s > m) errors["score"] = [$"Score {s:0.##} is greater than the max score {m:0.##}."];
        if (takenAt is null) errors["takenAt"] = ["When the exam was taken is required."];
        else if (takenAt > now) errors["takenAt"] = ["An exam cannot be taken in the future."];
        if (sourceRecordId is not null && (string.IsNullOrWhiteSpace(sourceRecordId) || sourceRecordId.Length > SourceRecordIdMaxLength))
            errors["sourceRecordId"] = [$"Source record id, when given, must be 1–{SourceRecordIdMaxLength} characters."];
        return errors;
    }

    internal static string Day(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
