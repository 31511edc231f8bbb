using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Programs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Credentials;

/// <summary>Staff actions on credentials: award by hand, suspend, revoke, reinstate, and revoke in bulk after a preview.</summary>
public static class CredentialActionsApi
{
    private static readonly SortFields<Credential> Sortable = new(c => c.Id, "number", ("number", c => c.Number), ("issuedAt", c => c.IssuedAt));

    public static WebApplication MapCredentialActionsApi(this WebApplication app)
    {
        var manage = app.MapGroup("/api/v1/credentials").WithTags("Credentials").RequireAuthorization(AccessPolicies.CredentialsManage);
        manage.MapPost("/", AwardAsync).WithName("AwardCredential")
            .WithSummary("Awards a program to a member by hand, for a stated reason. Prerequisites are still required; a member never holds two live credentials of one program.");
        manage.MapPost("/{id:guid}/suspend", SuspendAsync).WithName("SuspendCredential").WithSummary("Active or Expiring → Suspended, for a stated reason.");
        manage.MapPost("/{id:guid}/revoke", RevokeAsync).WithName("RevokeCredential").WithSummary("Any status but Revoked → Revoked, for a stated reason.");
        manage.MapPost("/{id:guid}/reinstate", ReinstateAsync).WithName("ReinstateCredential")
            .WithSummary("Suspended or Revoked → Active, or Expiring when its end date is near; completes any pathway it was missing.");
        manage.MapPost("/bulk-revoke/preview", PreviewBulkRevokeAsync).WithName("PreviewBulkRevoke")
            .WithSummary("Lists the credentials a bulk revoke would take (paged) and a token naming exactly that set.");
        manage.MapPost("/bulk-revoke", BulkRevokeAsync).WithName("BulkRevoke")
            .WithSummary("Revokes exactly the set a preview showed, in one transaction; 409 when the set changed since.");
        return app;
    }

    internal static async Task<Results<Created<CredentialAwardResponse>, ValidationProblem, ProblemHttpResult>> AwardAsync(
        CredentialAwardWrite request, AppDbContext db, TimeProvider clock, ICurrentActor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!await db.Members.AnyAsync(m => m.Id == request.MemberId, ct)) errors["memberId"] = [$"No member '{request.MemberId}'."];
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.ProgramId, ct);
        if (program is null) errors["programId"] = [$"No program '{request.ProgramId}'."];
        if (BulkRevoke.ReasonError(request.Reason) is { } reasonError) errors["reason"] = [reasonError];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);

        var awarding = new CredentialAwarding(db, clock, actor.Name);
        var decision = await awarding.AwardAsync(request.MemberId, program!, request.Reason.Trim(), ct);
        if (decision.Credential is not { } credential)
            return TypedResults.Problem(type: Problems.Conflict, title: "The credential cannot be awarded.", statusCode: StatusCodes.Status409Conflict,
                detail: decision.Explanation, extensions: new Dictionary<string, object?> { ["missing"] = decision.Missing });
        await awarding.SaveAsync(ct);
        return TypedResults.Created($"/api/v1/credentials/{credential.Id}",
            new CredentialAwardResponse(CredentialResponse.From(credential), decision.Pathways.Select(CredentialSummaries.From).ToList()));
    }

    internal static Task<Results<Ok<CredentialStatusActionResponse>, ValidationProblem, ProblemHttpResult>> SuspendAsync(
        Guid id, CredentialStatusAction request, AppDbContext db, TimeProvider clock, ICurrentActor actor, CancellationToken ct) =>
        ActAsync(id, CredentialAction.Suspend, request, db, clock, actor, ct);

    internal static Task<Results<Ok<CredentialStatusActionResponse>, ValidationProblem, ProblemHttpResult>> RevokeAsync(
        Guid id, CredentialStatusAction request, AppDbContext db, TimeProvider clock, ICurrentActor actor, CancellationToken ct) =>
        ActAsync(id, CredentialAction.Revoke, request, db, clock, actor, ct);

    internal static Task<Results<Ok<CredentialStatusActionResponse>, ValidationProblem, ProblemHttpResult>> ReinstateAsync(
        Guid id, CredentialStatusAction request, AppDbContext db, TimeProvider clock, ICurrentActor actor, CancellationToken ct) =>
        ActAsync(id, CredentialAction.Reinstate, request, db, clock, actor, ct);

    private static async Task<Results<Ok<CredentialStatusActionResponse>, ValidationProblem, ProblemHttpResult>> ActAsync(
        Guid id, CredentialAction action, CredentialStatusAction request, AppDbContext db, TimeProvider clock, ICurrentActor actor, CancellationToken ct)
    {
        if (BulkRevoke.ReasonError(request.Reason) is { } reasonError) return Problems.ValidationFailed("reason", reasonError);
        var credential = await db.Credentials.Include(c => c.StatusHistory).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (credential is null) return Problems.NotFoundResult("credential", id);
        if (!CredentialStatusRules.IsAllowed(action, credential.Status)) return InvalidTransition(CredentialStatusRules.Refusal(action, credential));
        if (action == CredentialAction.Reinstate
            && await db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.Id != id && c.MemberId == credential.MemberId && c.ProgramId == credential.ProgramId
                && (c.Status == CredentialStatus.Active || c.Status == CredentialStatus.Expiring || c.Status == CredentialStatus.Suspended), ct) is { } other)
            return InvalidTransition($"The member holds the same program as {other.Number} ({other.Status}); {credential.Number} cannot be reinstated beside it.");

        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == credential.ProgramId, ct);
        Change(db, credential, program, action, request.Reason!.Trim(), actor.Name, clock.GetUtcNow());
        var awarding = new CredentialAwarding(db, clock, actor.Name);
        var pathways = action == CredentialAction.Reinstate ? await awarding.AwardCompletedPathwaysAsync(credential.MemberId, ct) : [];
        await awarding.SaveAsync(ct);
        return TypedResults.Ok(new CredentialStatusActionResponse(CredentialResponse.From(credential), pathways.Select(CredentialSummaries.From).ToList()));
    }

    internal static async Task<Results<Ok<BulkRevokePreviewResponse>, ValidationProblem>> PreviewBulkRevokeAsync(
        [AsParameters] ListQuery list, BulkRevokePreviewWrite request, AppDbContext db, IDataProtectionProvider protection, CancellationToken ct)
    {
        var (selection, errors) = BulkRevoke.Read(request);
        foreach (var (field, messages) in list.Validate(Sortable)) errors[field] = messages;
        if (selection is null || errors.Count > 0) return Problems.ValidationFailed(errors);

        var set = selection.Apply(db.Credentials.AsNoTracking());
        var ids = await set.Select(c => c.Id).Take(BulkRevoke.MaxCredentials + 1).ToListAsync(ct);
        if (ids.Count > BulkRevoke.MaxCredentials)
            return Problems.ValidationFailed("", $"The selection names more than {BulkRevoke.MaxCredentials:N0} credentials; narrow it (by program, members or status).");
        var page = await set.ToPageAsync(list, Sortable, CredentialSummaries.Projection, ct);
        return TypedResults.Ok(new BulkRevokePreviewResponse(ids.Count, BulkRevoke.Issue(protection, selection, ids), page));
    }

    internal static async Task<Results<Ok<BulkRevokeResponse>, ValidationProblem, ProblemHttpResult>> BulkRevokeAsync(
        BulkRevokeWrite request, AppDbContext db, TimeProvider clock, ICurrentActor actor, IDataProtectionProvider protection, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var token = string.IsNullOrWhiteSpace(request.PreviewToken) ? null : BulkRevoke.Open(protection, request.PreviewToken);
        if (token is null) errors["previewToken"] = ["Send the previewToken from POST /api/v1/credentials/bulk-revoke/preview."];
        if (BulkRevoke.ReasonError(request.Reason) is { } reasonError) errors["reason"] = [reasonError];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);

        var (selection, fingerprint) = token!.Value;
        var credentials = await selection.Apply(db.Credentials).ToListAsync(ct);
        if (BulkRevoke.Fingerprint(credentials.Select(c => c.Id)) != fingerprint)
            return Problems.ConflictResult($"The credentials this selection names have changed since the preview ({credentials.Count} now); nothing was revoked. Preview again.");

        var programIds = credentials.Select(c => c.ProgramId).Distinct().ToList();
        var programs = await db.Programs.AsNoTracking().Where(p => programIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var now = clock.GetUtcNow();
        foreach (var credential in credentials)
            Change(db, credential, programs[credential.ProgramId], CredentialAction.Revoke, request.Reason!.Trim(), actor.Name, now);
        // One SaveChanges: every revocation, its history, its event and its audit entry commit together, or none does.
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new BulkRevokeResponse(credentials.Count, credentials.Select(c => c.Number).Order(StringComparer.Ordinal).ToList()));
    }

    /// <summary>The one way a status action changes a credential: its history, its reason (for the audit log) and its event.</summary>
    private static void Change(AppDbContext db, Credential credential, CredentialProgram program, CredentialAction action, string reason, string actor, DateTimeOffset now)
    {
        var from = credential.Status;
        var to = CredentialStatusRules.Target(action, credential.ExpiresAt, program.Recertification, now);
        credential.ChangeStatus(to, reason, actor, now);
        db.Raise(CredentialStatusRules.EventType(action), now, credential.MemberId, credential.ProgramId,
            new CredentialStatusEventData(credential.Id, credential.Number, program.Code, from, to, reason));
    }

    private static ProblemHttpResult InvalidTransition(string detail) =>
        TypedResults.Problem(type: Problems.InvalidTransition, title: "Not allowed in this state.", statusCode: StatusCodes.Status409Conflict, detail: detail);
}
