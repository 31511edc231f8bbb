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
