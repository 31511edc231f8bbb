using System.Security.Claims;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Credentials;

/// <param name="NeedsReview">True for only the awards flagged for staff review, false for only those not flagged.</param>
/// <param name="Number">Part of a credential number, e.g. 2026-0001; case does not matter.</param>
public sealed record CredentialFilter(Guid? MemberId, Guid? ProgramId, CredentialStatus? Status, DateTimeOffset? ExpiresBefore, bool? NeedsReview,
    string? Number = null);

/// <param name="ReviewReason">Why staff should look at the award again; null when it is not flagged.</param>
public sealed record CredentialSummary(Guid Id, string Number, Guid MemberId, Guid ProgramId, CredentialStatus Status,
    DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, int CurrentCycle, string? ReviewReason = null, DateTimeOffset? FlaggedAt = null);

public sealed record StatusChangeResponse(CredentialStatus? From, CredentialStatus To, string Reason, string ChangedBy, DateTimeOffset ChangedAt);

public sealed record CredentialResponse(Guid Id, string Number, Guid MemberId, Guid ProgramId, CredentialStatus Status,
    DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, int CurrentCycle, DateTimeOffset CycleStartedAt, StatusChangeResponse[] StatusHistory,
    string? ReviewReason = null, DateTimeOffset? FlaggedAt = null)
{
    public static CredentialResponse From(Credential c) => new(c.Id, c.Number, c.MemberId, c.ProgramId, c.Status, c.IssuedAt, c.ExpiresAt,
        c.CurrentCycle, c.CycleStartedAt,
        c.StatusHistory.OrderBy(h => h.ChangedAt).ThenBy(h => h.Id)
            .Select(h => new StatusChangeResponse(h.From, h.To, h.Reason, h.ChangedBy, h.ChangedAt)).ToArray(),
        c.ReviewReason, c.FlaggedAt);
}

/// <summary>Credentials are read-only here: they change through awards, renewals and status actions.</summary>
public static class CredentialsApi
{
    private static readonly SortFields<Credential> Sortable = new(c => c.Id, "number",
        ("number", c => c.Number), ("issuedAt", c => c.IssuedAt), ("expiresAt", c => c.ExpiresAt), ("status", c => c.Status), ("flaggedAt", c => c.FlaggedAt));

    public static WebApplication MapCredentialsApi(this WebApplication app)
    {
        var credentials = app.MapGroup("/api/v1/credentials").WithTags("Credentials").RequireAuthorization(AccessPolicies.CredentialsRead);
        credentials.MapGet("/", ListAsync).WithName("ListCredentials")
            .WithSummary("Lists credentials; a Member sees only their own. Filter by member, program, number, status, expiry or needsReview; sort by number, issuedAt, expiresAt, status or flaggedAt.");
        credentials.MapGet("/{id:guid}", GetAsync).WithName("GetCredential").WithSummary("Gets one credential with its full status history.");
        credentials.MapGet("/by-number/{number}", GetByNumberAsync).WithName("GetCredentialByNumber").WithSummary("Finds a credential by its certificate number.");
        return app;
    }

    internal static async Task<Results<Ok<Page<CredentialSummary>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, [AsParameters] CredentialFilter filter, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(Sortable) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);

        var query = db.Credentials.AsNoTracking();
        if (user.OwnMemberOnly() is { } own) query = query.Where(c => c.MemberId == own);
        if (filter.MemberId is { } member) query = query.Where(c => c.MemberId == member);
        if (filter.ProgramId is { } program) query = query.Where(c => c.ProgramId == program);
        if (filter.Status is { } status) query = query.Where(c => c.Status == status);
        if (filter.ExpiresBefore is { } before) query = query.Where(c => c.ExpiresAt != null && c.ExpiresAt < before);
        if (filter.NeedsReview is { } flagged) query = query.Where(c => (c.FlaggedAt != null) == flagged);
        if (filter.Number?.Trim().ToUpperInvariant() is { Length: > 0 } number) query = query.Where(c => c.Number.Contains(number));
        return TypedResults.Ok(await query.ToPageAsync(list, Sortable, CredentialSummaries.Projection, ct));
    }

    internal static Task<Results<Ok<CredentialResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken ct) =>
        FindVisibleAsync(db, user, c => c.Id == id, id, ct);

    internal static Task<Results<Ok<CredentialResponse>, ProblemHttpResult>> GetByNumberAsync(
        string number, ClaimsPrincipal user, AppDbContext db, CancellationToken ct) =>
        FindVisibleAsync(db, user, c => c.Number == number.ToUpperInvariant(), number, ct);

    private static async Task<Results<Ok<CredentialResponse>, ProblemHttpResult>> FindVisibleAsync(
        AppDbContext db, ClaimsPrincipal user, System.Linq.Expressions.Expression<Func<Credential, bool>> match, object key, CancellationToken ct)
    {
        var query = db.Credentials.AsNoTracking().Include(c => c.StatusHistory).Where(match);
        if (user.OwnMemberOnly() is { } own) query = query.Where(c => c.MemberId == own);
        return await query.SingleOrDefaultAsync(ct) is { } credential
            ? TypedResults.Ok(CredentialResponse.From(credential))
            : Problems.NotFoundResult("credential", key);
    }
}
