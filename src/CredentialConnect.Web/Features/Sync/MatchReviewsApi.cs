using System.Text.Json;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Sync;

public sealed record MatchReviewResponse(
    Guid Id, string Source, string ExternalIdentity, string? Email, string Reason, IReadOnlyList<Guid> CandidateMemberIds,
    DateTimeOffset RaisedAt, string Status, Guid? LinkedMemberId, DateTimeOffset? ResolvedAt)
{
    public static MatchReviewResponse From(MemberMatchReview r) => new(r.Id, r.Source, r.ExternalIdentity, r.Email, r.Reason,
        JsonSerializer.Deserialize<List<Guid>>(r.CandidateMemberIds) ?? [], r.RaisedAt, r.Status.ToString(), r.LinkedMemberId, r.ResolvedAt);
}

public sealed record MatchReviewFilter(string? Status);

/// <summary>Staff's answer: the member the partner's record belongs to.</summary>
public sealed record LinkMemberRequest(Guid MemberId);

/// <summary>
/// The queue of partner records the hub would not match on its own. Linking ties the partner's identity to the
/// member staff chose and applies the held record then; dismissing leaves the record unapplied, on file.
/// </summary>
public static class MatchReviewsApi
{
    private static readonly SortFields<MemberMatchReview> Sortable = new(r => r.Id, "-raisedAt", ("raisedAt", r => r.RaisedAt));

    public static WebApplication MapMatchReviewsApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/match-reviews").WithTags("Match reviews").RequireAuthorization(AccessPolicies.ConnectorsAdmin);
        group.MapGet("/", ListAsync).WithName("ListMatchReviews").WithSummary("Partner records held because their email matched several members, or none.");
        group.MapPost("/{id:guid}/link", LinkAsync).WithName("LinkMatchReview").WithSummary("Tie the partner's identity to a member and apply the held record.");
        group.MapPost("/{id:guid}/dismiss", DismissAsync).WithName("DismissMatchReview").WithSummary("Leave the record unapplied.");
        return app;
    }

    private static async Task<Results<Ok<Page<MatchReviewResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, [AsParameters] MatchReviewFilter filter, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(Sortable) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        var query = db.MemberMatchReviews.AsNoTracking();
        var (status, problem) = PagingExtensions.ReadStatusFilter<MatchReviewStatus>(filter.Status);
        if (problem is not null) return problem;
        if (status is { } wanted) query = query.Where(r => r.Status == wanted);
        var page = await query.ToPageAsync(list, Sortable, r => r, ct);
        return TypedResults.Ok(page.Map(MatchReviewResponse.From));
    }

    private static async Task<Results<Ok<MatchReviewResponse>, ValidationProblem, ProblemHttpResult>> LinkAsync(
        Guid id, LinkMemberRequest request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var memberId = request.MemberId;
        var review = await db.MemberMatchReviews.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (review is null) return Problems.NotFoundResult("match review", id);
        if (review.Status != MatchReviewStatus.Open) return Problems.ConflictResult($"This review is already {review.Status}.");
        var member = await db.Members.SingleOrDefaultAsync(m => m.Id == memberId, ct);
        if (member is null) return Problems.ValidationFailed("memberId", $"No member '{memberId}'.");
        var held = review.InboxMessageId is { } inboxId ? await db.InboxMessages.SingleOrDefaultAsync(m => m.Id == inboxId, ct) : null;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The held record is applied as if it had just arrived, so it takes the ordinary path: its inbox row goes,
        // the member carries the partner's identity, and the sync applies the record with its events.
        if (held is not null)
        {
            db.InboxMessages.Remove(held);
            await db.SaveChangesAsync(ct);
        }
        if (held?.Kind == "member")
        {
            var record = JsonSerializer.Deserialize<MemberRecord>(held.Payload, JsonSerializerOptions.Web)!;
            member.AmsMemberId = record.AmsMemberId;
            await db.SaveChangesAsync(ct);
            await new MemberSync(db, clock).ApplyAsync(held.Source, [record], ct);
        }
        else if (held?.Kind == "learning")
        {
            var learning = JsonSerializer.Deserialize<LearningEvent>(held.Payload, JsonSerializerOptions.Web)!;
            member.LmsActor = LearnerDirectory.ActorKey(learning.Learner) ?? member.LmsActor;
            await db.SaveChangesAsync(ct);
            await new LearningSync(db, clock).ApplyAsync(held.Source, [learning], ct);
        }
        review.Status = MatchReviewStatus.Linked;
        review.LinkedMemberId = member.Id;
        review.ResolvedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(MatchReviewResponse.From(review));
    }

    private static async Task<Results<Ok<MatchReviewResponse>, ProblemHttpResult>> DismissAsync(Guid id, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var review = await db.MemberMatchReviews.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (review is null) return Problems.NotFoundResult("match review", id);
        if (review.Status != MatchReviewStatus.Open) return Problems.ConflictResult($"This review is already {review.Status}.");
        review.Status = MatchReviewStatus.Dismissed;
        review.ResolvedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(MatchReviewResponse.From(review));
    }
}
