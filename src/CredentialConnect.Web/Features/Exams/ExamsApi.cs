using System.Security.Claims;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Credentials;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Exams;

public static class ExamsApi
{
    private static readonly SortFields<ExamAttempt> Sortable = new(a => a.Id, "-takenAt",
        ("takenAt", a => a.TakenAt), ("attemptNumber", a => a.AttemptNumber), ("score", a => a.Score));

    public static WebApplication MapExamsApi(this WebApplication app)
    {
        var attempts = app.MapGroup("/api/v1/exam-attempts").WithTags("Exams");
        attempts.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.CredentialsRead).WithName("ListExamAttempts")
            .WithSummary("Lists exam attempts, newest first; a Member sees only their own. Filter by member or program; sort by takenAt, attemptNumber or score.");
        attempts.MapPost("/", RecordAsync).RequireAuthorization(AccessPolicies.CredentialsManage).WithName("RecordExamAttempt")
            .WithSummary("Records an exam result. The program's passing score decides; the attempt limit and retake wait are enforced; a pass that completes the program awards it. A resent sourceRecordId returns the attempt already recorded.");
        return app;
    }

    internal static async Task<Results<Ok<Page<ExamAttemptResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, [AsParameters] ExamAttemptFilter filter, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(Sortable) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);

        var query = db.ExamAttempts.AsNoTracking();
        if (user.OwnMemberOnly() is { } own) query = query.Where(a => a.MemberId == own);
        if (filter.MemberId is { } member) query = query.Where(a => a.MemberId == member);
        if (filter.ProgramId is { } program) query = query.Where(a => a.ProgramId == program);
        var page = await query.ToPageAsync(list, Sortable, a => a, ct);
        return TypedResults.Ok(page.Map(ExamAttemptResponse.From));
    }

    internal static async Task<Results<Created<ExamRecordedResponse>, Ok<ExamRecordedResponse>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        ExamAttemptWrite request, AppDbContext db, TimeProvider clock, ICurrentActor actor, CancellationToken ct)
    {
        var errors = ExamAttemptRules.Validate(request.Score, request.MaxScore, request.TakenAt, request.SourceRecordId, clock.GetUtcNow());
        if (!await db.Members.AnyAsync(m => m.Id == request.MemberId, ct)) errors["memberId"] = [$"No member '{request.MemberId}'."];
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.ProgramId, ct);
        if (program is null) errors["programId"] = [$"No program '{request.ProgramId}'."];
        else if (!program.ExamRequired) errors["programId"] = [$"{program.Code} has no exam: it does not require one."];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);

        var memberId = request.MemberId;
        if (request.SourceRecordId is { } sourceRecordId
            && await db.ExamAttempts.AsNoTracking().SingleOrDefaultAsync(a => a.Source == ExamSource.Api && a.SourceRecordId == sourceRecordId, ct) is { } earlier)
            return SameResult(earlier, memberId, program!.Id)
                ? TypedResults.Ok(new ExamRecordedResponse(ExamAttemptResponse.From(earlier), AlreadyRecorded))
                : Problems.ConflictResult($"Source record '{sourceRecordId}' was already recorded for another member or program.");

        var exams = new ExamRecording(db, clock);
        await exams.LoadHistoriesAsync([memberId], ct);
        var result = new ExamResult(memberId, program!, request.Score, request.MaxScore, request.TakenAt, ExamSource.Api, request.SourceRecordId);
        if (exams.Check(result) is { Allowed: false } refused)
            return TypedResults.Problem(type: Problems.Conflict, title: "The exam cannot be taken now.", statusCode: StatusCodes.Status409Conflict,
                detail: refused.Reason, extensions: new Dictionary<string, object?> { ["nextAttemptAllowedAt"] = refused.NextAllowedAt });

        var attempt = exams.Record(result);
        var awarding = new CredentialAwarding(db, clock, actor.Name);
        var outcome = attempt is { Passed: true, CountsTowardAward: true }
            ? Describe(await awarding.AwardWhenCompleteAsync(memberId, program!.Id, ct))
            : new ExamAwardOutcome(false, null, null, $"Attempt {attempt.AttemptNumber} did not pass; nothing is awarded.", [], []);
        try
        {
            await awarding.SaveAsync(ct);
        }
        catch (DbUpdateException)
        {
            return Problems.ConflictResult("Another result for this member and exam was recorded at the same moment; send this one again.");
        }
        return TypedResults.Created($"/api/v1/exam-attempts?memberId={memberId}&programId={program!.Id}",
            new ExamRecordedResponse(ExamAttemptResponse.From(attempt), outcome));
    }

    private static readonly ExamAwardOutcome AlreadyRecorded =
        new(false, null, null, "This source record was recorded before; nothing new was recorded or awarded.", [], []);

    private static bool SameResult(ExamAttempt earlier, Guid memberId, Guid programId) => earlier.MemberId == memberId && earlier.ProgramId == programId;

    private static ExamAwardOutcome Describe(AwardDecision decision) => new(decision.Awarded, decision.Credential?.Id, decision.Credential?.Number,
        decision.Explanation, decision.Missing, decision.Pathways.Select(p => p.Number).ToList());
}
