using System.Text.Json;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Recertification;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Simulation;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Reads the members' real histories for a simulation: their domain events, oldest first, as the triggers the
/// engine would have been handed, and the events their records imply or the hub's schedule will raise. Only reads:
/// the simulation itself runs in memory and writes nothing.
/// </summary>
public static class WorkflowDefinitionSimulation
{
    public const int MaxMembers = 50;
    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromDays(365);
    public static readonly TimeSpan DefaultLookAhead = TimeSpan.FromDays(365);

    /// <summary>Bounds the simulated time, so a request cannot ask for centuries of timers.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(5 * 366);

    public const int MaxReviewerDecisionDays = 365;

    public static Dictionary<string, string[]> Check(WorkflowDefinitionSimulate request, DateTimeOffset from, DateTimeOffset until)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.MemberIds is not { Length: > 0 } members) errors["memberIds"] = ["Name at least one member to simulate."];
        else if (members.Length > MaxMembers) errors["memberIds"] = [$"Simulate at most {MaxMembers} members at a time."];
        if (until <= from) errors["until"] = ["Until must be after from."];
        else if (until - from > MaxSpan) errors["until"] = [$"A simulation covers at most {MaxSpan.TotalDays:0} days."];
        if (request.ReviewerDecisionDays is < 0 or > MaxReviewerDecisionDays)
            errors["reviewerDecisionDays"] = [$"A reviewer decides 0–{MaxReviewerDecisionDays} days after a task opens."];
        return errors;
    }

    /// <summary>
    /// Each member's history between <paramref name="from"/> and <paramref name="until"/>: the domain events recorded
    /// for them; the events their records imply where none was recorded (exam sittings, submitted applications and
    /// awards from before the hub kept events, or imported); and, after <paramref name="now"/>, the expiry notices the
    /// hub's schedule will raise on each program notice day before their credentials expire.
    /// </summary>
    /// <param name="context">When given, each trigger carries what templates see (member, program, credential, association), as live events do.</param>
    public static async Task<IReadOnlyList<MemberHistory>> HistoriesAsync(
        AppDbContext db, IReadOnlyCollection<Guid> memberIds, DateTimeOffset from, DateTimeOffset until, DateTimeOffset now, CancellationToken ct,
        WorkflowContext? context = null)
    {
        var events = await db.DomainEvents.AsNoTracking()
            .Where(e => e.MemberId != null && memberIds.Contains(e.MemberId.Value) && e.OccurredAt >= from && e.OccurredAt <= until)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .ToListAsync(ct);
        var attempts = await db.ExamAttempts.AsNoTracking()
            .Where(a => memberIds.Contains(a.MemberId) && a.TakenAt >= from && a.TakenAt <= until).ToListAsync(ct);
        var applications = await db.Applications.AsNoTracking()
            .Where(a => memberIds.Contains(a.MemberId) && a.SubmittedAt != null && a.SubmittedAt >= from && a.SubmittedAt <= until).ToListAsync(ct);
        var credentials = await db.Credentials.AsNoTracking().Where(c => memberIds.Contains(c.MemberId)).ToListAsync(ct);

        var programIds = events.Select(e => e.ProgramId).OfType<Guid>()
            .Concat(attempts.Select(a => a.ProgramId)).Concat(applications.Select(a => a.ProgramId)).Concat(credentials.Select(c => c.ProgramId))
            .Distinct().ToList();
        var programs = await db.Programs.AsNoTracking().Where(p => programIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var programCodes = programs.ToDictionary(p => p.Key, p => p.Value.Code);

        var recorded = events.Select(e => TriggerOf(e, programCodes)).ToList();
        var known = recorded.Select(t => (t.Type, t.CorrelationId)).ToHashSet();
        var implied = new List<DomainEvent>();
        void Imply(string type, DateTimeOffset at, Guid memberId, Guid programId, Guid about, object data)
        {
            if (at >= from && at <= until && !known.Contains((type, about.ToString())))
                implied.Add(Unrecorded(type, at, memberId, programId, data));
        }
        foreach (var a in attempts)
            Imply(a.Passed ? DomainEventTypes.ExamPassed : DomainEventTypes.ExamFailed, a.TakenAt, a.MemberId, a.ProgramId, a.Id,
                new ExamEventData(a.Id, programCodes[a.ProgramId], a.AttemptNumber, a.Score, a.MaxScore) { CountsTowardAward = a.CountsTowardAward, Explanation = a.Explanation });
        foreach (var a in applications)
            Imply(DomainEventTypes.ApplicationSubmitted, a.SubmittedAt!.Value, a.MemberId, a.ProgramId, a.Id, new ApplicationEventData(a.Id, programCodes[a.ProgramId], null, null));
        foreach (var c in credentials)
            Imply(DomainEventTypes.CredentialAwarded, c.IssuedAt, c.MemberId, c.ProgramId, c.Id,
                new CredentialAwardedData(c.Id, c.Number, programCodes[c.ProgramId], c.ExpiresAt, "Awarded."));

        var projected = credentials
            .Where(c => c.ExpiresAt is not null && c.Status is CredentialStatus.Active or CredentialStatus.Expiring)
            .SelectMany(c => (programs[c.ProgramId].Recertification?.ExpiringNoticeDays ?? []).Select(days => (Credential: c, Days: days, At: c.ExpiresAt!.Value.AddDays(-days))))
            .Where(n => n.At > now && n.At >= from && n.At <= until)
            .Select(n => Unrecorded(DomainEventTypes.CredentialExpiring, n.At, n.Credential.MemberId, n.Credential.ProgramId,
                new CredentialCycleEventData(n.Credential.Id, n.Credential.Number, n.Credential.CurrentCycle, n.Credential.ExpiresAt, n.Days)))
            .ToList();

        var happened = recorded.Concat(implied.Select(e => TriggerOf(e, programCodes))).OrderBy(t => t.At).ToList();
        var ahead = projected.OrderBy(e => e.OccurredAt).Select(e => TriggerOf(e, programCodes)).ToList();
        if (context is not null)
        {
            for (var i = 0; i < happened.Count; i++) happened[i] = await context.AddToAsync(happened[i], db, ct);
            for (var i = 0; i < ahead.Count; i++) ahead[i] = await context.AddToAsync(ahead[i], db, ct);
        }
        return [.. memberIds.Select(id => new MemberHistory(id, [.. happened.Where(t => t.MemberId == id)])
        {
            Projected = [.. ahead.Where(t => t.MemberId == id)],
        })];
    }

    /// <summary>An event as the hub would have raised it; never added to the database.</summary>
    private static DomainEvent Unrecorded(string type, DateTimeOffset at, Guid memberId, Guid programId, object data) => new()
    {
        Type = type, OccurredAt = at, MemberId = memberId, ProgramId = programId,
        Data = JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
    };

    public static WorkflowTrigger TriggerOf(DomainEvent domainEvent, IReadOnlyDictionary<Guid, string> programCodes) =>
        WorkflowEventHandler.TriggerOf(domainEvent, domainEvent.ProgramId is { } id ? programCodes.GetValueOrDefault(id) : null);
}
