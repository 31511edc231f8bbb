using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Connectors;
using CredentialConnect.Web.Features.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Sync;

/// <summary>
/// Acts on verified webhooks waiting in the inbox. Thin member notices are batched into one re-read from the
/// AMS; feed notices start that connector's sync. A notice is marked processed in the same transaction as
/// the change it caused; one that fails stays pending and is tried again.
/// </summary>
public sealed class WebhookInbox(IServiceScopeFactory scopes, SyncEngine sync, TimeProvider clock, ILogger<WebhookInbox> logger)
{
    public async Task<int> ProcessPendingAsync(int batch, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var catalog = scope.ServiceProvider.GetRequiredService<ConnectorCatalog>();
        var pending = await db.InboxMessages.Where(m => m.Kind == "webhook" && m.ProcessedAt == null && m.Attempts < 10)
            .OrderBy(m => m.ReceivedAt).Take(batch).ToListAsync(cancellationToken);
        if (pending.Count == 0) return 0;

        foreach (var group in pending.GroupBy(m => m.Source[..m.Source.IndexOf(':')]))
        {
            var connector = group.Key;
            var notices = group.Select(m => (Message: m, Notice: WebhookNoticeRecord.Read(m))).ToList();
            var members = notices.Where(n => n.Notice.Kind == "member-changed").ToList();
            var now = clock.GetUtcNow();

            if (members.Count > 0)
            {
                var source = catalog.MemberSources.FirstOrDefault(s => s.Name == connector);
                var fetch = source is null ? null : await source.GetManyAsync(members.Select(m => m.Notice.AmsMemberId!).Distinct().ToList(), cancellationToken);
                if (fetch?.Value is { } records)
                {
                    await new MemberSync(db, clock).ApplyAsync(connector, records, cancellationToken);
                    foreach (var (message, _) in members) message.ProcessedAt = now;
                }
                else
                {
                    foreach (var (message, _) in members)
                    {
                        message.Attempts++;
                        message.Problem = source is null ? $"No member source named '{connector}' is configured." : fetch?.Failure?.Describe();
                    }
                }
            }

            if (notices.Any(n => n.Notice.Kind == "feed-changed"))
            {
                await sync.RunConnectorAsync(connector, SyncTriggers.Webhook, cancellationToken);
                foreach (var (message, _) in notices.Where(n => n.Notice.Kind == "feed-changed")) message.ProcessedAt = now;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Processed {Count} webhook notices", pending.Count);
        return pending.Count;
    }
}
