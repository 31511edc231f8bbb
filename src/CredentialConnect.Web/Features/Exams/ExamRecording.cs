using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Exams;

/// <summary>One exam result as a source reports it.</summary>
/// <param name="ReportedPassed">The source's own verdict, when it gives one. It decides only when the source gives no score.</param>
public sealed record ExamResult(Guid MemberId, CredentialProgram Program, decimal Score, decimal MaxScore, DateTimeOffset TakenAt,
    ExamSource Source, string? SourceRecordId, bool? ReportedPassed = null)
{
    /// <summary>True when the source reported no score at all, so there is nothing for the program's rule to judge.</summary>
    public bool Unscored { get; init; }
}

/// <summary>
/// The one way an exam result becomes an <see cref="ExamAttempt"/>, whether it comes from the LMS or the API: the
/// program's passing score decides pass or fail, the attempt is numbered after the member's earlier sittings, and
/// ExamPassed or ExamFailed is raised in the same unit of work. Sittings outside the attempt rules are for the caller to
/// refuse (the API) or to record as not counting (the LMS, where the sitting already happened).
/// </summary>
public sealed class ExamRecording(AppDbContext db, TimeProvider clock)
{
    private readonly Dictionary<(Guid Member, Guid Program), ExamHistory> _histories = [];
    private readonly HashSet<Guid> _loaded = [];

    /// <summary>Reads the earlier sittings of these members, once for a whole page of results.</summary>
    public async Task LoadHistoriesAsync(IEnumerable<Guid> memberIds, CancellationToken cancellationToken)
    {
        var ids = memberIds.Where(id => !_loaded.Contains(id)).Distinct().ToList();
        if (ids.Count == 0) return;
        var rows = await db.ExamAttempts.Where(a => ids.Contains(a.MemberId))
            .GroupBy(a => new { a.MemberId, a.ProgramId })
            .Select(g => new
            {
                g.Key.MemberId,
                g.Key.ProgramId,
                Attempts = g.Max(a => a.AttemptNumber),
                LastFailedAt = g.Where(a => !a.Passed).Max(a => (DateTimeOffset?)a.TakenAt),
            })
            .ToListAsync(cancellationToken);
        foreach (var row in rows) _histories[(row.MemberId, row.ProgramId)] = new ExamHistory(row.Attempts, row.LastFailedAt);
        _loaded.UnionWith(ids);
    }

    /// <summary>Whether the sitting is within the program's attempt limit and waiting period.</summary>
    public AttemptCheck Check(ExamResult result) => ExamAttemptRules.Check(result.Program.Exam, HistoryOf(result), result.TakenAt);

    /// <summary>
    /// Adds the attempt and its event. A sitting outside the rules is kept but does not count toward the credential,
    /// and both the attempt and the event say why.
    /// </summary>
    public ExamAttempt Record(ExamResult result)
    {
        var check = Check(result);
        var history = HistoryOf(result);
        var rules = result.Program.Exam;
        var passed = result.Unscored ? result.ReportedPassed == true : ExamAttemptRules.Passed(rules, result.Score, result.MaxScore);

        var attempt = new ExamAttempt
        {
            MemberId = result.MemberId,
            ProgramId = result.Program.Id,
            Score = result.Score,
            MaxScore = result.MaxScore,
            Passed = passed,
            AttemptNumber = history.Attempts + 1,
            TakenAt = result.TakenAt.ToUniversalTime(),
            Source = result.Source,
            SourceRecordId = result.SourceRecordId,
            CountsTowardAward = check.Allowed,
            Explanation = Explain(result, rules, passed, check),
        };
        db.ExamAttempts.Add(attempt);
        _histories[(result.MemberId, result.Program.Id)] = history.With(attempt);

        db.Raise(passed ? DomainEventTypes.ExamPassed : DomainEventTypes.ExamFailed, clock.GetUtcNow(), result.MemberId, result.Program.Id,
            new ExamEventData(attempt.Id, result.Program.Code, attempt.AttemptNumber, attempt.Score, attempt.MaxScore)
            {
                CountsTowardAward = attempt.CountsTowardAward,
                Explanation = attempt.Explanation,
            });
        return attempt;
    }

    private ExamHistory HistoryOf(ExamResult result)
    {
        if (!_loaded.Contains(result.MemberId)) throw new InvalidOperationException("Load the member's exam history before recording a result.");
        return _histories.GetValueOrDefault((result.MemberId, result.Program.Id), ExamHistory.None);
    }

    // Says why, when the score alone does not: no score given, the source's verdict overruled, or the rules broken.
    internal static string? Explain(ExamResult result, ExamRules rules, bool passed, AttemptCheck check)
    {
        var notes = new List<string>();
        if (result.Unscored)
            notes.Add($"The source reported no score; its {(passed ? "pass" : "fail")} was taken.");
        else if (result.ReportedPassed is { } reported && reported != passed)
            notes.Add($"The source reported a {(reported ? "pass" : "fail")}, but {ExamAttemptRules.Percent(result.Score, result.MaxScore):0.##}% " +
                $"against the program's passing score of {rules.PassingScorePercent:0.##}% is a {(passed ? "pass" : "fail")}; the program's rule decides.");
        if (!check.Allowed)
            notes.Add($"Recorded as reported, but it does not count toward the credential: {check.Reason}");
        return notes.Count == 0 ? null : string.Join(" ", notes);
    }
}
