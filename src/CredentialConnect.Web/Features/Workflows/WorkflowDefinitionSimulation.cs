using System.Text.Json.Nodes;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Simulation;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Reads the members' real histories for a simulation: their domain events, oldest first, as the triggers the
/// engine would have been handed. Only reads: the simulation itself runs in memory and writes nothing.
/// </summary>
public static class WorkflowDefinitionSimulation
{
    public const int MaxMembers = 50;
    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromDays(365);
    public static readonly TimeSpan DefaultLookAhead = TimeSpan.FromDays(365);

    /// <summary>Bounds the simulated time, so a request cannot ask for centuries of timers.</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(5 * 366);

    public static Dictionary<string, string[]> Check(WorkflowDefinitionSimulate request, DateTimeOffset from, DateTimeOffset until)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.MemberIds is not { Length: > 0 } members) errors["memberIds"] = ["Name at least one member to simulate."];
        else if (members.Length > MaxMembers) errors["memberIds"] = [$"Simulate at most {MaxMembers} members at a time."];
        if (until <= from) errors["until"] = ["Until must be after from."];
        else if (until - from > MaxSpan) errors["until"] = [$"A simulation covers at most {MaxSpan.TotalDays:0} days."];
        return errors;
    }

    /// <param name="context">When given, each trigger carries what templates see (member, program, credential, association), as live events do.</param>
    public static async Task<IReadOnlyList<MemberHistory>> HistoriesAsync(
        AppDbContext db, IReadOnlyCollection<Guid> memberIds, DateTimeOffset from, DateTimeOffset until, CancellationToken ct, WorkflowContext? context = null)
    {
        var events = await db.DomainEvents.AsNoTracking()
            .Where(e => e.MemberId != null && memberIds.Contains(e.MemberId.Value) && e.OccurredAt >= from && e.OccurredAt <= until)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .ToListAsync(ct);
        var programIds = events.Select(e => e.ProgramId).OfType<Guid>().Distinct().ToList();
        var programCodes = await db.Programs.AsNoTracking().Where(p => programIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
        var triggers = new List<WorkflowTrigger>();
        foreach (var domainEvent in events)
            triggers.Add(context is null ? TriggerOf(domainEvent, programCodes) : await context.AddToAsync(TriggerOf(domainEvent, programCodes), db, ct));
        return [.. memberIds.Select(id => new MemberHistory(id, [.. triggers.Where(t => t.MemberId == id)]))];
    }

    public static WorkflowTrigger TriggerOf(DomainEvent domainEvent, IReadOnlyDictionary<Guid, string> programCodes) =>
        WorkflowEventHandler.TriggerOf(domainEvent, domainEvent.ProgramId is { } id ? programCodes.GetValueOrDefault(id) : null);
}
