using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

public static class WorkflowInstancesApi
{
    private static readonly SortFields<WorkflowInstance> InstanceSort = new(i => i.Id, "-createdAt", ("createdAt", i => i.CreatedAt), ("updatedAt", i => i.UpdatedAt));
    private static readonly SortFields<WorkflowJournalEntry> JournalSort = new(e => e.Id, "id", ("id", e => e.Id));

    public static WebApplication MapWorkflowInstancesApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/workflow-instances").WithTags("Workflows").RequireAuthorization(AccessPolicies.WorkflowsAdmin);
        group.MapGet("/", ListAsync).WithName("ListWorkflowInstances")
            .WithSummary("Lists workflow instances, newest first; filter by status, program, member or definition.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetWorkflowInstance").WithSummary("One instance: its state, what it waits on and its incidents.");
        group.MapGet("/{id:guid}/journal", JournalAsync).WithName("GetWorkflowJournal").WithSummary("What the instance did, oldest first.");
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelWorkflowInstance").WithSummary("Stops a running or suspended instance.");
        group.MapPost("/{id:guid}/incidents/{incidentId:guid}/retry", RetryAsync).WithName("RetryWorkflowIncident")
            .WithSummary("Runs the failed activity again.");
        group.MapPost("/{id:guid}/incidents/{incidentId:guid}/skip", SkipAsync).WithName("SkipWorkflowIncident")
            .WithSummary("Continues past the failed activity without running it.");
        group.MapPost("/{id:guid}/migrate", MigrateAsync).WithName("MigrateWorkflowInstance")
            .WithSummary("Moves the instance to another published version; refused with 409 when a waiting activity is missing or changed there.");
        return app;
    }

    private static async Task<Results<Ok<Page<WorkflowInstanceSummary>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, [AsParameters] WorkflowInstanceFilter filter, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(InstanceSort) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        var (status, problem) = PagingExtensions.ReadStatusFilter<WorkflowStatus>(filter.Status);
        if (problem is not null) return problem;

        var query = db.WorkflowInstances.AsNoTracking();
        if (status is { } wanted) query = query.Where(i => i.Status == wanted);
        if (filter.Program is { } program) query = query.Where(i => i.Program == program);
        if (filter.MemberId is { } member) query = query.Where(i => i.MemberId == member);
        if (filter.DefinitionId is { } definition) query = query.Where(i => i.DefinitionId == definition);
        return TypedResults.Ok((await query.ToPageAsync(list, InstanceSort, i => i, ct)).Map(Summarize));
    }

    private static async Task<Results<Ok<WorkflowInstanceResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        if (await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is not { } instance) return NotFound(id);
        return TypedResults.Ok(await DescribeAsync(db, instance, ct));
    }

    private static async Task<Results<Ok<Page<WorkflowJournalLine>>, ValidationProblem, ProblemHttpResult>> JournalAsync(
        Guid id, [AsParameters] ListQuery list, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(JournalSort) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        if (!await db.WorkflowInstances.AnyAsync(i => i.Id == id, ct)) return NotFound(id);
        var page = await db.WorkflowJournal.AsNoTracking().Where(e => e.InstanceId == id).ToPageAsync(list, JournalSort,
            e => new WorkflowJournalLine(e.Id, e.At, e.ActivityId, e.ActivityType, e.Event, e.Port, e.Message), ct);
        return TypedResults.Ok(page);
    }

    private static Task<Results<Ok<WorkflowInstanceResponse>, ProblemHttpResult>> CancelAsync(
        Guid id, CancelWorkflowInstance? request, AppDbContext db, WorkflowUnit unit, ICurrentActor actor, TimeProvider clock, CancellationToken ct) =>
        ActAsync(id, db, unit, engine => engine.CancelAsync(id, request?.Reason is { Length: > 0 } reason ? reason : $"Cancelled by {actor.Name}.", clock.GetUtcNow(), ct),
            "Only a running or suspended instance can be cancelled.", ct);

    private static Task<Results<Ok<WorkflowInstanceResponse>, ProblemHttpResult>> RetryAsync(
        Guid id, Guid incidentId, AppDbContext db, WorkflowUnit unit, TimeProvider clock, CancellationToken ct) =>
        ActAsync(id, db, unit, engine => engine.RetryAsync(id, incidentId, clock.GetUtcNow(), ct), $"Incident {incidentId} is not open on this instance.", ct);

    private static Task<Results<Ok<WorkflowInstanceResponse>, ProblemHttpResult>> SkipAsync(
        Guid id, Guid incidentId, AppDbContext db, WorkflowUnit unit, TimeProvider clock, CancellationToken ct) =>
        ActAsync(id, db, unit, engine => engine.SkipAsync(id, incidentId, clock.GetUtcNow(), ct), $"Incident {incidentId} is not open on this instance.", ct);

    private static async Task<Results<Ok<WorkflowInstanceResponse>, ValidationProblem, ProblemHttpResult>> MigrateAsync(
        Guid id, MigrateWorkflowInstance request, AppDbContext db, WorkflowUnit unit, EfWorkflowStore store, TimeProvider clock, CancellationToken ct)
    {
        if (request.ToVersion is not { } toVersion) return Problems.ValidationFailed("toVersion", "The version to move to is required.");
        if (!await db.WorkflowInstances.AnyAsync(i => i.Id == id, ct)) return NotFound(id);

        var refusal = await unit.RunAsync(async _ =>
        {
            var state = (await store.LockInstanceAsync(id, ct))!;
            var from = (await store.FindDefinitionAsync(state.DefinitionId, state.DefinitionVersion, ct))!;
            var published = await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == state.DefinitionId && d.DefinitionVersion == toVersion && d.IsPublished, ct);
            if (!published || await store.FindDefinitionAsync(state.DefinitionId, toVersion, ct) is not { } to)
                return $"Workflow '{state.DefinitionId}' has no published version {toVersion}.";
            if (WorkflowMigration.Check(state, from, to) is { Allowed: false } check) return string.Join(" ", check.Problems);

            var now = clock.GetUtcNow();
            var moved = WorkflowMigration.Migrate(state, from, to, now);
            await store.SaveAsync(new WorkflowStep(moved, [], [new JournalEntry(now, "", "Workflow", "Migrated",
                Message: $"Moved from version {from.Version} to version {to.Version}.")], [], []), ct);
            return null;
        }, ct);
        if (refusal is not null) return Problems.ConflictResult(refusal);
        return TypedResults.Ok(await DescribeAsync(db, await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id, ct), ct));
    }

    private static async Task<Results<Ok<WorkflowInstanceResponse>, ProblemHttpResult>> ActAsync(
        Guid id, AppDbContext db, WorkflowUnit unit, Func<WorkflowEngine, Task<WorkflowStep?>> act, string whenNothingHappened, CancellationToken ct)
    {
        if (!await db.WorkflowInstances.AnyAsync(i => i.Id == id, ct)) return NotFound(id);
        if (await unit.RunAsync(act, ct) is null) return Problems.ConflictResult(whenNothingHappened);
        return TypedResults.Ok(await DescribeAsync(db, await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == id, ct), ct));
    }

    private static async Task<WorkflowInstanceResponse> DescribeAsync(AppDbContext db, WorkflowInstance instance, CancellationToken ct)
    {
        var state = instance.ReadState();
        var bookmarks = await db.WorkflowBookmarks.AsNoTracking().Where(b => b.InstanceId == instance.Id).OrderBy(b => b.ResumeAt).ToListAsync(ct);
        return new WorkflowInstanceResponse(Summarize(instance), state.Input, state.Variables,
            [.. bookmarks.Select(b => new WorkflowBookmarkResponse(b.Id, b.ActivityId, b.Kind.ToString(), b.Stimulus, b.ResumeAt))], state.Incidents);
    }

    private static WorkflowInstanceSummary Summarize(WorkflowInstance i) =>
        new(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status.ToString(), i.MemberId, i.Program, i.CorrelationId, i.CreatedAt, i.UpdatedAt);

    private static ProblemHttpResult NotFound(Guid id) => Problems.NotFoundResult("workflow instance", id);
}
