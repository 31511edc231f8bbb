using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Workflows.Definitions;
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
        group.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelWorkflowInstance")
            .WithSummary("Stops a running, suspended or faulted instance; 409 for one already finished or cancelled, 404 for an unknown one.");
        group.MapPost("/{id:guid}/incidents/{incidentId:guid}/retry", RetryAsync).WithName("RetryWorkflowIncident")
            .WithSummary("Runs the failed activity again.");
        group.MapPost("/{id:guid}/incidents/{incidentId:guid}/skip", SkipAsync).WithName("SkipWorkflowIncident")
            .WithSummary("Continues past the failed activity without running it, through the outcome port given (Done by default); 400 names the valid ports.");
        group.MapPost("/{id:guid}/incidents/{incidentId:guid}/resolve", ResolveAsync).WithName("ResolveWorkflowIncident")
            .WithSummary("Marks an open incident handled (one recorded under Continue, or a message that was not delivered) without running anything.");
        group.MapPost("/{id:guid}/migrate", MigrateAsync).WithName("MigrateWorkflowInstance")
            .WithSummary("Moves the instance to a newer published version; 400 for its own or an older version, 409 when a waiting activity or its timer changed there.");
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
        if (filter.HasOpenIncidents is { } open) query = open ? query.Where(i => i.OpenIncidents > 0) : query.Where(i => i.OpenIncidents == 0);
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

    private static async Task<Results<Ok<WorkflowInstanceResponse>, ProblemHttpResult>> CancelAsync(
        Guid id, CancelWorkflowInstance? request, AppDbContext db, WorkflowUnit unit, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var status = await db.WorkflowInstances.Where(i => i.Id == id).Select(i => (WorkflowStatus?)i.Status).SingleOrDefaultAsync(ct);
        if (status is null) return NotFound(id);
        if (status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
            return Problems.ConflictResult($"The instance is already {status}; only a running, suspended or faulted instance can be cancelled.");
        return await ActAsync(id, db, unit, engine => engine.CancelAsync(id, request?.Reason is { Length: > 0 } reason ? reason : $"Cancelled by {actor.Name}.", clock.GetUtcNow(), ct),
            "The instance ended before it could be cancelled.", ct);
    }

    private static Task<Results<Ok<WorkflowInstanceResponse>, ProblemHttpResult>> RetryAsync(
        Guid id, Guid incidentId, AppDbContext db, WorkflowUnit unit, TimeProvider clock, CancellationToken ct) =>
        ActAsync(id, db, unit, engine => engine.RetryAsync(id, incidentId, clock.GetUtcNow(), ct), $"Incident {incidentId} is not open on this instance.", ct);

    private static async Task<Results<Ok<WorkflowInstanceResponse>, ValidationProblem, ProblemHttpResult>> SkipAsync(
        Guid id, Guid incidentId, SkipWorkflowIncident? request, AppDbContext db, WorkflowUnit unit, EfWorkflowStore store, IWorkflowRunner runner,
        TimeProvider clock, CancellationToken ct)
    {
        if (await db.WorkflowInstances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is not { } instance) return NotFound(id);
        var state = instance.ReadState();
        if (state.Incidents.FirstOrDefault(i => i.Id == incidentId && !i.Resolved) is not { } incident)
            return Problems.ConflictResult($"Incident {incidentId} is not open on this instance.");
        var definition = await store.FindDefinitionAsync(state.DefinitionId, state.DefinitionVersion, ct);
        var ports = definition is null ? [] : runner.PortsOf(definition, incident.ActivityId);
        var port = request?.Port is { Length: > 0 } asked ? asked : ports.Contains(Ports.Done) || ports.Count == 0 ? Ports.Done : null;
        if (port is null || ports.Count > 0 && !ports.Contains(port))
            return Problems.ValidationFailed("port", port is null
                ? $"Say which port '{incident.ActivityId}' ({incident.ActivityType}) should leave by: {string.Join(", ", ports)}."
                : $"'{incident.ActivityId}' ({incident.ActivityType}) has no port '{port}'; it can leave by {string.Join(", ", ports)}.");
        return (await ActAsync(id, db, unit, engine => engine.SkipAsync(id, incidentId, port, clock.GetUtcNow(), ct),
            $"Incident {incidentId} does not hold the instance faulted; resolve it instead.", ct)).Result switch
        {
            Ok<WorkflowInstanceResponse> ok => ok,
            var problem => (ProblemHttpResult)problem,
        };
    }

    private static async Task<Results<Ok<WorkflowInstanceResponse>, ProblemHttpResult>> ResolveAsync(
        Guid id, Guid incidentId, AppDbContext db, WorkflowUnit unit, ICurrentActor actor, TimeProvider clock, CancellationToken ct) =>
        await ActAsync(id, db, unit, engine => engine.AcknowledgeAsync(id, incidentId, actor.Name, clock.GetUtcNow(), ct),
            $"Incident {incidentId} is not open, or holds the instance faulted (retry or skip it).", ct);

    private static async Task<Results<Ok<WorkflowInstanceResponse>, ValidationProblem, ProblemHttpResult>> MigrateAsync(
        Guid id, MigrateWorkflowInstance request, AppDbContext db, WorkflowUnit unit, EfWorkflowStore store, TimeProvider clock, CancellationToken ct)
    {
        var toVersion = request.ToVersion;
        if (!await db.WorkflowInstances.AnyAsync(i => i.Id == id, ct)) return NotFound(id);

        var refusal = await unit.RunAsync<(MigrationRefusal Kind, string Detail)?>(async _ =>
        {
            var state = (await store.LockInstanceAsync(id, ct))!;
            var from = (await store.FindDefinitionAsync(state.DefinitionId, state.DefinitionVersion, ct))!;
            var published = await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == state.DefinitionId && d.DefinitionVersion == toVersion && d.IsPublished, ct);
            if (!published || await store.FindDefinitionAsync(state.DefinitionId, toVersion, ct) is not { } to)
                return (MigrationRefusal.Incompatible, $"Workflow '{state.DefinitionId}' has no published version {toVersion}.");
            if (WorkflowMigration.Check(state, from, to) is { Allowed: false } check) return (check.Refusal, string.Join(" ", check.Problems));

            var now = clock.GetUtcNow();
            var moved = WorkflowMigration.Migrate(state, from, to, now);
            await store.SaveAsync(new WorkflowStep(moved, [], [new JournalEntry(now, "", "Workflow", "Migrated",
                Message: $"Moved from version {from.Version} to version {to.Version}.")], [], []), ct);
            return null;
        }, ct);
        if (refusal is { Kind: MigrationRefusal.NoOp or MigrationRefusal.Downgrade } bad) return Problems.ValidationFailed("toVersion", bad.Detail);
        if (refusal is { } conflict) return Problems.ConflictResult(conflict.Detail);
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
        new(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status.ToString(), i.MemberId, i.Program, i.CorrelationId, i.CreatedAt, i.UpdatedAt, i.OpenIncidents);

    private static ProblemHttpResult NotFound(Guid id) => Problems.NotFoundResult("workflow instance", id);
}
