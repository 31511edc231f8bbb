using System.Text.Json;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Events;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Delivery;

/// <summary>What a community delivery carries.</summary>
public sealed record CommunityBadgePayload(Guid MemberId, string BadgeName, string Description, string? Reason);

public sealed record CommunityMessagePayload(Guid MemberId, string Title, string Body);

/// <summary>
/// The hub's built-in reactions in the community: a passed exam earns the program's badge and a note of
/// congratulations; a failed one gets encouragement and study resources, unless the program publishes its own flow on
/// a failed exam, which then speaks for it. Programs' own workflows add to these.
/// </summary>
public sealed class CommunityRecognition(TimeProvider clock) : IDomainEventHandler
{
    public async Task HandleAsync(DomainEvent domainEvent, AppDbContext db, CancellationToken cancellationToken)
    {
        if (domainEvent is not { Type: DomainEventTypes.ExamPassed or DomainEventTypes.ExamFailed, MemberId: { } memberId, ProgramId: { } programId }) return;
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == programId, cancellationToken);
        // A program's own flow on a failed exam (the nurture) writes to the member that day; the hub's note would be a second message.
        if (domainEvent.Type == DomainEventTypes.ExamFailed && await HasPublishedFlowOnAsync(db, DomainEventTypes.ExamFailed, program.Code, cancellationToken)) return;
        foreach (var (kind, key, payload) in Messages(domainEvent.Type, domainEvent.Id, memberId, program, domainEvent.Read<ExamEventData>()))
            await QueueAsync(db, domainEvent, kind, key, payload, cancellationToken);
    }

    /// <summary>
    /// What an exam event says in the community, by outbox kind and idempotency key. Written as a function of the event
    /// so that a message still in the outbox can be written again when its attempt is renumbered.
    /// </summary>
    public static IEnumerable<(string Kind, string IdempotencyKey, object Payload)> Messages(string eventType, Guid eventId, Guid memberId,
        Programs.CredentialProgram program, ExamEventData exam)
    {
        if (eventType == DomainEventTypes.ExamPassed)
        {
            yield return (OutboxKinds.CommunityBadge, $"badge:{memberId}:{program.Code}",
                new CommunityBadgePayload(memberId, program.Name, $"Passed the {program.Name} exam.", $"Passed the {program.Name} exam on attempt {exam.AttemptNumber}."));
            yield return (OutboxKinds.CommunityMessage, $"message:{eventId}",
                new CommunityMessagePayload(memberId, $"Congratulations on passing the {program.Name} exam",
                    $"You passed the {program.Name} exam with {exam.Score:0.##} of {exam.MaxScore:0.##}. Your badge is on your profile."));
        }
        else if (eventType == DomainEventTypes.ExamFailed)
        {
            yield return (OutboxKinds.CommunityMessage, $"message:{eventId}",
                new CommunityMessagePayload(memberId, $"Your {program.Name} exam: next steps",
                    $"Attempt {exam.AttemptNumber} scored {exam.Score:0.##} of {exam.MaxScore:0.##}. Many certificants pass on a later attempt. " +
                    "The study group and practice questions in the community are a good place to start."));
        }
    }

    private static Task<bool> HasPublishedFlowOnAsync(AppDbContext db, string eventType, string programCode, CancellationToken cancellationToken) =>
        db.WorkflowDefinitions.AnyAsync(d => d.IsLatestPublished
            && db.WorkflowTriggers.Any(t => t.DefinitionVersionId == d.Id && t.TriggerType == eventType && (t.Program == null || t.Program == programCode)), cancellationToken);

    // The same work is queued once: a member who passes again does not get the badge twice.
    private async Task QueueAsync(AppDbContext db, DomainEvent cause, string kind, string idempotencyKey, object payload, CancellationToken cancellationToken)
    {
        if (db.OutboxMessages.Local.Any(m => m.IdempotencyKey == idempotencyKey)
            || await db.OutboxMessages.AnyAsync(m => m.IdempotencyKey == idempotencyKey, cancellationToken)) return;
        var now = clock.GetUtcNow();
        db.OutboxMessages.Add(new OutboxMessage
        {
            Kind = kind,
            IdempotencyKey = idempotencyKey,
            MemberId = cause.MemberId,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            CausedByEventId = cause.Id,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }
}
