using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Eligibility;
using CredentialConnect.Web.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Readiness;

/// <summary>Brings a member's goals up to date and raises GoalProgressed for each one whose readiness moved.</summary>
public static class GoalTracking
{
    public static async Task RefreshAsync(AppDbContext db, EligibilityService eligibility, Guid memberId, IReadOnlyList<Goal> goals, DateTimeOffset now, CancellationToken ct)
    {
        if (goals.Count == 0 || await eligibility.LoadFactsAsync(memberId, ct) is not { } facts) return;
        var programIds = goals.Select(g => g.ProgramId).ToList();
        var programs = (await eligibility.LoadProgramsAsync(db.Programs.Where(p => programIds.Contains(p.Id)), ct)).ToDictionary(p => p.Id);

        foreach (var goal in goals)
        {
            var program = programs[goal.ProgramId];
            var before = goal.PercentReady;
            var decision = await eligibility.DecideAsync(program, facts, ct);
            if (goal.Record(decision, now, first: false) is not { } entry || entry.PercentReady == before) continue;
            db.Raise(DomainEventTypes.GoalProgressed, now, memberId, program.Id,
                new GoalProgressedData(goal.Id, program.Code, before, entry.PercentReady, entry.Eligible, entry.MetCount, entry.UnmetCount));
        }
    }
}

/// <summary>
/// Recomputes a member's goals when something happens that can move them: learning, exams, credentials, membership,
/// applications, and the voiding of a completion or sitting. GoalProgressed then lets workflows nudge the member.
/// </summary>
public sealed class GoalProgressTracker(TimeProvider clock) : IDomainEventHandler
{
    private static readonly HashSet<string> Moves =
    [
        DomainEventTypes.MemberJoined, DomainEventTypes.MemberLapsed, DomainEventTypes.CourseCompleted,
        DomainEventTypes.ExamPassed, DomainEventTypes.ExamFailed, DomainEventTypes.ApplicationSubmitted,
        DomainEventTypes.CredentialAwarded, DomainEventTypes.CredentialExpiring, DomainEventTypes.CredentialRenewed,
        DomainEventTypes.CredentialLapsed, DomainEventTypes.CredentialSuspended, DomainEventTypes.CredentialRevoked,
        DomainEventTypes.CredentialReinstated, DomainEventTypes.CeAuditCompleted,
        DomainEventTypes.CourseCompletionVoided, DomainEventTypes.ExamAttemptVoided,
    ];

    public async Task HandleAsync(DomainEvent domainEvent, AppDbContext db, CancellationToken cancellationToken)
    {
        if (domainEvent.MemberId is not { } memberId || !Moves.Contains(domainEvent.Type)) return;
        var goals = await db.Goals.Where(g => g.MemberId == memberId).ToListAsync(cancellationToken);
        await GoalTracking.RefreshAsync(db, new EligibilityService(db, clock), memberId, goals, clock.GetUtcNow(), cancellationToken);
    }
}
