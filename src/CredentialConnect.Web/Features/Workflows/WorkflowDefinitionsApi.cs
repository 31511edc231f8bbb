using System.Text.Json;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Simulation;
using CredentialConnect.Workflows.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

public static class WorkflowDefinitionsApi
{
    private const string Root = "/api/v1/workflow-definitions";

    private static readonly SortFields<StoredWorkflowDefinition> Sortable = new(d => d.Id, "definitionId",
        ("definitionId", d => d.DefinitionId), ("name", d => d.Name), ("program", d => d.Program), ("updatedAt", d => d.UpdatedAt));

    public static WebApplication MapWorkflowDefinitionsApi(this WebApplication app)
    {
        var definitions = app.MapGroup(Root).WithTags("Workflows");
        var read = definitions.MapGroup("").RequireAuthorization(AccessPolicies.WorkflowsRead);
        var admin = definitions.MapGroup("").RequireAuthorization(AccessPolicies.WorkflowsAdmin);

        read.MapGet("/", ListAsync).WithName("ListWorkflowDefinitions").WithSummary("Lists definitions (their latest versions); filter by program, text or published.");
        admin.MapPost("/", CreateAsync).WithName("CreateWorkflowDefinition").WithSummary("Stores a definition as draft version 1.")
            .DeclaresBody<WorkflowDefinition>();
        admin.MapPost("/validate", ValidateBodyAsync).WithName("ValidateWorkflowDefinition").WithSummary("Validates a definition without storing it.")
            .DeclaresBody<WorkflowDefinition>();
        admin.MapPost("/import", WorkflowDefinitionImport.ImportAsync).WithName("ImportWorkflowDefinition")
            .DeclaresBody<WorkflowDefinition>()
            .WithSummary("Imports a definition (a JSON body or file) as version 1 of a new definition or the next draft version of one.");
        read.MapGet("/{definitionId:workflowId}", GetAsync).WithName("GetWorkflowDefinition").WithSummary("Gets a definition's latest version.");
        read.MapGet("/{definitionId:workflowId}/versions", VersionsAsync).WithName("ListWorkflowDefinitionVersions").WithSummary("Lists a definition's versions, newest first.");
        read.MapGet("/{definitionId:workflowId}/versions/{version}", GetVersionAsync).WithName("GetWorkflowDefinitionVersion").WithSummary("Gets one version of a definition.");
        admin.MapPut("/{definitionId:workflowId}", ReplaceAsync).WithName("ReplaceWorkflowDefinition").DeclaresBody<WorkflowDefinitionReplace>()
            .WithSummary("Replaces the draft. Editing a published version stores the edit as the next draft version; published versions never change.");
        admin.MapDelete("/{definitionId:workflowId}", DeleteAsync).WithName("DeleteWorkflowDefinition").WithSummary("Deletes a definition that was never published.");
        admin.MapPost("/{definitionId:workflowId}/validate", ValidateStoredAsync).WithName("ValidateStoredWorkflowDefinition").WithSummary("Validates the latest version, or ?version=.");
        admin.MapPost("/{definitionId:workflowId}/publish", PublishAsync).WithName("PublishWorkflowDefinition")
            .WithSummary("Publishes a version when it passes validation, an older one included (a rollback): it starts new instances from now on, and running instances stay on theirs.");
        admin.MapPost("/{definitionId:workflowId}/simulate", SimulateAsync).WithName("SimulateWorkflowDefinition")
            .WithSummary("What the flow would do to these members over their real histories, on a simulated clock. Writes nothing.");
        read.MapGet("/{definitionId:workflowId}/export", ExportAsync).WithName("ExportWorkflowDefinition").WithSummary("Downloads the latest version, or ?version=, as JSON.")
            .Produces<WorkflowDefinition>(StatusCodes.Status200OK, "application/json");
        return app;
    }

    internal static async Task<Results<Ok<Page<WorkflowDefinitionSummary>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, [AsParameters] WorkflowDefinitionFilter filter, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(Sortable) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);

        var all = db.WorkflowDefinitions.AsNoTracking();
        var latest = all.Where(d => d.DefinitionVersion == all.Where(o => o.DefinitionId == d.DefinitionId).Max(o => o.DefinitionVersion));
        if (!string.IsNullOrWhiteSpace(filter.Program)) latest = latest.Where(d => d.Program == filter.Program.Trim());
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim().ToLower();
            latest = latest.Where(d => d.DefinitionId.ToLower().Contains(text) || d.Name.ToLower().Contains(text));
        }
        if (filter.Published is { } published)
            latest = latest.Where(d => all.Any(o => o.DefinitionId == d.DefinitionId && o.IsLatestPublished) == published);

        return TypedResults.Ok(await latest.ToPageAsync(list, Sortable, d => new WorkflowDefinitionSummary(
            d.DefinitionId, d.Name, d.Program, d.DefinitionVersion,
            all.Where(o => o.DefinitionId == d.DefinitionId && o.IsLatestPublished).Select(o => (int?)o.DefinitionVersion).FirstOrDefault(),
            d.UpdatedAt, d.IsDisabled), ct));
    }

    internal static async Task<Results<Created<WorkflowDefinitionResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        JsonElement body, HttpContext http, AppDbContext db, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var (definition, problem) = await ReadAsync<WorkflowDefinition>(body, http, db, d => d, "", ct);
        if (problem is not null) return problem;
        if (await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == definition!.DefinitionId, ct))
            return Problems.ConflictResult($"A workflow '{definition!.DefinitionId}' already exists. Replace its draft with PUT, or import to add a version.");

        var draft = WorkflowDefinitionVersions.AddDraft(db, definition!, 1, actor.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{Root}/{draft.DefinitionId}", WorkflowDefinitionResponse.From(draft));
    }

    internal static async Task<Results<Ok<WorkflowDefinitionCheck>, ValidationProblem>> ValidateBodyAsync(
        JsonElement body, HttpContext http, AppDbContext db, WorkflowValidator validator, CancellationToken ct)
    {
        var (definition, problem) = await ReadAsync<WorkflowDefinition>(body, http, db, d => d, "", ct);
        if (problem is not null) return problem;
        return TypedResults.Ok(WorkflowDefinitionCheck.From(await WorkflowDefinitionRules.ValidateAsync(validator, db, definition!, ct)));
    }

    internal static async Task<Results<Ok<WorkflowDefinitionResponse>, ProblemHttpResult>> GetAsync(string definitionId, AppDbContext db, CancellationToken ct) =>
        await WorkflowDefinitionVersions.LatestAsync(db, definitionId, ct) is { } latest
            ? TypedResults.Ok(WorkflowDefinitionResponse.From(latest))
            : NotFound(definitionId);

    internal static async Task<Results<Ok<IReadOnlyList<WorkflowDefinitionVersionSummary>>, ProblemHttpResult>> VersionsAsync(
        string definitionId, AppDbContext db, CancellationToken ct)
    {
        var versions = await db.WorkflowDefinitions.AsNoTracking().Where(d => d.DefinitionId == definitionId)
            .OrderByDescending(d => d.DefinitionVersion).ToListAsync(ct);
        return versions.Count > 0
            ? TypedResults.Ok<IReadOnlyList<WorkflowDefinitionVersionSummary>>([.. versions.Select(WorkflowDefinitionVersionSummary.From)])
            : NotFound(definitionId);
    }

    internal static async Task<Results<Ok<WorkflowDefinitionResponse>, ProblemHttpResult>> GetVersionAsync(
        string definitionId, int version, AppDbContext db, CancellationToken ct) =>
        await WorkflowDefinitionVersions.FindAsync(db, definitionId, version, ct) is { } found
            ? TypedResults.Ok(WorkflowDefinitionResponse.From(found))
            : NotFound(definitionId, version);

    internal static async Task<Results<Ok<WorkflowDefinitionResponse>, Created<WorkflowDefinitionResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        string definitionId, JsonElement body, HttpContext http, AppDbContext db, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var (request, problem) = await ReadAsync<WorkflowDefinitionReplace>(body, http, db, r => r.Definition, "definition.", ct);
        if (problem is not null) return problem;
        if (request!.Version is not { } readVersion) return Problems.ValidationFailed("version", VersionedExtensions.VersionRequired);
        var definition = request.Definition!;
        if (definition.DefinitionId != definitionId)
            return Problems.ValidationFailed("definition.definitionId", $"The definition's id is '{definition.DefinitionId}', but this is '{definitionId}'. Import it to copy a workflow.");

        var latest = await WorkflowDefinitionVersions.LatestAsync(db, definitionId, ct);
        if (latest is null) return NotFound(definitionId);
        if (definition.Version != latest.DefinitionVersion || readVersion != latest.Version)
            return Problems.ConflictResult($"Version {latest.DefinitionVersion} of '{definitionId}' changed since you read it, or is not the version you edited. Read it again and reapply your change.");

        var now = clock.GetUtcNow();
        if (latest.IsPublished)
        {
            // A published version never changes: the edit becomes the next draft, and the published one runs on.
            var draft = WorkflowDefinitionVersions.AddNextDraft(db, latest, definition, actor.Name, now);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"{Root}/{definitionId}/versions/{draft.DefinitionVersion}", WorkflowDefinitionResponse.From(draft));
        }
        db.ExpectVersion(latest, readVersion);
        WorkflowDefinitionVersions.ReplaceDraft(latest, definition, now);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(WorkflowDefinitionResponse.From(latest));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(string definitionId, AppDbContext db, CancellationToken ct)
    {
        var versions = await db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).ToListAsync(ct);
        if (versions.Count == 0) return NotFound(definitionId);
        if (versions.Any(v => v.IsPublished))
            return Problems.ConflictResult($"'{definitionId}' has published versions, which instances may be pinned to; it cannot be deleted.");
        db.WorkflowDefinitions.RemoveRange(versions);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<WorkflowDefinitionCheck>, ProblemHttpResult>> ValidateStoredAsync(
        string definitionId, int? version, AppDbContext db, WorkflowValidator validator, CancellationToken ct) =>
        await WorkflowDefinitionVersions.FindAsync(db, definitionId, version, ct) is { } found
            ? TypedResults.Ok(WorkflowDefinitionCheck.From(await WorkflowDefinitionRules.ValidateAsync(validator, db, found.Read(), ct)))
            : NotFound(definitionId, version);

    internal static async Task<Results<Ok<WorkflowDefinitionResponse>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        string definitionId, WorkflowDefinitionPublish request, AppDbContext db, WorkflowValidator validator, WorkflowSchedules schedules, TimeProvider clock,
        CancellationToken ct)
    {
        if (request.Version is not { } version) return Problems.ValidationFailed("version", "Say which version to publish.");
        var stored = await WorkflowDefinitionVersions.FindAsync(db, definitionId, version, ct);
        if (stored is null) return NotFound(definitionId, version);
        if (stored.IsLatestPublished) return Problems.ConflictResult($"Version {version} of '{definitionId}' is already the published version.");

        // Any version can be published, an older one included (a rollback): it becomes the one that starts new
        // instances, and the instances already running stay on the version they started on.
        var validation = await WorkflowDefinitionRules.ValidateAsync(validator, db, stored.Read(), ct);
        if (!validation.IsValid) return Refused(definitionId, version, validation);

        await WorkflowDefinitionVersions.PublishAsync(db, stored, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        await schedules.SyncAsync(ct);
        return TypedResults.Ok(WorkflowDefinitionResponse.From(stored));
    }

    internal static async Task<Results<Ok<WorkflowSimulationResponse>, ValidationProblem, ProblemHttpResult>> SimulateAsync(
        string definitionId, WorkflowDefinitionSimulate request, AppDbContext db, WorkflowSimulator simulator, WorkflowContext context, TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var (from, until) = (request.From ?? now - WorkflowDefinitionSimulation.DefaultLookBack, request.Until ?? now + WorkflowDefinitionSimulation.DefaultLookAhead);
        if (WorkflowDefinitionSimulation.Check(request, from, until) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        var stored = await WorkflowDefinitionVersions.FindAsync(db, definitionId, request.Version, ct);
        if (stored is null) return NotFound(definitionId, request.Version);
        var memberIds = request.MemberIds!.Distinct().ToList();
        var known = await db.Members.Where(m => memberIds.Contains(m.Id)).Select(m => m.Id).ToListAsync(ct);
        if (memberIds.Except(known).ToList() is { Count: > 0 } missing)
            return Problems.ValidationFailed("memberIds", $"No member with id {string.Join(", ", missing)}.");

        var histories = await WorkflowDefinitionSimulation.HistoriesAsync(db, memberIds, from, until, now, ct, context);
        var options = new SimulationOptions(request.ReviewerOutcome, request.ReviewerDecisionDays is { } days ? TimeSpan.FromDays(days) : null);
        var result = await simulator.RunAsync(stored.Read(), histories, from, until, options, ct);
        return TypedResults.Ok(new WorkflowSimulationResponse(definitionId, stored.DefinitionVersion, from, until,
            [.. result.Members.Select(MemberSimulationResponse.From)]) { Findings = result.Findings });
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        string definitionId, int? version, AppDbContext db, CancellationToken ct)
    {
        var stored = await WorkflowDefinitionVersions.FindAsync(db, definitionId, version, ct);
        if (stored is null) return NotFound(definitionId, version);
        var json = System.Text.Encoding.UTF8.GetBytes(WorkflowDefinitionJson.Write(stored.Read()));
        return TypedResults.File(json, "application/json", $"{stored.DefinitionId}-v{stored.DefinitionVersion}.json");
    }

    /// <summary>
    /// Reads a body holding a definition (<paramref name="definitionOf"/> finds it): malformed JSON and values of
    /// the wrong type are refused before this, wrong shapes and unknown programs here, each naming its path.
    /// </summary>
    internal static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(
        JsonElement body, HttpContext http, AppDbContext db, Func<T, WorkflowDefinition?> definitionOf, string prefix, CancellationToken ct) where T : class
    {
        var (value, problem) = JsonBody.Read<T>(body, http);
        if (problem is not null) return (null, problem);
        if (value is null || definitionOf(value) is not { } definition)
            return (null, Problems.ValidationFailed(prefix.Length > 0 ? prefix.TrimEnd('.') : "$", "A workflow definition is required."));

        var errors = WorkflowDefinitionRules.Check(definition, prefix);
        if (errors.Count == 0 && definition.Program is { } program && !await db.Programs.AnyAsync(p => p.Code == program, ct))
            errors[prefix + "program"] = [$"No program with code '{program}'."];
        return errors.Count > 0 ? (null, Problems.ValidationFailed(errors)) : (value, null);
    }

    /// <summary>Publishing refused: every error keyed by its activity id (or <c>$</c> for the whole flow), and the full list.</summary>
    private static ValidationProblem Refused(string definitionId, int version, WorkflowValidation validation)
    {
        var errors = validation.Errors.GroupBy(p => p.ActivityId ?? "$").ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return TypedResults.ValidationProblem(errors, type: Problems.Validation,
            title: "The workflow cannot be published.",
            detail: $"Version {version} of '{definitionId}' has {validation.Errors.Count()} problem(s); fix them and publish again.",
            extensions: new Dictionary<string, object?> { ["problems"] = validation.Problems });
    }

    private static ProblemHttpResult NotFound(string definitionId, int? version = null) =>
        version is { } v ? Problems.NotFoundResult("workflow definition version", $"{definitionId} v{v}") : Problems.NotFoundResult("workflow definition", definitionId);
}
