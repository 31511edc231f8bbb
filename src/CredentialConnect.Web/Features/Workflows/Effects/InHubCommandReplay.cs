using System.Text.Json.Nodes;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Workflows.Activities.Actions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Runs a refused in-hub command again when staff replay its dead letter, e.g. an award refused because the program
/// was not published yet. The command acts for the instance that asked for it, in the delivery's unit of work, so the
/// change and the message's new status save together. Approval tasks are not replayed: the flow's wait owns them.
/// </summary>
public sealed class InHubCommandReplay(AppDbContext db, InHubCommands commands, TimeProvider clock) : IOutboxChannel
{
    public static readonly string[] Kinds = [AwardCredential.EffectKind, UpdateApplication.EffectKind, AddTag.EffectKind, NotifyInPortal.EffectKind];

    public async Task<Outcome> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // The idempotency key starts with the instance's id: {instanceId}/{activityId}/{visit}.
        var instanceId = Guid.TryParse(message.IdempotencyKey.Split('/')[0], out var id) ? id : Guid.Empty;
        var instance = await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (instance is null) return new Outcome.Permanent($"The workflow instance that asked for '{message.Kind}' no longer exists.");
        if (JsonNode.Parse(message.Payload) is not JsonObject payload) return new Outcome.Permanent("The command's payload is not a JSON object.");

        var state = new WorkflowInstanceState
        {
            InstanceId = instance.Id, DefinitionId = instance.DefinitionId, DefinitionVersion = instance.DefinitionVersion,
            MemberId = instance.MemberId, Program = instance.Program, CorrelationId = instance.CorrelationId,
        };
        return await commands.RunAsync(state, new Effect(message.Kind, message.IdempotencyKey, payload, clock.GetUtcNow()), cancellationToken);
    }
}
