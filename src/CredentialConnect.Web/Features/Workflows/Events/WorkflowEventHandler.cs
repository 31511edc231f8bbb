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
public sealed class WorkflowEventHandler(WorkflowUnit unit, EarlyEvents earlyEvents, WorkflowContext context) : IDomainEventHandler
{
    private readonly Dictionary<Guid, string> _programCodes = [];

    public async Task HandleAsync(DomainEvent domainEvent, AppDbContext db, CancellationToken cancellationToken)
    {
        var trigger = await context.AddToAsync(await TriggerForAsync(domainEvent, db, cancellationToken), db, cancellationToken);
        await unit.RunAsync(async engine =>
        {
            await earlyEvents.KeepAsync(domainEvent.Id, trigger, cancellationToken);
            return await engine.HandleEventAsync(trigger, cancellationToken);
        }, cancellationToken);
    }

    private async Task<WorkflowTrigger> TriggerForAsync(DomainEvent domainEvent, AppDbContext db, CancellationToken cancellationToken) =>
        TriggerOf(domainEvent, domainEvent.ProgramId is { } programId ? await ProgramCodeAsync(db, programId, cancellationToken) : null);

    /// <summary>
    /// A domain event as a workflow trigger, the same for live flows and simulations: its data is the flow's input,
    /// with the program's code added, and what it is about (the application, credential, exam attempt, registration or
    /// CE credit it names, or else the event itself) is the correlation.
    /// </summary>
    public static WorkflowTrigger TriggerOf(DomainEvent domainEvent, string? program)
    {
        var data = JsonNode.Parse(domainEvent.Data) as JsonObject ?? [];
        if (program is not null) data.TryAdd("programCode", program);
        var correlation = new[] { "applicationId", "credentialId", "attemptId", "registrationId", "creditId" }.Select(name => EffectPayload.Text(data, name))
            .FirstOrDefault(id => id is not null) ?? domainEvent.Id.ToString();
        return new WorkflowTrigger(domainEvent.Type, domainEvent.MemberId, program, correlation, data, domainEvent.OccurredAt)
        {
            Voids = DomainEventTypes.Voidings.Contains(domainEvent.Type),
        };
    }

    private async Task<string?> ProgramCodeAsync(AppDbContext db, Guid programId, CancellationToken cancellationToken)
    {
        if (!_programCodes.TryGetValue(programId, out var code))
            _programCodes[programId] = code = await db.Programs.AsNoTracking().Where(p => p.Id == programId).Select(p => p.Code).SingleOrDefaultAsync(cancellationToken) ?? "";
        return code.Length == 0 ? null : code;
    }
}
