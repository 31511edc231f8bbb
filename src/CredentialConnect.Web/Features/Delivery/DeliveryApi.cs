using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Delivery;

public sealed record OutboxMessageResponse(
    Guid Id, string Kind, string IdempotencyKey, Guid? MemberId, string Status, int Attempts, DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt, string? Reference, string? LastError);

public sealed record DeadLetterResponse(Guid Id, Guid OutboxMessageId, string Kind, string Reason, int Attempts, DateTimeOffset DeadLetteredAt, DateTimeOffset? ReplayedAt, string? ReplayedBy);

public sealed record OutboxFilter(string? Status);

public static class DeliveryApi
{
    private static readonly SortFields<OutboxMessage> OutboxSort = new(m => m.Id, "-createdAt", ("createdAt", m => m.CreatedAt), ("nextAttemptAt", m => m.NextAttemptAt));
    private static readonly SortFields<DeadLetter> DeadLetterSort = new(d => d.Id, "-deadLetteredAt", ("deadLetteredAt", d => d.DeadLetteredAt));

    public static WebApplication MapDeliveryApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Delivery").RequireAuthorization(AccessPolicies.ConnectorsAdmin);
        group.MapGet("/outbox", OutboxAsync).WithName("ListOutbox").WithSummary("Messages for partner systems: pending, delivered or dead-lettered.");
        group.MapGet("/dead-letters", DeadLettersAsync).WithName("ListDeadLetters").WithSummary("Deliveries the hub gave up on, with the reason.");
        group.MapPost("/dead-letters/{id:guid}/replay", ReplayAsync).WithName("ReplayDeadLetter")
            .WithSummary("Put a dead-lettered message back in the outbox, to be delivered again from its first attempt.");
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

    private static DeadLetterResponse Describe(DeadLetter d) => new(d.Id, d.OutboxMessageId, d.Kind, d.Reason, d.Attempts, d.DeadLetteredAt, d.ReplayedAt, d.ReplayedBy);
}
