using System.Text.Json.Nodes;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Workflows.Activities.Triggers;
using CredentialConnect.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

/// <param name="MemberIds">The members to start the flow for.</param>
/// <param name="RequestKey">Makes the request safe to send again: the same key and member start one instance, however often it is sent.</param>
/// <param name="Input">Data the flow sees as <c>input</c>.</param>
public sealed record StartWorkflowRequest(Guid[]? MemberIds, string? RequestKey, JsonObject? Input);

/// <param name="Started">Whether this request started the instance (false: an earlier request with the same key did).</param>
public sealed record StartedWorkflowInstance(Guid MemberId, Guid InstanceId, bool Started, string Status);

public sealed record StartWorkflowResponse(string DefinitionId, int DefinitionVersion, IReadOnlyList<StartedWorkflowInstance> Instances);

/// <summary>
/// Turning a flow off and on, and starting a Manual flow for chosen members. A disabled flow starts nothing, from
/// events, schedules or people, and its schedules are removed; instances already running carry on to their end.
/// </summary>
public static class WorkflowDefinitionLifecycle
{
    public const int MaxMembersPerStart = 500;

    public static WebApplication MapWorkflowDefinitionLifecycleApi(this WebApplication app)
    {
        var admin = app.MapGroup("/api/v1/workflow-definitions").WithTags("Workflows").RequireAuthorization(AccessPolicies.WorkflowsAdmin);
        admin.MapPost("/{definitionId:workflowId}/disable", DisableAsync).WithName("DisableWorkflowDefinition")
            .WithSummary("Stops the flow starting new instances (events, schedules, manual starts); running instances carry on to their end.");
        admin.MapPost("/{definitionId:workflowId}/enable", EnableAsync).WithName("EnableWorkflowDefinition")
            .WithSummary("Lets a disabled flow start new instances again; events missed while it was disabled are not replayed.");
        admin.MapPost("/{definitionId:workflowId}/start", StartAsync).WithName("StartWorkflowDefinition")
            .WithSummary("Starts the published version of a flow with a Manual trigger for chosen members; a request key makes a repeat start nothing new.");
        return app;
    }

    internal static Task<Results<Ok<WorkflowDefinitionResponse>, ProblemHttpResult>> DisableAsync(
        string definitionId, AppDbContext db, WorkflowSchedules schedules, TimeProvider clock, CancellationToken ct) =>
        SwitchAsync(definitionId, disabled: true, db, schedules, clock, ct);

    internal static Task<Results<Ok<WorkflowDefinitionResponse>, ProblemHttpResult>> EnableAsync(
        string definitionId, AppDbContext db, WorkflowSchedules schedules, TimeProvider clock, CancellationToken ct) =>
        SwitchAsync(definitionId, disabled: false, db, schedules, clock, ct);

    private static async Task<Results<Ok<WorkflowDefinitionResponse>, ProblemHttpResult>> SwitchAsync(
        string definitionId, bool disabled, AppDbContext db, WorkflowSchedules schedules, TimeProvider clock, CancellationToken ct)
    {
        var versions = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).ToListAsync(ct);
        if (versions.Count == 0) return Problems.NotFoundResult("workflow definition", definitionId);
        if (versions.All(v => v.IsDisabled == disabled))
            return Problems.ConflictResult($"'{definitionId}' is already {(disabled ? "disabled" : "enabled")}.");
        foreach (var version in versions) version.IsDisabled = disabled;
        await db.SaveChangesAsync(ct);
        await schedules.SyncAsync(ct);
        return TypedResults.Ok(WorkflowDefinitionResponse.From(versions.FirstOrDefault(v => v.IsLatestPublished) ?? versions.MaxBy(v => v.DefinitionVersion)!));
    }

    internal static async Task<Results<Ok<StartWorkflowResponse>, ValidationProblem, ProblemHttpResult>> StartAsync(
        string definitionId, StartWorkflowRequest request, AppDbContext db, WorkflowUnit unit, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var memberIds = request.MemberIds?.Distinct().ToList() ?? [];
        if (memberIds.Count == 0) return Problems.ValidationFailed("memberIds", "Choose at least one member.");
        if (memberIds.Count > MaxMembersPerStart) return Problems.ValidationFailed("memberIds", $"Start at most {MaxMembersPerStart} members at a time.");
        if (request.RequestKey is { Length: > 100 }) return Problems.ValidationFailed("requestKey", "A request key has at most 100 characters.");

        if (!await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == definitionId, ct)) return Problems.NotFoundResult("workflow definition", definitionId);
        var row = await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsLatestPublished, ct);
        if (row is null) return Problems.ConflictResult($"'{definitionId}' has no published version to start.");
        if (row.IsDisabled) return Problems.ConflictResult($"'{definitionId}' is disabled; enable it to start it.");
        var definition = row.Read();
        if (!definition.Root.Activities.Any(a => a.Type == nameof(Manual)))
            return Problems.ConflictResult($"Version {definition.Version} of '{definitionId}' has no Manual trigger; it starts only on its own triggers.");

        var known = await db.Members.Where(m => memberIds.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
        if (memberIds.Except(known).ToList() is { Count: > 0 } missing)
            return Problems.ValidationFailed("memberIds", $"No member with id {string.Join(", ", missing)}.");

        var requestKey = request.RequestKey is { Length: > 0 } given ? given : Guid.CreateVersion7().ToString();
        var now = clock.GetUtcNow();
        var input = request.Input ?? [];
        input["startedBy"] = actor.Name;
        var results = new List<StartedWorkflowInstance>();
        foreach (var memberId in memberIds)
        {
            var trigger = new WorkflowTrigger(Manual.TriggerType, memberId, definition.Program, null, (JsonObject)input.DeepClone(), now)
                { OccurrenceKey = $"manual/{requestKey}/{memberId}" };
            var step = await unit.RunAsync(engine => engine.StartAsync(definition, trigger, ct), ct);
            var instanceId = WorkflowEngine.InstanceIdFor(definition, trigger);
            var status = step?.State.Status ?? await db.WorkflowInstances.Where(i => i.Id == instanceId).Select(i => i.Status).SingleAsync(ct);
            results.Add(new StartedWorkflowInstance(memberId, instanceId, step is not null, status.ToString()));
        }
        return TypedResults.Ok(new StartWorkflowResponse(definitionId, definition.Version, results));
    }
}
