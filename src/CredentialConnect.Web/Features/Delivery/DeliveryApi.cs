using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Delivery;

public sealed record OutboxMessageResponse(
    Guid Id, string Kind, string IdempotencyKey, Guid? MemberId, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, string? Reference, string? LastError);

public sealed record DeadLetterResponse(Guid Id, Guid OutboxMessageId, string Kind, string Reason, int Attempts, DateTimeOffset DeadLetteredAt, DateTimeOffset? ReplayedAt, string? ReplayedBy);

public sealed record OutboxFilter(string? Status);

public sealed record HeldEventResponse(Guid Id, string Type, DateTimeOffset OccurredAt, Guid? MemberId, int FailedAttempts, string? LastError, DateTimeOffset HeldAt);

public static class DeliveryApi
{
    private static readonly SortFields<OutboxMessage> OutboxSort = new(m => m.Id, "-createdAt", ("createdAt", m => m.CreatedAt), ("nextAttemptAt", m => m.NextAttemptAt));
    private static readonly SortFields<DeadLetter> DeadLetterSort = new(d => d.Id, "-deadLetteredAt", ("deadLetteredAt", d => d.DeadLetteredAt));
    private static readonly SortFields<DomainEvent> HeldEventSort = new(e => e.Id, "-heldAt", ("heldAt", e => e.HeldAt), ("occurredAt", e => e.OccurredAt));

    public static WebApplication MapDeliveryApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Delivery").RequireAuthorization(AccessPolicies.ConnectorsAdmin);
        group.MapGet("/outbox", OutboxAsync).WithName("ListOutbox").WithSummary("Messages for partner systems: pending, delivered or dead-lettered.");
        group.MapGet("/dead-letters", DeadLettersAsync).WithName("ListDeadLetters").WithSummary("Deliveries the hub gave up on, with the reason.");
        group.MapPost("/dead-letters/{id:guid}/replay", ReplayAsync).WithName("ReplayDeadLetter")
            .WithSummary("Put a dead-lettered message back in the outbox, to be delivered again from its first attempt.");
        group.MapGet("/held-events", HeldEventsAsync).WithName("ListHeldEvents")
            .WithSummary("Domain events set aside because a handler failed on them every time, with the last failure.");
        group.MapPost("/held-events/{id:guid}/release", ReleaseAsync).WithName("ReleaseHeldEvent")
            .WithSummary("Hand a held event to its handlers again, from its first attempt, once the cause is fixed.");
        return app;
    }

    private static async Task<Results<Ok<Page<OutboxMessageResponse>>, ValidationProblem>> OutboxAsync(
        [AsParameters] ListQuery list, [AsParameters] OutboxFilter filter, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(OutboxSort) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        var query = db.OutboxMessages.AsNoTracking();
        var (status, problem) = PagingExtensions.ReadStatusFilter<OutboxStatus>(filter.Status);
        if (problem is not null) return problem;
        if (status is { } wanted) query = query.Where(m => m.Status == wanted);
        var page = await query.ToPageAsync(list, OutboxSort, m => m, ct);
        return TypedResults.Ok(page.Map(m => new OutboxMessageResponse(
            m.Id, m.Kind, m.IdempotencyKey, m.MemberId, m.Status.ToString(), m.Attempts, m.CreatedAt, m.NextAttemptAt, m.DeliveredAt, m.Reference, m.LastError)));
    }

    private static async Task<Results<Ok<Page<DeadLetterResponse>>, ValidationProblem>> DeadLettersAsync([AsParameters] ListQuery list, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(DeadLetterSort) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        var page = await db.DeadLetters.AsNoTracking().ToPageAsync(list, DeadLetterSort, d => d, ct);
        return TypedResults.Ok(page.Map(Describe));
    }

    private static async Task<Results<Ok<DeadLetterResponse>, ProblemHttpResult>> ReplayAsync(Guid id, AppDbContext db, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var deadLetter = await db.DeadLetters.SingleOrDefaultAsync(d => d.Id == id, ct);
        if (deadLetter is null) return Problems.NotFoundResult("dead letter", id);
        if (deadLetter.ReplayedAt is not null) return Problems.ConflictResult("This dead letter was already replayed.");

        var message = await db.OutboxMessages.SingleAsync(m => m.Id == deadLetter.OutboxMessageId, ct);
        var now = clock.GetUtcNow();
        message.Status = OutboxStatus.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        message.LockedBy = null;
        message.LockedUntil = null;
        deadLetter.ReplayedAt = now;
        deadLetter.ReplayedBy = actor.Name;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Describe(deadLetter));
    }

    private static async Task<Results<Ok<Page<HeldEventResponse>>, ValidationProblem>> HeldEventsAsync([AsParameters] ListQuery list, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(HeldEventSort) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        var page = await db.DomainEvents.AsNoTracking().Where(e => e.HeldAt != null).ToPageAsync(list, HeldEventSort, e => e, ct);
        return TypedResults.Ok(page.Map(Describe));
    }

    private static async Task<Results<Ok<HeldEventResponse>, ProblemHttpResult>> ReleaseAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var held = await db.DomainEvents.SingleOrDefaultAsync(e => e.Id == id && e.HeldAt != null, ct);
        if (held is null) return Problems.NotFoundResult("held event", id);
        var response = Describe(held);
        (held.HeldAt, held.FailedAttempts) = (null, 0);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(response);
    }

    private static HeldEventResponse Describe(DomainEvent e) => new(e.Id, e.Type, e.OccurredAt, e.MemberId, e.FailedAttempts, e.LastError, e.HeldAt!.Value);

    private static DeadLetterResponse Describe(DeadLetter d) => new(d.Id, d.OutboxMessageId, d.Kind, d.Reason, d.Attempts, d.DeadLetteredAt, d.ReplayedAt, d.ReplayedBy);
}
