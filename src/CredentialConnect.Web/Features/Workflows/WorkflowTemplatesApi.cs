using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

/// <param name="Name">What to create a flow from: application-approval, failed-exam-nurture, recertification-reminders.</param>
/// <param name="StartedBy">The events that start it.</param>
public sealed record WorkflowTemplateSummary(string Name, string DisplayName, string? Description, string[] StartedBy);

/// <param name="Program">The code of the program the new flow serves.</param>
public sealed record WorkflowTemplateUse(string? Program);

/// <summary>The flows the hub ships, and a program's own draft copy of one: <c>{program}-{template}</c>, to change and publish.</summary>
public static class WorkflowTemplatesApi
{
    public static WebApplication MapWorkflowTemplatesApi(this WebApplication app)
    {
        var templates = app.MapGroup("/api/v1/workflow-templates").WithTags("Workflows");
        templates.MapGet("/", List).RequireAuthorization(AccessPolicies.WorkflowsRead).WithName("ListWorkflowTemplates")
            .WithSummary("The flows the hub ships: approval, failed-exam nurture and recertification reminders.");
        templates.MapPost("/{name}/use", UseAsync).RequireAuthorization(AccessPolicies.WorkflowsAdmin).WithName("UseWorkflowTemplate")
            .WithSummary("Creates a program's own draft flow from a template, as {program}-{template}; 409 when the program already has it.");
        return app;
    }

    // The templates are embedded in the host and never change while it runs: read and parsed once.
    private static readonly Lazy<WorkflowTemplateSummary[]> Summaries = new(() => WorkflowSeeding.TemplateNames.Select(name =>
    {
        var template = WorkflowSeeding.LoadTemplate(name);
        var events = template.Root.Activities.Where(a => a.Type == "OnEvent").Select(a => a.Inputs["eventType"]?.ToString()).OfType<string>();
        return new WorkflowTemplateSummary(name, template.Name, template.Description, [.. events]);
    }).ToArray());

    internal static Ok<WorkflowTemplateSummary[]> List() => TypedResults.Ok(Summaries.Value);

    internal static async Task<Results<Created<WorkflowDefinitionResponse>, ValidationProblem, ProblemHttpResult>> UseAsync(
        string name, WorkflowTemplateUse request, AppDbContext db, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        if (!WorkflowSeeding.TemplateNames.Contains(name))
            return Problems.NotFoundResult("workflow template", name);
        if (string.IsNullOrWhiteSpace(request.Program) || !await db.Programs.AnyAsync(p => p.Code == request.Program, ct))
            return Problems.ValidationFailed("program", $"No program has the code '{request.Program}'.");
        var definition = WorkflowSeeding.ForProgram(name, request.Program);
        if (await db.WorkflowDefinitions.AnyAsync(d => d.DefinitionId == definition.DefinitionId, ct))
            return Problems.ConflictResult($"Program {request.Program} already has '{definition.DefinitionId}'. Open it in the designer to change it.");
        var draft = WorkflowDefinitionVersions.AddDraft(db, definition, 1, actor.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/workflow-definitions/{draft.DefinitionId}", WorkflowDefinitionResponse.From(draft));
    }
}
