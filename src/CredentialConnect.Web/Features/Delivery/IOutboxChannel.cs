using CredentialConnect.Connectors;

namespace CredentialConnect.Web.Features.Delivery;

/// <summary>
/// Delivers the outbox messages of one kind that no connector handles (email). A channel is registered as a keyed
/// service under its kind; the dispatcher records the outcome, retries and dead-letters as for every other kind.
/// </summary>
public interface IOutboxChannel
{
    Task<Outcome> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// Hears that a message was dead-lettered, in the delivery's unit of work before it saves, so whoever asked for the
/// message (a workflow step) can record the failure with the message's new status.
/// </summary>
public interface IDeadLetterObserver
{
    Task DeadLetteredAsync(OutboxMessage message, string reason, CancellationToken cancellationToken);
}
