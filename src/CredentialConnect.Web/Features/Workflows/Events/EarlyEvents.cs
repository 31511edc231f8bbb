using System.Text.Json.Nodes;
using CredentialConnect.Web.Data;
using CredentialConnect.Workflows.Activities.Flow;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Keeps the member events that a flow may wait for, so an event that arrives just before its wait exists (the
/// registration recorded a moment before the flow reached its wait) is still delivered: when a wait with the same
/// stimulus appears within the time to live, it is resumed at once with the kept event.
/// </summary>
public sealed class EarlyEvents(AppDbContext db, EfWorkflowStore store, WorkflowEngine engine, IOptions<WorkflowOptions> options, TimeProvider clock)
{
    private IReadOnlyList<WorkflowDefinition>? _published;
    private bool _keptUnsaved;

    /// <summary>Called when the unit of work has been saved.</summary>
    public void Saved() => _keptUnsaved = false;

    /// <summary>
    /// Records <paramref name="trigger"/> when a published flow waits for its type; it counts as delivered when a
    /// wait is there for it now. A second delivery of the same event finds its record and adds nothing.
    /// </summary>
    public async Task KeepAsync(Guid eventId, WorkflowTrigger trigger, CancellationToken cancellationToken)
    {
        if (trigger.MemberId is not { } memberId || !await AwaitedAsync(trigger.Type, cancellationToken)) return;
        if (await db.PendingStimuli.AnyAsync(s => s.Id == eventId, cancellationToken)) return;

        var stimulus = WaitForEvent.StimulusFor(trigger.Type, memberId);
        var waiting = (await store.FindBookmarksAsync(stimulus, cancellationToken)).Count > 0;
        db.PendingStimuli.Add(new PendingStimulus
        {
            Id = eventId, Stimulus = stimulus, Payload = trigger.Data.ToJsonString(), ArrivedAt = trigger.At,
            ExpiresAt = trigger.At + options.Value.EarlyEventTtl, DeliveredAt = waiting ? clock.GetUtcNow() : null,
        });
        _keptUnsaved = true;
    }

    /// <summary>Resumes each event wait created in this unit of work that a kept, unexpired event was waiting for.</summary>
    public async Task DeliverToNewWaitsAsync(CancellationToken cancellationToken)
    {
        while (store.TakeEventWaitsCreated() is { Count: > 0 } created)
        {
            // An event kept in this unit of work may be the one a new wait is looking for.
            if (_keptUnsaved) await store.SaveChangesAsync(cancellationToken);
            _keptUnsaved = false;
            var now = clock.GetUtcNow();
            var stimuli = created.Select(c => c.Bookmark.Stimulus).Distinct().ToList();
            var kept = await db.PendingStimuli.Where(s => stimuli.Contains(s.Stimulus) && s.DeliveredAt == null && s.ExpiresAt > now)
                .OrderBy(s => s.ArrivedAt).ToListAsync(cancellationToken);
            foreach (var (instanceId, bookmark) in created)
            {
                if (kept.FirstOrDefault(s => s.Stimulus == bookmark.Stimulus && s.DeliveredAt == null) is not { } first) continue;
                first.DeliveredAt = now;
                await engine.ResumeAsync(instanceId, bookmark.Id, JsonNode.Parse(first.Payload)!.AsObject(), now, cancellationToken);
            }
        }
    }

    /// <summary>Forgets kept events whose time to live has passed; returns how many.</summary>
    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        db.PendingStimuli.Where(s => s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);

    private async Task<bool> AwaitedAsync(string eventType, CancellationToken cancellationToken)
    {
        _published ??= await store.LatestPublishedAsync(cancellationToken);
        return _published.Any(d => d.Root.Activities.Any(a => a.Type == nameof(WaitForEvent) && EffectPayload.Text(a.Inputs, "eventType") == eventType));
    }
}
