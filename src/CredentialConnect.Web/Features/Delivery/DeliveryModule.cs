using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Connectors;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Sync;

namespace CredentialConnect.Web.Features.Delivery;

public static class DeliveryModule
{
    /// <summary>The sync engine, the inbox, domain events and the outbox: the hub's data flow between partners.</summary>
    public static IHostApplicationBuilder AddDataFlow(this IHostApplicationBuilder builder)
    {
        // Inbound: partner feeds and webhooks into the inbox and the domain.
        builder.Services.AddSingleton<SyncEngine>();
        builder.Services.AddSingleton<WebhookInbox>();

        // Domain events and their handlers; handlers are open-ended, so they are found by scanning.
        builder.Services.AddSingleton<DomainEventDispatcher>();
        builder.Services.Scan(scan => scan.FromAssemblyOf<DomainEvent>()
            .AddClasses(c => c.AssignableTo<IDomainEventHandler>()).As<IDomainEventHandler>().WithScopedLifetime());

        // A partner's rate limit pauses every call to it, on every node: deliveries and syncs both honour it.
        builder.Services.AddSingleton<PartnerPauses>();

        // Outbound: the outbox, claimed safely across nodes.
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section);
        builder.Services.AddSingleton<DeliveryWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<DeliveryWorker>());
        return builder;
    }
}
