using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Credentials;

/// <summary>Why staff looked at a flagged award and kept it; recorded in the audit log with the change.</summary>
public sealed record CredentialClearReview(string Reason);

/// <summary>
/// Awards whose grounds changed after they were made: the exam pass they rested on was voided, or no longer counts
/// once an earlier sitting arrived. The hub never revokes such an award by itself (the member may hold it rightly on
/// other grounds, and a revocation is seen by verifiers at once); it flags it and raises CredentialReviewNeeded, and
/// staff clear the flag or act on the credential.
/// </summary>
public static class CredentialReview
{
    /// <summary>Flags <paramref name="credential"/> and raises CredentialReviewNeeded in the same unit of work.</summary>
    public static void Flag(AppDbContext db, Credential credential, string programCode, string reason, DateTimeOffset now)
    {
        credential.FlagForReview(reason, now);
        db.Raise(DomainEventTypes.CredentialReviewNeeded, now, credential.MemberId, credential.ProgramId,
            new CredentialReviewData(credential.Id, credential.Number, programCode, reason));
    }

    public static WebApplication MapCredentialReviewApi(this WebApplication app)
    {
        var manage = app.MapGroup("/api/v1/credentials").WithTags("Credentials").RequireAuthorization(AccessPolicies.CredentialsManage);
        manage.MapPost("/{id:guid}/clear-review", ClearAsync).WithName("ClearCredentialReview")
            .WithSummary("Clears a credential's review flag for a stated reason, keeping the award as it is; the audit log records the reason.");
        return app;
    }

    internal static async Task<Results<Ok<CredentialResponse>, ValidationProblem, ProblemHttpResult>> ClearAsync(
        Guid id, CredentialClearReview request, AppDbContext db, CancellationToken ct)
    {
        if (BulkRevoke.ReasonError(request.Reason) is { } reasonError) return Problems.ValidationFailed("reason", reasonError);
        var credential = await db.Credentials.Include(c => c.StatusHistory).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (credential is null) return Problems.NotFoundResult("credential", id);
        if (credential.FlaggedAt is null)
            return TypedResults.Problem(type: Problems.Conflict, title: "The credential is not flagged for review.", statusCode: StatusCodes.Status409Conflict,
                detail: $"{credential.Number} has no review flag to clear.");
        credential.ClearReview(request.Reason!.Trim());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CredentialResponse.From(credential));
    }
}
