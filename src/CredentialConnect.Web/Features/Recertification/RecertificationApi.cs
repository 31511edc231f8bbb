using System.Security.Claims;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Programs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Recertification;

public sealed record CycleResponse(Guid CredentialId, string Number, CredentialStatus Status, int Cycle, DateTimeOffset CycleStartedAt,
    DateTimeOffset? CycleEndsAt, DateTimeOffset? RenewalOpensAt, DateTimeOffset? LapsesAt, DateTimeOffset? ReinstatementEndsAt,
    CycleProgress? Progress, string? AuditBlock, RenewalDecision Renewal)
{
    public static CycleResponse From(Credential c, RenewalAssessment a) => new(c.Id, c.Number, c.Status, c.CurrentCycle, c.CycleStartedAt,
        c.ExpiresAt, a.Dates?.RenewalOpensAt, a.Dates?.LapsesAt, a.Dates?.ReinstatementEndsAt, a.Progress, a.AuditBlock, a.Renewal);
}

public static class RecertificationModule
{
    public static IHostApplicationBuilder AddRecertification(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CredentialStatusSweep>();
        return builder;
    }
}

/// <summary>A credential's cycle, its renewal, and the daily sweep run on demand.</summary>
public static class RecertificationApi
{
    public static WebApplication MapRecertificationApi(this WebApplication app)
    {
        var credentials = app.MapGroup("/api/v1/credentials").WithTags("Recertification");
        credentials.MapGet("/{id:guid}/cycle", GetCycleAsync).RequireAuthorization(AccessPolicies.CredentialsRead).WithName("GetCredentialCycle")
            .WithSummary("The current cycle: its dates, CE progress per category and in total (counted, capped, pending, missing), any audit holding it, and whether it may renew now.");
        credentials.MapPost("/{id:guid}/renew", RenewAsync).RequireAuthorization(AccessPolicies.LifecycleWrite).WithName("RenewCredential")
            .WithSummary("Starts the credential's next cycle when its CE requirements are met and no CE audit holds it; after a lapse, as the program's reinstatement rule allows. 409 says why not.");
        credentials.MapPost("/sweep", SweepAsync).RequireAuthorization(AccessPolicies.CredentialsManage).WithName("RunStatusSweep")
            .WithSummary("Runs the daily status sweep now: Expiring and Lapsed transitions and expiring notices. Returns what changed.");
        return app;
    }

    internal static async Task<Results<Ok<CycleResponse>, ProblemHttpResult>> GetCycleAsync(
        Guid id, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await FindVisibleAsync(db, user, id, tracked: false, ct) is not { } found) return Problems.NotFoundResult("credential", id);
        var assessment = await RenewalAssessment.OfAsync(db, found.Credential, found.Program, clock.GetUtcNow(), ct);
        return TypedResults.Ok(CycleResponse.From(found.Credential, assessment));
    }

    internal static async Task<Results<Ok<CycleResponse>, ProblemHttpResult>> RenewAsync(
        Guid id, ClaimsPrincipal user, AppDbContext db, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await FindVisibleAsync(db, user, id, tracked: true, ct) is not { } found) return Problems.NotFoundResult("credential", id);
        var (credential, program) = found;
        var assessment = await RenewalAssessment.OfAsync(db, credential, program, now, ct);
        if (!assessment.Renewal.Allowed) return Problems.ConflictResult(assessment.Renewal.Explanation);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Holds the row until commit, and finds nothing if someone renewed it meanwhile: a cycle is renewed once.
        var cycle = credential.CurrentCycle;
        if (await db.Credentials.Where(c => c.Id == id && c.CurrentCycle == cycle)
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.CurrentCycle, cycle), ct) == 0)
            return Problems.ConflictResult("The credential was renewed by someone else meanwhile. Read it again.");

        var nextEnd = IsoDuration.Parse(program.ValidityPeriod!).AddTo(credential.ExpiresAt!.Value);
        credential.Renew(nextEnd, assessment.Renewal.Explanation, actor.Name, now);
        db.Raise(DomainEventTypes.CredentialRenewed, now, credential.MemberId, credential.ProgramId,
            new CredentialCycleEventData(credential.Id, credential.Number, credential.CurrentCycle, credential.ExpiresAt));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var next = await RenewalAssessment.OfAsync(db, credential, program, now, ct);
        return TypedResults.Ok(CycleResponse.From(credential, next));
    }

    internal static async Task<Ok<SweepCounts>> SweepAsync(CredentialStatusSweep sweep, CancellationToken ct) =>
        TypedResults.Ok(await sweep.RunAsync(ct));

    private static async Task<(Credential Credential, CredentialProgram Program)?> FindVisibleAsync(
        AppDbContext db, ClaimsPrincipal user, Guid id, bool tracked, CancellationToken ct)
    {
        var query = tracked ? db.Credentials : db.Credentials.AsNoTracking();
        query = query.Where(c => c.Id == id);
        if (user.OwnMemberOnly() is { } own) query = query.Where(c => c.MemberId == own);
        if (await query.SingleOrDefaultAsync(ct) is not { } credential) return null;
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == credential.ProgramId, ct);
        return (credential, program);
    }
}
