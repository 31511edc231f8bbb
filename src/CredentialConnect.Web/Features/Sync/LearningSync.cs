using System.Text.Json;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Sync;

/// <summary>
/// Applies LMS learning events: completions of mapped courses become CE credits, results of a program's exam
/// become exam attempts, and a voiding undoes the record it names. The learner is matched by xAPI account
/// first (the AMS id carried to the LMS) and by email second; anyone else is held for review, never guessed.
/// </summary>
public sealed class LearningSync(AppDbContext db, TimeProvider clock)
{
    /// <summary>The inbox kind of an LMS statement.</summary>
    public const string InboxKind = "learning";

    /// <summary>
    /// The most statements one change of a learning map re-applies. The re-apply runs in the request that changes the
    /// map; a map that would reach further back is refused, and mapped a few activities at a time instead.
    /// </summary>
    public const int MaxReapplied = 5000;

    public async Task<PageTally> ApplyAsync(string source, IReadOnlyList<LearningEvent> events, CancellationToken cancellationToken)
    {
        var tally = new PageTally { Received = events.Count };
        var now = clock.GetUtcNow();
        var fresh = await Inbox.NewRecordsAsync(db, source, events, e => e.EventId, cancellationToken);
        tally.Skipped += events.Count - fresh.Count;
        if (fresh.Count == 0) return tally;

        var map = new ActivityMap(await db.Programs.AsNoTracking().ToListAsync(cancellationToken));
        var learners = await LearnersAsync(fresh, cancellationToken);
        var exams = new ExamRecording(db, clock);
        if (fresh.Any(e => map.IsExam(e.ActivityId)))
            await exams.LoadHistoriesAsync(learners.Members.Select(m => m.Id), cancellationToken);

        foreach (var e in fresh)
        {
            var voiding = e.Verb == LearningVerb.Voided;
            var inbox = Inbox.Add(db, source, e.EventId, InboxKind, e, now, voiding ? null : e.ActivityId, voiding ? e.VoidedEventId : null);
            inbox.ProcessedAt = now;
            if (voiding)
            {
                if (await VoidAsync(e.VoidedEventId, cancellationToken)) tally.Removed++; else tally.Unchanged++;
                continue;
            }

            // The learner is matched whatever the activity: an unknown person is a question for staff even when no
            // program maps the activity yet.
            var member = learners.Find(e.Learner);
            if (member is null)
            {
                HoldForReview(source, e, learners.Candidates(e.Learner), inbox, now);
                tally.HeldForReview++;
                continue;
            }
            if (learners.ShouldRemember(e.Learner, member)) member.LmsActor = LearnerDirectory.ActorKey(e.Learner);

            if (!Apply(member, map, e, exams, now))
            {
                // Kept unapplied, found by its activity when a program maps it.
                inbox.ProcessedAt = null;
                tally.Unchanged++;
                continue;
            }
            tally.Created++;
        }
        return tally;
    }

    /// <summary>
    /// Applies the statements already in the inbox for activities a learning map has just named: each becomes the
    /// credit or attempt (with its events) a fresh statement would, once. A statement voided in the meantime, one held
    /// for review, and one whose credit or attempt already exists are left as they are.
    /// </summary>
    /// <returns>How many statements were applied; null when there are more than <see cref="MaxReapplied"/>.</returns>
    public async Task<int?> ReapplyAsync(IReadOnlyCollection<string> activityIds, CancellationToken cancellationToken)
    {
        var ids = activityIds.Where(a => a.Length <= InboxMessage.MaxActivityIdLength).Distinct().ToList();
        if (ids.Count == 0) return 0;
        var waiting = db.InboxMessages.Where(m => m.Kind == InboxKind && m.ActivityId != null && ids.Contains(m.ActivityId) && m.ProcessedAt == null
            && !db.MemberMatchReviews.Any(r => r.InboxMessageId == m.Id && r.Status == MatchReviewStatus.Open));
        if (await waiting.CountAsync(cancellationToken) > MaxReapplied) return null;
        var rows = await waiting.OrderBy(m => m.ReceivedAt).ThenBy(m => m.Id).ToListAsync(cancellationToken);
        if (rows.Count == 0) return 0;

        var eventIds = rows.Select(r => r.EventId).ToList();
        var sources = rows.Select(r => r.Source).Distinct().ToList();
        var voided = (await db.InboxMessages.Where(m => sources.Contains(m.Source) && m.VoidsEventId != null && eventIds.Contains(m.VoidsEventId))
            .Select(m => new { m.Source, m.VoidsEventId }).ToListAsync(cancellationToken))
            .Select(v => (v.Source, v.VoidsEventId!)).ToHashSet();

        var now = clock.GetUtcNow();
        var statements = rows.Select(r => (Row: r, Event: JsonSerializer.Deserialize<LearningEvent>(r.Payload, JsonSerializerOptions.Web)!)).ToList();
        var map = new ActivityMap(await db.Programs.AsNoTracking().ToListAsync(cancellationToken));
        var learners = await LearnersAsync(statements.Select(s => s.Event).ToList(), cancellationToken);
        var exams = new ExamRecording(db, clock);
        await exams.LoadHistoriesAsync(learners.Members.Select(m => m.Id), cancellationToken);
        var applied = await AppliedAsync(eventIds, cancellationToken);

        var count = 0;
        foreach (var (row, e) in statements)
        {
            if (voided.Contains((row.Source, e.EventId)))
            {
                row.ProcessedAt = now;
                row.Problem = "Voided before a program mapped its activity; not applied.";
                continue;
            }
            if (learners.Find(e.Learner) is not { } member) continue;
            if (applied.Contains((member.Id, e.EventId))) { row.ProcessedAt = now; continue; }
            if (!Apply(member, map, e, exams, now)) continue;
            row.ProcessedAt = now;
            row.Problem = null;
            count++;
        }
        return count;
    }

    // The LMS credits and attempts these statements already made, by member: a statement is applied once for its learner.
    private async Task<HashSet<(Guid Member, string EventId)>> AppliedAsync(List<string> eventIds, CancellationToken cancellationToken)
    {
        var credits = await db.ContinuingEducationCredits.Where(c => c.Source == CreditSource.Lms && eventIds.Contains(c.SourceRecordId!))
            .Select(c => new { c.MemberId, c.SourceRecordId }).ToListAsync(cancellationToken);
        var attempts = await db.ExamAttempts.Where(a => a.Source == ExamSource.Lms && eventIds.Contains(a.SourceRecordId!))
            .Select(a => new { a.MemberId, a.SourceRecordId }).ToListAsync(cancellationToken);
        return credits.Select(c => (c.MemberId, c.SourceRecordId!)).Concat(attempts.Select(a => (a.MemberId, a.SourceRecordId!))).ToHashSet();
    }

    /// <summary>Makes the credit or attempt the statement earns under the map; false when the map gives it nothing.</summary>
    private bool Apply(Member member, ActivityMap map, LearningEvent e, ExamRecording exams, DateTimeOffset now)
    {
        if (e.Verb is LearningVerb.Completed or LearningVerb.Satisfied && map.Course(e.ActivityId) is { } course)
        {
            AddCredit(member, course, e, now);
            return true;
        }
        if (map.Exam(e.ActivityId) is not { } mapped) return false;
        var (program, exam) = mapped;
        if (e.Verb is LearningVerb.Passed or LearningVerb.Failed)
        {
            AddAttempt(exams, member, program, e);
            return true;
        }
        // A scored result with no verdict of the LMS's own is judged by the exam activity's passing score, when it has one.
        if (exam.PassingScorePercent is { } passing && e.Verb == LearningVerb.Completed && e.Score is { Raw: not null } or { Scaled: not null })
        {
            AddAttempt(exams, member, JudgedAt(program, passing), e);
            return true;
        }
        return false;
    }

    private void AddCredit(Member member, CourseCredit course, LearningEvent e, DateTimeOffset now)
    {
        var credit = new ContinuingEducationCredit
        {
            MemberId = member.Id,
            Activity = e.ActivityName ?? e.ActivityId,
            Category = course.Category,
            Hours = course.Hours,
            EarnedAt = e.OccurredAt.ToUniversalTime(),
            Source = CreditSource.Lms,
            SourceRecordId = e.EventId,
            Evidence = e.ActivityId,
        };
        db.ContinuingEducationCredits.Add(credit);
        db.Raise(DomainEventTypes.CourseCompleted, now, member.Id, data: new CourseEventData(credit.Id, credit.Activity, credit.Category, credit.Hours));
    }

    /// <summary>
    /// The LMS's result goes through the one exam-recording path: the program's passing score decides, and a sitting
    /// outside the attempt rules is kept (it happened) but does not count toward the credential. Awarding follows from
    /// ExamPassed, outside the page's transaction, so a page never fails on a certificate number.
    /// </summary>
    private static void AddAttempt(ExamRecording exams, Member member, CredentialProgram program, LearningEvent e)
    {
        var (score, max) = Score(e.Score);
        bool? verdict = e.Verb switch { LearningVerb.Passed => true, LearningVerb.Failed => false, _ => null };
        exams.Record(new ExamResult(member.Id, program, score, max, e.OccurredAt.ToUniversalTime(), ExamSource.Lms, e.EventId,
            ReportedPassed: verdict) { Unscored = e.Score is not ({ Raw: not null } or { Scaled: not null }) });
    }

    // The program as the exam recording sees it, with the exam activity's passing score in place of the program's.
    private static CredentialProgram JudgedAt(CredentialProgram program, decimal passingScorePercent) => new()
    {
        Id = program.Id, Code = program.Code, Name = program.Name, Kind = program.Kind,
        Exam = new ExamRules
        {
            PassingScorePercent = passingScorePercent, MaxAttempts = program.Exam.MaxAttempts, RetakeWaitDays = program.Exam.RetakeWaitDays,
        },
    };

    // Raw against max when the LMS gives both; otherwise the scaled score as a percentage.
    private static (decimal Score, decimal Max) Score(LearningScore? s) => s switch
    {
        { Raw: { } raw, Max: { } max } when max > 0 => (raw, max),
        { Scaled: { } scaled } => (Math.Round(scaled * 100, 2), 100),
        { Raw: { } raw } => (raw, 100),
        _ => (0, 100),
    };

    /// <summary>
    /// Removes the credit or attempt a voided statement created, and raises CourseCompletionVoided or
    /// ExamAttemptVoided in the same unit of work, so flows, goals and staff learn it was undone. A voided sitting
    /// renumbers the later ones and may flag an award that rested on it. The audit log keeps what was removed.
    /// </summary>
    private async Task<bool> VoidAsync(string? voidedEventId, CancellationToken cancellationToken)
    {
        if (voidedEventId is null) return false;
        var credit = db.ContinuingEducationCredits.Local.FirstOrDefault(c => c.SourceRecordId == voidedEventId)
            ?? await db.ContinuingEducationCredits.FirstOrDefaultAsync(c => c.Source == CreditSource.Lms && c.SourceRecordId == voidedEventId, cancellationToken);
        if (credit is not null)
        {
            db.ContinuingEducationCredits.Remove(credit);
            db.Raise(DomainEventTypes.CourseCompletionVoided, clock.GetUtcNow(), credit.MemberId,
                data: new CourseCompletionVoidedData(credit.Id, credit.Activity, credit.Category, credit.Hours, credit.EarnedAt, credit.SourceRecordId));
            return true;
        }
        var attempt = db.ExamAttempts.Local.FirstOrDefault(a => a.SourceRecordId == voidedEventId)
            ?? await db.ExamAttempts.FirstOrDefaultAsync(a => a.Source == ExamSource.Lms && a.SourceRecordId == voidedEventId, cancellationToken);
        if (attempt is not null) { await new ExamRecording(db, clock).VoidAsync(attempt, cancellationToken); return true; }
        return false;
    }

    private void HoldForReview(string source, LearningEvent e, IReadOnlyList<Member> candidates, InboxMessage inbox, DateTimeOffset now)
    {
        inbox.ProcessedAt = null;
        inbox.Problem = candidates.Count > 1
            ? $"The learner's email matches {candidates.Count} members; held for review."
            : "No member matches the learner's account or email; held for review.";
        db.MemberMatchReviews.Add(new MemberMatchReview
        {
            Source = source,
            ExternalIdentity = LearnerDirectory.ActorKey(e.Learner) ?? e.Learner.Email ?? "(anonymous)",
            Email = e.Learner.Email,
            Reason = inbox.Problem,
            CandidateMemberIds = JsonSerializer.Serialize(candidates.Select(c => c.Id)),
            InboxMessageId = inbox.Id,
            RaisedAt = now,
        });
    }

    private async Task<LearnerDirectory> LearnersAsync(IReadOnlyList<LearningEvent> events, CancellationToken cancellationToken)
    {
        var actors = events.Select(e => LearnerDirectory.ActorKey(e.Learner)).OfType<string>().Distinct().ToList();
        var names = events.Select(e => e.Learner.AccountName).OfType<string>().Distinct().ToList();
        var emails = events.Select(e => e.Learner.Email?.ToLowerInvariant()).OfType<string>().Distinct().ToList();
        var members = await db.Members
            .Where(m => (m.LmsActor != null && actors.Contains(m.LmsActor)) || names.Contains(m.AmsMemberId) || emails.Contains(m.Email.ToLower()))
            .ToListAsync(cancellationToken);
        return new LearnerDirectory(members);
    }
}

/// <summary>Which program, if any, maps each LMS activity, read once for a page of statements.</summary>
internal sealed class ActivityMap(IReadOnlyList<CredentialProgram> programs)
{
    private readonly Dictionary<string, CourseCredit> _courses = programs.SelectMany(p => p.Learning.Courses)
        .GroupBy(c => c.ActivityId).ToDictionary(g => g.Key, g => g.First());
    private readonly Dictionary<string, (CredentialProgram Program, ExamActivity Exam)> _exams = programs
        .SelectMany(p => p.Learning.Exams.Select(e => (Program: p, Exam: e)))
        .GroupBy(x => x.Exam.ActivityId).ToDictionary(g => g.Key, g => g.First());

    public CourseCredit? Course(string activityId) => _courses.GetValueOrDefault(activityId);

    public (CredentialProgram Program, ExamActivity Exam)? Exam(string activityId) =>
        _exams.TryGetValue(activityId, out var exam) ? exam : null;

    public bool IsExam(string activityId) => _exams.ContainsKey(activityId);
}

/// <summary>The members a page's learners could be, indexed the ways the LMS identifies people.</summary>
internal sealed class LearnerDirectory(IReadOnlyList<Member> members)
{
    public IReadOnlyList<Member> Members => members;

    private readonly Dictionary<string, Member> _byActor = members.Where(m => m.LmsActor is not null).GroupBy(m => m.LmsActor!).ToDictionary(g => g.Key, g => g.First());
    private readonly Dictionary<string, Member> _byAmsId = members.ToDictionary(m => m.AmsMemberId);
    private readonly ILookup<string, Member> _byEmail = members.ToLookup(m => m.Email.ToLowerInvariant());

    /// <summary>The xAPI account as the hub stores it: <c>homePage|name</c>.</summary>
    public static string? ActorKey(Learner l) => l.AccountHomePage is not null && l.AccountName is not null ? $"{l.AccountHomePage}|{l.AccountName}" : null;

    /// <summary>Account first (as linked before, or the AMS id carried as the account name), then a unique email.</summary>
    public Member? Find(Learner learner)
    {
        if (ActorKey(learner) is { } actor && _byActor.TryGetValue(actor, out var linked)) return linked;
        if (learner.AccountName is { } name && _byAmsId.TryGetValue(name, out var byGoldenKey)) return byGoldenKey;
        var candidates = Candidates(learner);
        return candidates.Count == 1 ? candidates[0] : null;
    }

    public IReadOnlyList<Member> Candidates(Learner learner) =>
        learner.Email is { } email ? _byEmail[email.ToLowerInvariant()].ToList() : [];

    /// <summary>True when the learner's account should be remembered on the member, so the next match is by account.</summary>
    public bool ShouldRemember(Learner learner, Member member) => ActorKey(learner) is { } actor && member.LmsActor != actor;
}
