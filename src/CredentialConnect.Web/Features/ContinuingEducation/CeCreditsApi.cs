using System.Security.Claims;
using System.Text.Json;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.ContinuingEducation;

public static class CeCreditsApi
{
    private static readonly SortFields<ContinuingEducationCredit> Sortable = new(c => c.Id, "-earnedAt",
        ("earnedAt", c => c.EarnedAt), ("hours", c => c.Hours), ("category", c => c.Category), ("status", c => c.ReviewStatus));

    public static WebApplication MapCeCreditsApi(this WebApplication app)
    {
        var credits = app.MapGroup("/api/v1/ce-credits").WithTags("Continuing education");
        var write = credits.MapGroup("").RequireAuthorization(AccessPolicies.LifecycleWrite);
        write.MapPost("/", ReportAsync).WithName("ReportCeCredit")
            .WithSummary("Reports a CE credit. A Member reports their own (self-reported, with evidence, pending review); staff and API " +
                "clients may record LMS or import credits with their source record id. A repeat of the same member's source record returns the existing credit.");
        write.MapGet("/", ListAsync).WithName("ListCeCredits")
            .WithSummary("Lists CE credits, newest first; a Member sees only their own. Filter by member and review status.");
        credits.MapPost("/{id:guid}/review", ReviewAsync).RequireAuthorization(AccessPolicies.LifecycleReview).WithName("ReviewCeCredit")
            .WithSummary("Accepts or rejects a pending credit; a rejection needs a reason.");
        return app;
    }

    internal static async Task<Results<Created<CeCreditResponse>, Ok<CeCreditResponse>, ValidationProblem, ProblemHttpResult>> ReportAsync(
        JsonElement body, HttpContext http, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (request, unreadable) = JsonBody.Read<CeCreditWrite>(body, http);
        if (unreadable is not null) return unreadable;
        var now = clock.GetUtcNow();
        var own = user.OwnMemberOnly();
        if (CeCreditRules.Validate(request!, reportedByMember: own is not null, now) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        if (own is { } self && request!.MemberId is { } named && named != self)
            return Problems.ValidationFailed("memberId", "A member reports credits only for themself.");

        var memberId = own ?? request!.MemberId!.Value;
        if (!await db.Members.AnyAsync(m => m.Id == memberId, ct)) return Problems.NotFoundResult("member", memberId);
        var source = CeCreditRules.SourceOf(request!, own is not null);
        var recordId = string.IsNullOrWhiteSpace(request!.SourceRecordId) ? null : request.SourceRecordId.Trim();
        if (await FindRepeatAsync(db, memberId, source, recordId, ct) is { } existing) return TypedResults.Ok(CeCreditResponse.From(existing));

        var credit = new ContinuingEducationCredit
        {
            MemberId = memberId, Activity = request.Activity!.Trim(), Category = request.Category!.Trim(), Hours = request.Hours!.Value,
            EarnedAt = request.EarnedAt!.Value.ToUniversalTime(), Source = source, SourceRecordId = recordId,
            Evidence = string.IsNullOrWhiteSpace(request.Evidence) ? null : request.Evidence.Trim(),
            ReviewStatus = source == CreditSource.SelfReported ? CreditReviewStatus.Pending : CreditReviewStatus.NotRequired,
        };
        db.ContinuingEducationCredits.Add(credit);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (recordId is not null)
        {
            // Two deliveries of the same source record at once: the unique index let one in, and this one is that repeat.
            if (await FindRepeatAsync(db, memberId, source, recordId, ct) is { } raced) return TypedResults.Ok(CeCreditResponse.From(raced));
            throw;
        }
        return TypedResults.Created($"/api/v1/ce-credits/{credit.Id}", CeCreditResponse.From(credit));
    }

    // A repeat is the same member's: another member's record with the same id is theirs, never shown here.
    private static async Task<ContinuingEducationCredit?> FindRepeatAsync(AppDbContext db, Guid memberId, CreditSource source, string? recordId, CancellationToken ct) =>
        recordId is null ? null
        : await db.ContinuingEducationCredits.AsNoTracking()
            .SingleOrDefaultAsync(c => c.MemberId == memberId && c.Source == source && c.SourceRecordId == recordId, ct);

    internal static async Task<Results<Ok<Page<CeCreditResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, [AsParameters] CeCreditFilter filter, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(Sortable) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        var (status, badStatus) = PagingExtensions.ReadStatusFilter<CreditReviewStatus>(filter.Status);
        if (badStatus is not null) return badStatus;

        var query = db.ContinuingEducationCredits.AsNoTracking();
        if (user.OwnMemberOnly() is { } own) query = query.Where(c => c.MemberId == own);
        if (filter.MemberId is { } member) query = query.Where(c => c.MemberId == member);
        if (status is { } s) query = query.Where(c => c.ReviewStatus == s);
        return TypedResults.Ok(await query.ToPageAsync(list, Sortable, c => new CeCreditResponse(c.Id, c.MemberId, c.Activity, c.Category,
            c.Hours, c.EarnedAt, c.Source, c.Evidence, c.ReviewStatus, c.SourceRecordId, c.ReviewReason, c.ReviewedBy, c.ReviewedAt), ct));
    }

    internal static async Task<Results<Ok<CeCreditResponse>, ValidationProblem, ProblemHttpResult>> ReviewAsync(
        Guid id, JsonElement body, HttpContext http, AppDbContext db, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var (request, unreadable) = JsonBody.Read<CeCreditReviewWrite>(body, http);
        if (unreadable is not null) return unreadable;
        if (CeCreditRules.ValidateDecision(request!.Decision, request.Reason) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        var credit = await db.ContinuingEducationCredits.FindAsync([id], ct);
        if (credit is null) return Problems.NotFoundResult("CE credit", id);
        if (credit.ReviewStatus != CreditReviewStatus.Pending)
            return Problems.ConflictResult($"The credit is {credit.ReviewStatus}, not pending review; only pending credits are reviewed here.");

        credit.Review(request.Decision == CeReviewDecision.Accept, request.Reason, actor.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CeCreditResponse.From(credit));
    }
}
