using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Exams;

/// <summary>
/// Keeps what the hub has yet to say about a member's sittings in line with their numbers, after a late or voided
/// sitting renumbered them: the exam events, the community messages still in the outbox, and the input of the flows
/// those events started (a nurture email is written from it days later). A message already delivered is history and
/// is never sent again.
/// </summary>
/// <remarks>
/// Why correct the queued rows rather than render the number at delivery: the outbox holds finished text from several
/// writers (the built-in recognition, workflow templates), and a renumbering is rare, so rewriting the few undelivered
/// rows it touches keeps delivery a plain send. It runs on each exam event of the member and program, so whatever a
/// renumbering in an earlier unit of work left stale is put right in the dispatcher's transaction; when nothing is
/// stale it costs two small queries.
/// </remarks>
public sealed class AttemptNumberCorrection : IDomainEventHandler
{
    public async Task HandleAsync(DomainEvent domainEvent, AppDbContext db, CancellationToken cancellationToken)
    {
        if (domainEvent is not { Type: DomainEventTypes.ExamPassed or DomainEventTypes.ExamFailed or DomainEventTypes.ExamAttemptVoided,
            MemberId: { } memberId, ProgramId: { } programId }) return;
        var numbers = await db.ExamAttempts.AsNoTracking().Where(a => a.MemberId == memberId && a.ProgramId == programId)
            .ToDictionaryAsync(a => a.Id, a => a.AttemptNumber, cancellationToken);
        var events = await db.DomainEvents.Where(e => e.MemberId == memberId && e.ProgramId == programId
            && (e.Type == DomainEventTypes.ExamPassed || e.Type == DomainEventTypes.ExamFailed)).ToListAsync(cancellationToken);

        Programs.CredentialProgram? program = null;
        foreach (var examEvent in events)
        {
            var data = examEvent.Read<ExamEventData>();
            if (!numbers.TryGetValue(data.AttemptId, out var number) || number == data.AttemptNumber) continue;
            var corrected = data with { AttemptNumber = number };
            examEvent.Data = JsonSerializer.Serialize(corrected, JsonSerializerOptions.Web);

            program ??= await db.Programs.AsNoTracking().SingleAsync(p => p.Id == programId, cancellationToken);
            var rewritten = CommunityRecognition.Messages(examEvent.Type, examEvent.Id, memberId, program, corrected).ToDictionary(m => m.IdempotencyKey);
            foreach (var queued in await db.OutboxMessages.Where(m => m.CausedByEventId == examEvent.Id && m.Status == OutboxStatus.Pending).ToListAsync(cancellationToken))
                if (rewritten.TryGetValue(queued.IdempotencyKey, out var message))
                    queued.Payload = JsonSerializer.Serialize(message.Payload, JsonSerializerOptions.Web);

            var correlation = data.AttemptId.ToString();
            foreach (var instance in await db.WorkflowInstances.Where(i => i.MemberId == memberId && i.CorrelationId == correlation
                && (i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended)).ToListAsync(cancellationToken))
            {
                var state = instance.ReadState();
                if (state.Input["attemptNumber"] is null) continue;
                var input = (JsonObject)state.Input.DeepClone();
                input["attemptNumber"] = number;
                instance.Write(state with { Input = input });
            }
        }
    }
}
