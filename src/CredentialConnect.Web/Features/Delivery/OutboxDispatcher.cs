using System.Text.Json;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Connectors;
using CredentialConnect.Web.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Delivery;

/// <summary>
/// Delivers outbox messages to partner systems. A node leases a batch (see <see cref="IDatabaseDialect"/>), delivers
/// each message outside any transaction, then records the outcome: delivered, retried later with backoff (never
/// sooner than the partner's Retry-After), or dead-lettered with the reason. Connectors check before they write,
/// so a retry after a lost answer finds the earlier delivery instead of posting twice. A partner's rate limit is no
/// failure: it pauses every delivery to that partner (see <see cref="PartnerPauses"/>), and the messages wait as they
/// are, with their attempts and their place in the queue.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes, IDatabaseDialect dialect, PartnerPauses pauses, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    // The kinds the community connector delivers; while it is paused they are not claimed.
    private static readonly string[] CommunityKinds = [OutboxKinds.CommunityBadge, OutboxKinds.CommunityMessage];

    public const int MaxAttempts = 8;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly string _node = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Delivers the messages due now; returns how many it attempted.</summary>
    public async Task<int> DeliverDueAsync(int batch, CancellationToken cancellationToken)
    {
        IReadOnlyList<Guid> claimed;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var paused = await pauses.PausedAsync(db, cancellationToken);
            var skipped = PartnerOf(scope.ServiceProvider.GetRequiredService<ConnectorCatalog>(), OutboxKinds.CommunityMessage) is { } community && paused.Contains(community)
                ? CommunityKinds
                : [];
            var now = clock.GetUtcNow();
            claimed = await dialect.ClaimOutboxAsync(db, _node, now, now + Lease, batch, skipped, cancellationToken);
        }
        foreach (var id in claimed) await DeliverAsync(id, cancellationToken);
        return claimed.Count;
    }

    private async Task DeliverAsync(Guid id, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var message = await db.OutboxMessages.SingleAsync(m => m.Id == id, cancellationToken);
        if (message.LockedBy != _node || message.Status != OutboxStatus.Pending) return;

        // Another message of this batch, or another node, was told to wait: the message goes back as it was.
        var partner = PartnerOf(scope.ServiceProvider.GetRequiredService<ConnectorCatalog>(), message.Kind);
        if (partner is not null && await pauses.ActiveAsync(db, partner, cancellationToken) is not null)
        {
            Release(message);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        Outcome outcome;
        try
        {
            outcome = scope.ServiceProvider.GetKeyedService<IOutboxChannel>(message.Kind) is { } channel
                ? await channel.DeliverAsync(message, cancellationToken)
                : await SendAsync(message, db, scope.ServiceProvider.GetRequiredService<ConnectorCatalog>(), cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(e, "Delivering outbox message {Id} failed", id);
            outcome = new Outcome.Retryable($"The hub failed while delivering: {e.Message}");
        }
        if (partner is not null && outcome is Outcome.Retryable { RateLimited: true } limited)
        {
            // Not an attempt, and the due time stays, so after the wait the queue's order is what it was.
            await pauses.PauseAsync(db, partner, limited, cancellationToken);
            Release(message);
            message.LastError = limited.Describe();
        }
        else Record(db, message, outcome);
        if (message.Status == OutboxStatus.DeadLettered)
            foreach (var observer in scope.ServiceProvider.GetServices<IDeadLetterObserver>())
                await observer.DeadLetteredAsync(message, message.LastError ?? outcome.Describe(), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Release(OutboxMessage message)
    {
        message.LockedBy = null;
        message.LockedUntil = null;
    }

    /// <summary>The connector a message of <paramref name="kind"/> is delivered to; null for kinds the hub delivers by other channels.</summary>
    private static string? PartnerOf(ConnectorCatalog catalog, string kind)
    {
        if (!CommunityKinds.Contains(kind)) return null;
        try
        {
            return catalog.Community?.Name;
        }
        catch (OptionsValidationException)
        {
            // Settings saved since start-up that do not validate: delivering says so, message by message.
            return null;
        }
    }

    private void Record(AppDbContext db, OutboxMessage message, Outcome outcome)
    {
        var now = clock.GetUtcNow();
        message.Attempts++;
        Release(message);
        switch (outcome)
        {
            case { Succeeded: true }:
                message.Status = OutboxStatus.Delivered;
                message.DeliveredAt = now;
                message.Reference = outcome.Reference;
                message.LastError = null;
                break;
            case Outcome.Retryable retry when message.Attempts < MaxAttempts:
                message.LastError = retry.Reason;
                message.NextAttemptAt = now + Later(retry.RetryAfter, message.Attempts);
                break;
            default:
                var reason = outcome is Outcome.Retryable ? $"Gave up after {message.Attempts} attempts: {outcome.Describe()}" : outcome.Describe();
                message.Status = OutboxStatus.DeadLettered;
                message.LastError = reason;
                db.DeadLetters.Add(new DeadLetter { OutboxMessageId = message.Id, Kind = message.Kind, Reason = reason, Attempts = message.Attempts, DeadLetteredAt = now });
                logger.LogWarning("Outbox message {Id} ({Kind}) dead-lettered: {Reason}", message.Id, message.Kind, reason);
                break;
        }
    }

    /// <summary>Exponential backoff from 30 s, capped at 1 h, and never sooner than the partner asked.</summary>
    public static TimeSpan Later(TimeSpan? retryAfter, int attempts)
    {
        var backoff = TimeSpan.FromSeconds(Math.Min(30 * Math.Pow(2, attempts - 1), 3600));
        return retryAfter is { } asked && asked > backoff ? asked : backoff;
    }

    private static async Task<Outcome> SendAsync(OutboxMessage message, AppDbContext db, ConnectorCatalog catalog, CancellationToken cancellationToken)
    {
        if (catalog.Community is not { } community) return new Outcome.Retryable("No community connector is configured.", TimeSpan.FromHours(1));
        var memberId = message.MemberId ?? Guid.Empty;
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null) return new Outcome.Permanent("The member no longer exists.");

        var username = await UsernameAsync(community, member, cancellationToken);
        if (!username.Succeeded) return username;

        return message.Kind switch
        {
            OutboxKinds.CommunityBadge when Read<CommunityBadgePayload>(message) is { } badge =>
                await community.GrantBadgeAsync(username.Reference!, new CommunityBadge(badge.BadgeName, badge.Description, badge.Reason), cancellationToken),
            OutboxKinds.CommunityMessage when Read<CommunityMessagePayload>(message) is { } note =>
                await community.SendMessageAsync(username.Reference!, new CommunityMessage(note.Title, note.Body, $"cc-{message.Id:N}"), cancellationToken),
            _ => new Outcome.Permanent($"Unknown outbox message kind '{message.Kind}'."),
        };
    }

    // The member's community username, resolved once and then remembered on the member.
    private static async Task<Outcome> UsernameAsync(ICommunityTarget community, Member member, CancellationToken cancellationToken)
    {
        if (member.CommunityUserId is { } known) return new Outcome.AlreadyDone(known);
        var resolved = await community.ResolveAsync(new CommunityMember(member.AmsMemberId, member.Email), cancellationToken);
        if (resolved.Succeeded) member.CommunityUserId = resolved.Reference;
        return resolved;
    }

    private static T? Read<T>(OutboxMessage message) => JsonSerializer.Deserialize<T>(message.Payload, JsonSerializerOptions.Web);
}
