using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Email;
using CredentialConnect.Workflows.Activities.Actions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Turns a step's effects into outbox rows in the step's own unit of work, keyed by the effect's idempotency key, so
/// a step that runs again never queues the same work twice. Messages for people and partners (email, community,
/// webhooks) are delivered later by the outbox dispatcher. Commands inside the hub (award, application, tag, portal
/// notice, approval task) run at once, in the same transaction as the step, and leave a delivered row as their
/// record; one the hub refuses (an application already decided) is dead-lettered with the reason.
/// </summary>
/// <remarks>
/// Outbox messages are checked against the keys already queued, and emails addressed, once for the whole unit of
/// work (<see cref="CompleteAsync"/>), so a batch of steps costs two queries rather than two for each step.
/// </remarks>
public sealed class WorkflowEffects(AppDbContext db, InHubCommands commands, TimeProvider clock)
{
    // The keys this unit of work has queued; the outbox's own Local view would scan every tracked entity each time.
    private readonly HashSet<string> _added = [];

    /// <summary>
    /// Whether an in-hub command (an award, an application decision, a tag…) has changed the hub's records since
    /// the last call: other code in the same transaction may query them, so they are saved at once.
    /// </summary>
    public bool TakeChangedHubRecords()
    {
        var changed = _changedHubRecords;
        _changedHubRecords = false;
        return changed;
    }

    private bool _changedHubRecords;

    // Messages to queue once checked against the outbox; an email is addressed then.
    private readonly List<(WorkflowInstanceState State, Effect Effect, string Kind, object? Payload)> _unchecked = [];

    /// <summary>
    /// Applies a step's effects. Messages are queued now and checked with the rest of the unit of work's; an in-hub
    /// command runs at once unless its key shows it already ran.
    /// </summary>
    public async Task ApplyAsync(WorkflowInstanceState state, IReadOnlyList<Effect> effects, CancellationToken cancellationToken)
    {
        if (effects.Count == 0) return;
        var commandKeys = effects.Where(e => !Queued(e.Kind)).Select(e => e.IdempotencyKey).ToList();
        var ran = commandKeys.Count == 0 ? [] : await db.OutboxMessages.Where(m => commandKeys.Contains(m.IdempotencyKey)).ToDictionaryAsync(m => m.IdempotencyKey, cancellationToken);
        foreach (var effect in effects)
        {
            if (ran.TryGetValue(effect.IdempotencyKey, out var earlier))
            {
                // A command the hub refused runs again when its step is retried; one it accepted never does.
                if (earlier.Status == OutboxStatus.DeadLettered && _added.Add(effect.IdempotencyKey)) await RunAgainAsync(state, effect, earlier, cancellationToken);
                else _outcomes.TryAdd(effect.IdempotencyKey, OutcomeOf(earlier));
                continue;
            }
            if (_added.Add(effect.IdempotencyKey)) await ApplyAsync(state, effect, cancellationToken);
        }
    }

    // How the in-hub commands run in this unit of work ended, for the flows that wait on them.
    private readonly Dictionary<string, Outcome> _outcomes = [];

    /// <summary>
    /// How the in-hub command with <paramref name="idempotencyKey"/> ended: run in this unit of work, or recorded in the
    /// outbox by an earlier one. A key the hub never saw is refused, so a flow never goes on after a command that did not run.
    /// </summary>
    public async Task<CommandOutcome> CommandOutcomeAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        if (!_outcomes.TryGetValue(idempotencyKey, out var outcome))
            outcome = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.IdempotencyKey == idempotencyKey, cancellationToken) is { } row
                ? OutcomeOf(row)
                : new Outcome.Permanent($"The hub has no record of command '{idempotencyKey}'.");
        return outcome.Succeeded ? new CommandOutcome(true, Reference: (outcome as Outcome.Done)?.Reference) : new CommandOutcome(false, outcome.Describe());
    }

    private static Outcome OutcomeOf(OutboxMessage row) => row.Status == OutboxStatus.DeadLettered
        ? new Outcome.Permanent(row.LastError ?? "The hub refused it.")
        : new Outcome.Done(row.Reference);

    private async Task RunAgainAsync(WorkflowInstanceState state, Effect effect, OutboxMessage earlier, CancellationToken cancellationToken)
    {
        await CompleteAsync(cancellationToken);
        _changedHubRecords = true;
        var outcome = await commands.RunAsync(state, effect, cancellationToken);
        _outcomes[effect.IdempotencyKey] = outcome;
        earlier.Attempts++;
        if (!outcome.Succeeded)
        {
            earlier.LastError = outcome.Describe();
            return;
        }
        earlier.Status = OutboxStatus.Delivered;
        earlier.DeliveredAt = effect.At;
        earlier.Reference = outcome.Reference;
        earlier.LastError = null;
    }

    /// <summary>
    /// Drops the messages queued in this unit of work whose key the outbox already holds (a step run again), and
    /// addresses its emails, each with one query. The store calls it before every save.
    /// </summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (_unchecked.Count == 0) return;
        var pending = _unchecked.ToList();
        _unchecked.Clear();
        var queued = await QueuedKeysAsync([.. pending.Select(p => p.Effect.IdempotencyKey)], cancellationToken);
        var fresh = pending.Where(p => !queued.Contains(p.Effect.IdempotencyKey)).ToList();
        var memberIds = fresh.Where(p => p.Payload is null).Select(p => p.State.MemberId).OfType<Guid>().Distinct().ToList();
        var members = memberIds.Count == 0 ? [] : await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Email, m.FirstName, m.LastName }).ToDictionaryAsync(m => m.Id, cancellationToken);
        foreach (var (state, effect, kind, payload) in fresh)
        {
            if (payload is not null)
            {
                db.OutboxMessages.Add(NewMessage(state, effect, kind, payload));
                continue;
            }
            var member = state.MemberId is { } id && members.TryGetValue(id, out var found) ? found : null;
            var to = EffectPayload.Text(effect.Payload, "to") is { Length: > 0 } given ? given : member?.Email ?? "";
            db.OutboxMessages.Add(NewMessage(state, effect, kind, new EmailPayload(to, member is null ? null : $"{member.FirstName} {member.LastName}",
                EffectPayload.Text(effect.Payload, "subject") ?? "", EffectPayload.Text(effect.Payload, "body") ?? "")));
        }
    }

    private static bool Queued(string kind) =>
        kind is SendEmail.EffectKind or SendCommunityMessage.EffectKind or GrantCommunityBadge.EffectKind or HttpWebhook.EffectKind;

    private async Task<HashSet<string>> QueuedKeysAsync(List<string> keys, CancellationToken cancellationToken) =>
        (await db.OutboxMessages.AsNoTracking().Where(m => keys.Contains(m.IdempotencyKey)).Select(m => m.IdempotencyKey).ToListAsync(cancellationToken)).ToHashSet();

    private async Task ApplyAsync(WorkflowInstanceState state, Effect effect, CancellationToken cancellationToken)
    {
        var payload = effect.Payload;
        switch (effect.Kind)
        {
            case SendEmail.EffectKind:
                // Addressed in CompleteAsync, with the unit of work's other emails.
                _unchecked.Add((state, effect, OutboxKinds.Email, null));
                break;
            case SendCommunityMessage.EffectKind:
                Queue(state, effect, OutboxKinds.CommunityMessage,
                    new CommunityMessagePayload(MemberOf(state), EffectPayload.Text(payload, "title") ?? "", EffectPayload.Text(payload, "body") ?? ""));
                break;
            case GrantCommunityBadge.EffectKind:
                var badge = EffectPayload.Text(payload, "badge") ?? "";
                var reason = EffectPayload.Text(payload, "reason");
                Queue(state, effect, OutboxKinds.CommunityBadge, new CommunityBadgePayload(MemberOf(state), badge, reason ?? badge, reason));
                break;
            case HttpWebhook.EffectKind:
                Queue(state, effect, WorkflowWebhookChannel.Kind, payload);
                break;
            default:
                // A command acts on the hub's records now; the messages before it are settled first.
                await CompleteAsync(cancellationToken);
                _changedHubRecords = true;
                var outcome = await commands.RunAsync(state, effect, cancellationToken);
                _outcomes[effect.IdempotencyKey] = outcome;
                Record(state, effect, outcome);
                break;
        }
    }

    private void Queue(WorkflowInstanceState state, Effect effect, string kind, object payload) => _unchecked.Add((state, effect, kind, payload));

    private void Record(WorkflowInstanceState state, Effect effect, Outcome outcome)
    {
        _outcomes[effect.IdempotencyKey] = outcome;
        var message = NewMessage(state, effect, effect.Kind, effect.Payload);
        message.Attempts = 1;
        if (outcome.Succeeded)
        {
            message.Status = OutboxStatus.Delivered;
            message.DeliveredAt = effect.At;
            message.Reference = outcome.Reference;
        }
        else
        {
            message.Status = OutboxStatus.DeadLettered;
            message.LastError = outcome.Describe();
            db.DeadLetters.Add(new DeadLetter { OutboxMessageId = message.Id, Kind = message.Kind, Reason = outcome.Describe(), Attempts = 1, DeadLetteredAt = clock.GetUtcNow() });
        }
        db.OutboxMessages.Add(message);
    }

    private OutboxMessage NewMessage(WorkflowInstanceState state, Effect effect, string kind, object payload) => new()
    {
        Kind = kind,
        IdempotencyKey = effect.IdempotencyKey,
        MemberId = state.MemberId,
        Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
        CreatedAt = clock.GetUtcNow(),
        NextAttemptAt = effect.At,
    };

    private static Guid MemberOf(WorkflowInstanceState state) => state.MemberId ?? Guid.Empty;
}

/// <summary>Reads an effect's payload, whose values the runtime has already rendered.</summary>
public static class EffectPayload
{
    public static string? Text(JsonObject payload, string name) => payload[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var node => node.ToJsonString(),
    };
}
