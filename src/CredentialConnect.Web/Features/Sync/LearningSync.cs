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
    public async Task<PageTally> ApplyAsync(string source, IReadOnlyList<LearningEvent> events, CancellationToken cancellationToken)
    {
        var tally = new PageTally { Received = events.Count };
        var now = clock.GetUtcNow();
        var fresh = await Inbox.NewRecordsAsync(db, source, events, e => e.EventId, cancellationToken);
        tally.Skipped += events.Count - fresh.Count;
        if (fresh.Count == 0) return tally;

        var programs = await db.Programs.AsNoTracking().ToListAsync(cancellationToken);
        var learners = await LearnersAsync(fresh, cancellationToken);
        var exams = new ExamRecording(db, clock);
        if (fresh.Any(e => e.Verb is LearningVerb.Passed or LearningVerb.Failed))
            await exams.LoadHistoriesAsync(learners.Members.Select(m => m.Id), cancellationToken);

        foreach (var e in fresh)
        {
            var inbox = Inbox.Add(db, source, e.EventId, "learning", e, now);
            inbox.ProcessedAt = now;
            if (e.Verb == LearningVerb.Voided)
            {
                if (await VoidAsync(e.VoidedEventId, cancellationToken)) tally.Removed++; else tally.Unchanged++;
                continue;
            }

            var course = programs.SelectMany(p => p.Learning.Courses).FirstOrDefault(c => c.ActivityId == e.ActivityId);
            var exam = programs.FirstOrDefault(p => p.Learning.ExamActivityId == e.ActivityId);
            var counts = e.Verb switch
            {
                LearningVerb.Completed or LearningVerb.Satisfied => course is not null,
                LearningVerb.Passed or LearningVerb.Failed => exam is not null,
                _ => false,
            };
            if (!counts) { tally.Unchanged++; continue; }

            var member = learners.Find(e.Learner);
            if (member is null)
            {
                HoldForReview(source, e, learners.Candidates(e.Learner), inbox, now);
                tally.HeldForReview++;
                continue;
            }
            if (learners.ShouldRemember(e.Learner, member)) member.LmsActor = LearnerDirectory.ActorKey(e.Learner);

            if (course is not null && e.Verb is LearningVerb.Completed or LearningVerb.Satisfied)
                AddCredit(member, course, e, now);
            else
                AddAttempt(exams, member, exam!, e);
            tally.Created++;
        }
        return tally;
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
        exams.Record(new ExamResult(member.Id, program, score, max, e.OccurredAt.ToUniversalTime(), ExamSource.Lms, e.EventId,
            ReportedPassed: e.Verb == LearningVerb.Passed) { Unscored = e.Score is not ({ Raw: not null } or { Scaled: not null }) });
    }

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
