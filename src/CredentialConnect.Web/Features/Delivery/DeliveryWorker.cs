using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Sync;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Delivery;

public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Off in tests, which drive each step themselves.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How often each node looks for events to handle and messages to deliver.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// The hub's delivery loop on every node: webhook notices in, domain events to outbox messages, outbox
/// messages out. Every step is safe to run on several nodes at once.
/// </summary>
public sealed class DeliveryWorker(
    WebhookInbox webhooks, DomainEventDispatcher events, OutboxDispatcher outbox, IOptions<DeliveryOptions> options,
    TimeProvider clock, ILogger<DeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Delivery loop failed; trying again shortly");
            }
            await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
        }
    }

    /// <summary>One pass: what a node does each poll.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await webhooks.ProcessPendingAsync(200, cancellationToken);
        while (await events.DispatchAsync(200, cancellationToken) > 0) { }
        await outbox.DeliverDueAsync(50, cancellationToken);
    }
}
