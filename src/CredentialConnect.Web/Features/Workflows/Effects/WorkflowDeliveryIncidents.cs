using CredentialConnect.Web.Features.Delivery;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Turns a workflow's message that could not be delivered (a webhook the partner refused, an email that bounced for
/// good) into an open incident on the step that sent it, with the partner's answer, so the flow's own record says
/// what failed instead of showing the step as Completed. The message's key names its step:
/// <c>{instanceId}/{activityId}/{visit}</c>.
/// </summary>
public sealed class WorkflowDeliveryIncidents(WorkflowUnit unit, TimeProvider clock) : IDeadLetterObserver
{
    public async Task DeadLetteredAsync(OutboxMessage message, string reason, CancellationToken cancellationToken)
    {
        var parts = message.IdempotencyKey.Split('/');
        if (parts.Length < 3 || !Guid.TryParse(parts[0], out var instanceId)) return;
        // A refused in-hub command already faulted its own step when it first ran; a failed replay changes nothing there.
        if (InHubCommandReplay.Kinds.Contains(message.Kind)) return;
        await unit.RunAsync(engine => engine.RecordIncidentAsync(instanceId, parts[1], $"'{message.Kind}' was not delivered: {reason}", clock.GetUtcNow(), cancellationToken),
            cancellationToken);
    }
}
