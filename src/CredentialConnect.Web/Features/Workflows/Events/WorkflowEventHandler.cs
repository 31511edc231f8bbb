using System.Text.Json.Nodes;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Hands every domain event to the workflow engine inside the dispatcher's transaction: it cancels the member's flows
/// that stop on it, resumes the waits it answers, and starts the flows it triggers. The instance id comes from the
/// event, so a second delivery of the same event starts nothing new.
/// </summary>
public sealed class WorkflowEventHandler(WorkflowUnit unit, EarlyEvents earlyEvents) : IDomainEventHandler
{
    private readonly Dictionary<Guid, string> _programCodes = [];

    public async Task HandleAsync(DomainEvent domainEvent, AppDbContext db, CancellationToken cancellationToken)
    {
        var trigger = await TriggerForAsync(domainEvent, db, cancellationToken);
        await unit.RunAsync(async engine =>
        {
            await earlyEvents.KeepAsync(domainEvent.Id, trigger, cancellationToken);
            return await engine.HandleEventAsync(trigger, cancellationToken);
        }, cancellationToken);
    }

    private async Task<WorkflowTrigger> TriggerForAsync(DomainEvent domainEvent, AppDbContext db, CancellationToken cancellationToken)
    {
        var data = JsonNode.Parse(domainEvent.Data) as JsonObject ?? [];
        var program = domainEvent.ProgramId is { } programId ? await ProgramCodeAsync(db, programId, cancellationToken) : null;
        return new WorkflowTrigger(domainEvent.Type, domainEvent.MemberId, program, CorrelationOf(data, domainEvent), data, domainEvent.OccurredAt);
    }

    /// <summary>What the event is about: the application, credential or exam attempt it names, or else the event itself.</summary>
    private static string CorrelationOf(JsonObject data, DomainEvent domainEvent) =>
        new[] { "applicationId", "credentialId", "attemptId", "registrationId" }.Select(name => EffectPayload.Text(data, name))
            .FirstOrDefault(id => id is not null) ?? domainEvent.Id.ToString();

    private async Task<string?> ProgramCodeAsync(AppDbContext db, Guid programId, CancellationToken cancellationToken)
    {
        if (!_programCodes.TryGetValue(programId, out var code))
            _programCodes[programId] = code = await db.Programs.AsNoTracking().Where(p => p.Id == programId).Select(p => p.Code).SingleOrDefaultAsync(cancellationToken) ?? "";
        return code.Length == 0 ? null : code;
    }
}
