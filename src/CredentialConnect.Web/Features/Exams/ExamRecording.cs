using System.Text.Json;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Credentials;
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
/// program's passing score decides pass or fail, the attempt is numbered by when it was taken among the member's
/// sittings, and ExamPassed or ExamFailed is raised in the same unit of work. Sittings outside the attempt rules are
/// for the caller to refuse (the API) or to record as not counting (the LMS, where the sitting already happened).
/// </summary>
/// <remarks>
/// A sitting reported late (older than sittings already recorded) renumbers the later ones and judges them again in
/// the order they were taken; so does a voided sitting. An award that rested on a pass that no longer counts is
/// flagged for staff review, never revoked here. Events of this unit of work carry the corrected numbers; what
/// earlier units of work already queued is corrected by <see cref="AttemptNumberCorrection"/>.
/// </remarks>
public sealed class ExamRecording(AppDbContext db, TimeProvider clock)
{
    private readonly Dictionary<(Guid Member, Guid Program), List<ExamAttempt>> _sittings = [];
    private readonly Dictionary<Guid, List<Credential>> _liveCredentials = [];
    private readonly HashSet<Guid> _loaded = [];

    /// <summary>Reads the earlier sittings and live credentials of these members, once for a whole page of results.</summary>
    public async Task LoadHistoriesAsync(IEnumerable<Guid> memberIds, CancellationToken cancellationToken)
    {
        var ids = memberIds.Where(id => !_loaded.Contains(id)).Distinct().ToList();
        if (ids.Count == 0) return;
        // Tracked: a late sitting renumbers and judges again the ones already recorded.
        var attempts = await db.ExamAttempts.Where(a => ids.Contains(a.MemberId)).ToListAsync(cancellationToken);
        var added = db.ExamAttempts.Local.Where(a => ids.Contains(a.MemberId) && db.Entry(a).State == EntityState.Added);
        foreach (var attempt in attempts.Concat(added).DistinctBy(a => a.Id))
            SittingsOf(attempt.MemberId, attempt.ProgramId).Add(attempt);
        var credentials = await db.Credentials.Where(c => ids.Contains(c.MemberId)
            && (c.Status == CredentialStatus.Active || c.Status == CredentialStatus.Expiring || c.Status == CredentialStatus.Suspended)).ToListAsync(cancellationToken);
        foreach (var id in ids) _liveCredentials[id] = credentials.Where(c => c.MemberId == id).ToList();
        _loaded.UnionWith(ids);
    }

    /// <summary>Whether the sitting, in its place among the member's sittings, is within the attempt limit and waiting period.</summary>
    public AttemptCheck Check(ExamResult result)
    {
        // The new sitting's id is not known yet; the greatest id puts it after sittings it ties with, as its own
        // (time-ordered) id will, so a retake reported for the same instant as a failure is held to that failure's wait.
        var candidate = new Sitting(Guid.AllBitsSet, result.TakenAt.ToUniversalTime(), result.SourceRecordId, Passed: false);
        return ExamAttemptRules.JudgeInOrder(result.Program.Exam, [.. Current(result.MemberId, result.Program.Id).Select(ToSitting), candidate])
            .Single(j => j.Sitting == candidate).Check;
    }

    /// <summary>
    /// Adds the attempt and its event. A sitting outside the rules is kept but does not count toward the credential,
    /// and both the attempt and the event say why. Later sittings are renumbered and judged again.
    /// </summary>
    public ExamAttempt Record(ExamResult result)
    {
        var check = Check(result);
        var rules = result.Program.Exam;
        var passed = result.Unscored ? result.ReportedPassed == true : ExamAttemptRules.Passed(rules, result.Score, result.MaxScore);

        var attempt = new ExamAttempt
        {
            MemberId = result.MemberId,
            ProgramId = result.Program.Id,
            Score = result.Score,
            MaxScore = result.MaxScore,
            Passed = passed,
            TakenAt = result.TakenAt.ToUniversalTime(),
            Source = result.Source,
            SourceRecordId = result.SourceRecordId,
            CountsTowardAward = check.Allowed,
            Explanation = Explain(result, rules, passed, check),
        };
        db.ExamAttempts.Add(attempt);
        SittingsOf(result.MemberId, result.Program.Id).Add(attempt);
        Renumber(result.Program, result.MemberId, attempt);

        db.Raise(passed ? DomainEventTypes.ExamPassed : DomainEventTypes.ExamFailed, clock.GetUtcNow(), result.MemberId, result.Program.Id,
            new ExamEventData(attempt.Id, result.Program.Code, attempt.AttemptNumber, attempt.Score, attempt.MaxScore)
            {
                CountsTowardAward = attempt.CountsTowardAward,
                Explanation = attempt.Explanation,
                TakenAt = attempt.TakenAt,
            });
        return attempt;
    }

    /// <summary>
    /// Removes a sitting the source voided, raises ExamAttemptVoided, and renumbers and judges again the sittings
    /// after it. When the award rested on it, the award is flagged for review.
    /// </summary>
    public async Task VoidAsync(ExamAttempt attempt, CancellationToken cancellationToken)
    {
        await LoadHistoriesAsync([attempt.MemberId], cancellationToken);
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == attempt.ProgramId, cancellationToken);
        var now = clock.GetUtcNow();
        var countedPass = attempt is { Passed: true, CountsTowardAward: true };
        db.ExamAttempts.Remove(attempt);
        SittingsOf(attempt.MemberId, attempt.ProgramId).Remove(attempt);
        db.Raise(DomainEventTypes.ExamAttemptVoided, now, attempt.MemberId, attempt.ProgramId,
            new ExamAttemptVoidedData(attempt.Id, program.Code, attempt.AttemptNumber, attempt.Passed, attempt.CountsTowardAward, attempt.TakenAt, attempt.SourceRecordId));
        Renumber(program, attempt.MemberId, recorded: null);
        if (countedPass)
            FlagAwardsWithoutPass(program, attempt.MemberId,
                $"The exam pass of {ExamAttemptRules.Day(attempt.TakenAt)} (attempt {attempt.AttemptNumber}) was voided by its source.", now);
    }

    // Numbers every sitting by when it was taken and judges it at that place. A sitting that stops counting is noted;
    // if a live award then rests on no counted pass, it is flagged for staff, who decide.
    private void Renumber(CredentialProgram program, Guid memberId, ExamAttempt? recorded)
    {
        var sittings = Current(memberId, program.Id);
        var byId = sittings.ToDictionary(a => a.Id);
        var lostPasses = new List<ExamAttempt>();
        foreach (var judged in ExamAttemptRules.JudgeInOrder(program.Exam, sittings.Select(ToSitting)))
        {
            var attempt = byId[judged.Sitting.Id];
            var renumbered = attempt.AttemptNumber != judged.Number;
            attempt.AttemptNumber = judged.Number;
            if (ReferenceEquals(attempt, recorded)) continue;
            if (attempt.CountsTowardAward != judged.Check.Allowed)
            {
                if (attempt is { Passed: true, CountsTowardAward: true }) lostPasses.Add(attempt);
                attempt.CountsTowardAward = judged.Check.Allowed;
                attempt.Explanation = ExamAttemptRules.Rejudged(attempt.Explanation, judged.Check);
            }
            if (renumbered) CorrectPendingEvent(attempt);
        }
        foreach (var lost in lostPasses)
            FlagAwardsWithoutPass(program, memberId,
                $"The exam pass of {ExamAttemptRules.Day(lost.TakenAt)} (attempt {lost.AttemptNumber}) no longer counts: an earlier sitting was reported late. {lost.Explanation}",
                clock.GetUtcNow());
    }

    // An event raised in this unit of work has not been seen by anyone yet, so it says the corrected number.
    private void CorrectPendingEvent(ExamAttempt attempt)
    {
        foreach (var raised in db.DomainEvents.Local.Where(e => e is { Type: DomainEventTypes.ExamPassed or DomainEventTypes.ExamFailed, HandledAt: null }
            && e.MemberId == attempt.MemberId && e.ProgramId == attempt.ProgramId))
        {
            var data = raised.Read<ExamEventData>();
            if (data.AttemptId == attempt.Id && data.AttemptNumber != attempt.AttemptNumber)
                raised.Data = JsonSerializer.Serialize(data with { AttemptNumber = attempt.AttemptNumber }, JsonSerializerOptions.Web);
        }
    }

    private void FlagAwardsWithoutPass(CredentialProgram program, Guid memberId, string reason, DateTimeOffset now)
    {
        if (!program.ExamRequired || Current(memberId, program.Id).Any(a => a is { Passed: true, CountsTowardAward: true })) return;
        foreach (var credential in _liveCredentials.GetValueOrDefault(memberId, []).Where(c => c.ProgramId == program.Id))
            CredentialReview.Flag(db, credential, program.Code, reason, now);
    }

    private List<ExamAttempt> SittingsOf(Guid memberId, Guid programId)
    {
        if (!_sittings.TryGetValue((memberId, programId), out var sittings)) _sittings[(memberId, programId)] = sittings = [];
        return sittings;
    }

    // Sittings voided by another recording in this unit of work are left out.
    private List<ExamAttempt> Current(Guid memberId, Guid programId)
    {
        if (!_loaded.Contains(memberId)) throw new InvalidOperationException("Load the member's exam history before recording a result.");
        var sittings = SittingsOf(memberId, programId);
        sittings.RemoveAll(a => db.Entry(a).State is EntityState.Deleted or EntityState.Detached);
        return sittings;
    }

    private static Sitting ToSitting(ExamAttempt a) => new(a.Id, a.TakenAt, a.SourceRecordId, a.Passed);

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
            notes.Add(ExamAttemptRules.NotCountingNote(check.Reason));
        return notes.Count == 0 ? null : string.Join(" ", notes);
    }
}
