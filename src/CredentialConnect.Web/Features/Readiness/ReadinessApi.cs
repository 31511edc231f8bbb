using System.Security.Claims;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Eligibility;
using CredentialConnect.Web.Features.Programs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Readiness;

/// <summary>
/// The aspirational track: how ready a member is for each program, the programs they set as goals and their progress,
/// and, for staff, the members close to qualifying.
/// </summary>
public static class ReadinessApi
{
    private static readonly SortFields<CredentialProgram> ProgramOrder = new(p => p.Id, "code", ("code", p => p.Code), ("name", p => p.Name));

    private static readonly SortFields<Goal> GoalOrder = new(g => g.Id, "createdAt",
        ("createdAt", g => g.CreatedAt), ("percentReady", g => g.PercentReady), ("changedAt", g => g.ChangedAt));

    private static readonly SortFields<CloseMember> CloseOrder = new(c => c.MemberId, "-percentReady",
        ("percentReady", c => c.PercentReady), ("lastName", c => c.LastName), ("unmetCount", c => c.UnmetCount));

    public static WebApplication MapReadinessApi(this WebApplication app)
    {
        var member = app.MapGroup("/api/v1/members/{memberId:guid}").WithTags("Readiness");
        var read = member.MapGroup("").RequireAuthorization(AccessPolicies.MembersRead);
        var write = member.MapGroup("").RequireAuthorization(AccessPolicies.LifecycleWrite);

        read.MapGet("/readiness", ListReadinessAsync).WithName("ListReadiness")
            .WithSummary("How ready the member is for every published program, with the unmet criteria. A Member reads only their own.");
        read.MapGet("/readiness/{programId:guid}", GetReadinessAsync).WithName("GetReadiness")
            .WithSummary("How ready the member is for one program: every criterion explained, and what would close each gap.");
        read.MapGet("/goals", ListGoalsAsync).WithName("ListGoals").WithSummary("The programs the member set as goals, with their latest readiness.");
        read.MapGet("/goals/{programId:guid}", GetGoalAsync).WithName("GetGoal").WithSummary("One goal with its progress over time and its open gaps.");
        write.MapPost("/goals", AddGoalAsync).WithName("AddGoal").WithSummary("Sets a published program as a goal; its readiness is tracked from now on.");
        write.MapDelete("/goals/{programId:guid}", RemoveGoalAsync).WithName("RemoveGoal").WithSummary("Stops tracking a goal and drops its history.");

        app.MapGroup("/api/v1/programs").WithTags("Readiness").RequireAuthorization(AccessPolicies.LifecycleReview)
            .MapGet("/{programId:guid}/close-members", CloseMembersAsync).WithName("ListCloseMembers")
            .WithSummary("Members who do not qualify yet but are at least minPercent ready (default 80), with their biggest gap; for campaigns.");
        return app;
    }

    internal static async Task<Results<Ok<Page<ProgramReadiness>>, ValidationProblem, ProblemHttpResult>> ListReadinessAsync(
        Guid memberId, [AsParameters] ListQuery list, ClaimsPrincipal user, EligibilityService eligibility, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(ProgramOrder) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        if (await VisibleFactsAsync(user, memberId, eligibility, ct) is not { } facts) return Problems.NotFoundResult("member", memberId);

        var page = await db.Programs.AsNoTracking().Where(p => p.Status == ProgramStatus.Published).ToPageAsync(list, ProgramOrder, p => p.Id, ct);
        var ids = page.Items.ToList();
        var programs = (await eligibility.LoadProgramsAsync(db.Programs.Where(p => ids.Contains(p.Id)), ct)).ToDictionary(p => p.Id);
        var items = new List<ProgramReadiness>();
        foreach (var id in ids)
            items.Add(ProgramReadiness.From(programs[id], await eligibility.DecideAsync(programs[id], facts, ct), explain: false));
        return TypedResults.Ok(new Page<ProgramReadiness>(items, page.PageNumber, page.PageSize, page.TotalCount));
    }

    internal static async Task<Results<Ok<ProgramReadiness>, ProblemHttpResult>> GetReadinessAsync(
        Guid memberId, Guid programId, ClaimsPrincipal user, EligibilityService eligibility, CancellationToken ct)
    {
        if (await VisibleFactsAsync(user, memberId, eligibility, ct) is not { } facts) return Problems.NotFoundResult("member", memberId);
        if (await VisibleProgramAsync(user, programId, eligibility, ct) is not { } program) return Problems.NotFoundResult("program", programId);
        return TypedResults.Ok(ProgramReadiness.From(program, await eligibility.DecideAsync(program, facts, ct), explain: true));
    }

    internal static async Task<Results<Ok<Page<GoalSummary>>, ValidationProblem, ProblemHttpResult>> ListGoalsAsync(
        Guid memberId, [AsParameters] ListQuery list, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(GoalOrder) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        if (!await MemberVisibleAsync(user, memberId, db, ct)) return Problems.NotFoundResult("member", memberId);
        return TypedResults.Ok(await db.Goals.AsNoTracking().Where(g => g.MemberId == memberId).ToPageAsync(list, GoalOrder, g => new GoalSummary(
            g.Id, g.ProgramId, db.Programs.Where(p => p.Id == g.ProgramId).Select(p => p.Code).First(),
            db.Programs.Where(p => p.Id == g.ProgramId).Select(p => p.Name).First(),
            g.PercentReady, g.Eligible, g.MetCount, g.UnmetCount, g.CreatedAt, g.ChangedAt), ct));
    }

    internal static async Task<Results<Ok<GoalResponse>, ProblemHttpResult>> GetGoalAsync(
        Guid memberId, Guid programId, ClaimsPrincipal user, EligibilityService eligibility, AppDbContext db, CancellationToken ct)
    {
        if (await VisibleFactsAsync(user, memberId, eligibility, ct) is not { } facts) return Problems.NotFoundResult("member", memberId);
        var goal = await db.Goals.AsNoTracking().Include(g => g.History).SingleOrDefaultAsync(g => g.MemberId == memberId && g.ProgramId == programId, ct);
        if (goal is null || await eligibility.LoadProgramAsync(programId, ct) is not { } program) return Problems.NotFoundResult("goal for program", programId);
        return TypedResults.Ok(Describe(goal, program, await eligibility.DecideAsync(program, facts, ct)));
    }

    internal static async Task<Results<Created<GoalResponse>, ValidationProblem, ProblemHttpResult>> AddGoalAsync(
        Guid memberId, GoalWrite request, ClaimsPrincipal user, EligibilityService eligibility, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await VisibleFactsAsync(user, memberId, eligibility, ct) is not { } facts) return Problems.NotFoundResult("member", memberId);
        var programId = request.ProgramId;
        if (await eligibility.LoadProgramAsync(programId, ct) is not { Status: ProgramStatus.Published } program)
            return Problems.ValidationFailed("programId", $"No published program '{programId}'.");
        if (await db.Goals.AnyAsync(g => g.MemberId == memberId && g.ProgramId == programId, ct))
            return Problems.ConflictResult($"{program.Code} is already one of this member's goals.");

        var now = clock.GetUtcNow();
        var goal = new Goal { MemberId = memberId, ProgramId = programId, CreatedAt = now };
        var decision = await eligibility.DecideAsync(program, facts, ct);
        goal.Record(decision, now, first: true);
        db.Goals.Add(goal);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/members/{memberId}/goals/{programId}", Describe(goal, program, decision));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveGoalAsync(
        Guid memberId, Guid programId, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var goal = await MemberVisibleAsync(user, memberId, db, ct)
            ? await db.Goals.SingleOrDefaultAsync(g => g.MemberId == memberId && g.ProgramId == programId, ct)
            : null;
        if (goal is null) return Problems.NotFoundResult("goal for program", programId);
        db.Goals.Remove(goal);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<Page<CloseMember>>, ValidationProblem, ProblemHttpResult>> CloseMembersAsync(
        Guid programId, [AsParameters] CloseMembersQuery query, [AsParameters] ListQuery list, EligibilityService eligibility, AppDbContext db, CancellationToken ct)
    {
        var errors = list.Validate(CloseOrder);
        if (query.Min is < 0 or > 100) errors["minPercent"] = ["Minimum percent ready must be between 0 and 100."];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);
        if (await eligibility.LoadProgramAsync(programId, ct) is not { } program) return Problems.NotFoundResult("program", programId);

        // Members who already hold the credential are no campaign's audience, whatever their criteria say today.
        var holders = (await db.Credentials.AsNoTracking()
            .Where(c => c.ProgramId == programId && (c.Status == CredentialStatus.Active || c.Status == CredentialStatus.Expiring))
            .Select(c => c.MemberId).ToListAsync(ct)).ToHashSet();
        var close = new List<(Guid MemberId, decimal Percent, int Unmet, ReadinessGap? TopGap)>();
        await foreach (var decision in eligibility.EvaluateManyAsync(program, null, ct))
        {
            if (decision.Eligible || decision.PercentReady < query.Min || holders.Contains(decision.MemberId)) continue;
            var gaps = EligibilityRules.Gaps(decision.Criteria!).ToList();
            close.Add((decision.MemberId, decision.PercentReady, gaps.Count, gaps.MinBy(g => g.Progress) is { } top ? ReadinessGap.From(top) : null));
        }

        var ids = close.Select(c => c.MemberId).ToList();
        var people = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .Select(m => new { m.Id, m.AmsMemberId, m.FirstName, m.LastName, m.Email }).ToDictionaryAsync(m => m.Id, ct);
        var rows = close.Where(c => people.ContainsKey(c.MemberId)).Select(c =>
        {
            var m = people[c.MemberId];
            return new CloseMember(c.MemberId, m.AmsMemberId, m.FirstName, m.LastName, m.Email, c.Percent, c.Unmet, c.TopGap);
        }).ToList();
        var page = CloseOrder.Apply(rows.AsQueryable(), list.Sort).Skip((list.PageNumber - 1) * list.Size).Take(list.Size).ToList();
        return TypedResults.Ok(new Page<CloseMember>(page, list.PageNumber, list.Size, rows.Count));
    }

    private static GoalResponse Describe(Goal goal, ProgramRequirements program, EligibilityDecision current) => new(
        new GoalSummary(goal.Id, goal.ProgramId, program.Code, program.Name, goal.PercentReady, goal.Eligible, goal.MetCount, goal.UnmetCount,
            goal.CreatedAt, goal.ChangedAt),
        goal.History.OrderBy(h => h.RecordedAt).ThenBy(h => h.Id)
            .Select(h => new GoalProgressResponse(h.RecordedAt, h.PercentReady, h.Eligible, h.MetCount, h.UnmetCount)).ToArray(),
        current.Criteria is null ? [] : EligibilityRules.Gaps(current.Criteria).Select(ReadinessGap.From).ToArray());

    // A Member asking about someone else gets the same 404 as for a missing member, as the member endpoints answer.
    private static bool Hidden(ClaimsPrincipal user, Guid memberId) => user.OwnMemberOnly() is { } own && own != memberId;

    private static async Task<MemberFacts?> VisibleFactsAsync(ClaimsPrincipal user, Guid memberId, EligibilityService eligibility, CancellationToken ct) =>
        Hidden(user, memberId) ? null : await eligibility.LoadFactsAsync(memberId, ct);

    private static async Task<bool> MemberVisibleAsync(ClaimsPrincipal user, Guid memberId, AppDbContext db, CancellationToken ct) =>
        !Hidden(user, memberId) && await db.Members.AnyAsync(m => m.Id == memberId, ct);

    // Members see the programs they could aim for; staff may look at a draft's criteria before it is published.
    private static async Task<ProgramRequirements?> VisibleProgramAsync(ClaimsPrincipal user, Guid programId, EligibilityService eligibility, CancellationToken ct) =>
        await eligibility.LoadProgramAsync(programId, ct) is { } program && (program.Status == ProgramStatus.Published || user.OwnMemberOnly() is null)
            ? program
            : null;
}
