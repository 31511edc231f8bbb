using System.Security.Claims;
using System.Text.Json.Nodes;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Workflows.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

public sealed record WorkflowTaskFilter(string? Status);

public sealed record WorkflowTaskResponse(
    Guid Id, Guid InstanceId, string ActivityId, string AssigneeRole, string? AssigneeEmail, Guid? MemberId, string? CorrelationId, DateTimeOffset? DueAt,
    string Status, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string? DecidedBy, string? Comment);

public sealed record WorkflowTaskDecision(string Decision, string? Comment);

public sealed record PortalNotificationResponse(Guid Id, string Title, string Message, string? Link, DateTimeOffset CreatedAt);

public static class WorkflowTasksApi
{
    private static readonly SortFields<WorkflowTask> TaskSort = new(t => t.Id, "createdAt", ("createdAt", t => t.CreatedAt), ("dueAt", t => t.DueAt));
    private static readonly SortFields<PortalNotification> NotificationSort = new(n => n.Id, "-createdAt", ("createdAt", n => n.CreatedAt));

    public static WebApplication MapWorkflowTasksApi(this WebApplication app)
    {
        var tasks = app.MapGroup("/api/v1/workflow-tasks").WithTags("Workflows").RequireAuthorization(AccessPolicies.LifecycleReview);
        tasks.MapGet("/", ListAsync).WithName("ListWorkflowTasks").WithSummary("Approval tasks from workflows, oldest first; filter by status (Open for the queue).");
        tasks.MapPost("/{id:guid}/decide", DecideAsync).WithName("DecideWorkflowTask")
            .WithSummary("Approves or rejects a task; the flow waiting on it continues through that port.");
        app.MapGet("/api/v1/members/{id:guid}/notifications", NotificationsAsync).WithTags("Members").RequireAuthorization(AccessPolicies.MembersRead)
            .WithName("ListMemberNotifications").WithSummary("The member's portal notifications, newest first; a Member sees only their own.");
        return app;
    }

    private static async Task<Results<Ok<Page<WorkflowTaskResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, [AsParameters] WorkflowTaskFilter filter, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(TaskSort) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        var (status, problem) = PagingExtensions.ReadStatusFilter<WorkflowTaskStatus>(filter.Status);
        if (problem is not null) return problem;
        var query = db.WorkflowTasks.AsNoTracking();
        if (status is { } wanted) query = query.Where(t => t.Status == wanted);
        return TypedResults.Ok((await query.ToPageAsync(list, TaskSort, t => t, ct)).Map(Describe));
    }

    private static async Task<Results<Ok<WorkflowTaskResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, WorkflowTaskDecision request, ClaimsPrincipal user, AppDbContext db, WorkflowUnit unit, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        if (request.Decision is not (Ports.Approved or Ports.Rejected))
            return Problems.ValidationFailed("decision", $"Decision must be {Ports.Approved} or {Ports.Rejected}.");
        if (await db.WorkflowTasks.SingleOrDefaultAsync(t => t.Id == id, ct) is not { } task) return Problems.NotFoundResult("workflow task", id);
        if (!MayDecide(user, task))
            return TypedResults.Problem(type: Problems.Forbidden, title: "Forbidden.", statusCode: StatusCodes.Status403Forbidden,
                detail: task.AssigneeEmail is { } assignee
                    ? $"The task is assigned to {assignee} (in the {task.AssigneeRole} role); only they (or an Admin) may decide it."
                    : $"The task is assigned to the {task.AssigneeRole} role; only its members (or an Admin) may decide it.");
        if (task.Status != WorkflowTaskStatus.Open) return Problems.ConflictResult($"The task is {task.Status}; only an open task can be decided.");
        var approval = await db.WorkflowBookmarks.AsNoTracking().SingleOrDefaultAsync(b => b.InstanceId == task.InstanceId && b.Stimulus == task.TaskKey, ct);
        if (approval is null) return Problems.ConflictResult("The flow is no longer waiting on this task.");

        var now = clock.GetUtcNow();
        (task.Status, task.DecidedAt, task.DecidedBy, task.Comment) = (Enum.Parse<WorkflowTaskStatus>(request.Decision), now, actor.Name, request.Comment);
        var decision = new JsonObject { ["decision"] = request.Decision, ["comment"] = request.Comment, ["decidedBy"] = actor.Name };
        await unit.RunAsync(engine => engine.ResumeAsync(task.InstanceId, approval.Id, decision, now, ct), ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(Describe(task));
    }

    /// <summary>
    /// Whether <paramref name="user"/> holds the task's assignee role and, when the task names one person, is that
    /// person. Admins may decide any task, as they can change every record the task would; an API client decides none,
    /// since a task asks a person.
    /// </summary>
    internal static bool MayDecide(ClaimsPrincipal user, WorkflowTask task) =>
        user.IsInRole(HubRoles.Admin)
        || (task.AssigneeRole.Length > 0 && user.IsInRole(task.AssigneeRole)
            && (task.AssigneeEmail is null || string.Equals(EmailOf(user), task.AssigneeEmail, StringComparison.OrdinalIgnoreCase)));

    private static string? EmailOf(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name;

    private static async Task<Results<Ok<Page<PortalNotificationResponse>>, ValidationProblem, ProblemHttpResult>> NotificationsAsync(
        Guid id, [AsParameters] ListQuery list, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(NotificationSort) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        if (user.OwnMemberOnly() is { } own && own != id || !await db.Members.AnyAsync(m => m.Id == id, ct)) return Problems.NotFoundResult("member", id);
        return TypedResults.Ok(await db.PortalNotifications.AsNoTracking().Where(n => n.MemberId == id)
            .ToPageAsync(list, NotificationSort, n => new PortalNotificationResponse(n.Id, n.Title, n.Message, n.Link, n.CreatedAt), ct));
    }

    private static WorkflowTaskResponse Describe(WorkflowTask t) => new(
        t.Id, t.InstanceId, t.ActivityId, t.AssigneeRole, t.AssigneeEmail, t.MemberId, t.CorrelationId, t.DueAt, t.Status.ToString(), t.CreatedAt, t.DecidedAt, t.DecidedBy, t.Comment);
}
