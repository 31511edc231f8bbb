using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>The designer's palette: one group per category, each activity with the inputs its property form shows.</summary>
public sealed record ActivityCatalog(IReadOnlyList<ActivityCategory> Categories)
{
    /// <summary>The roles a task can be assigned to or a notification sent to.</summary>
    public IReadOnlyList<string> Roles { get; init; } = WorkflowRoles.All;

    /// <summary>The names every expression can read; each expression input lists its own in its scope.</summary>
    public IReadOnlyList<ScopeVariable> ExpressionScope { get; init; } = ExpressionNames.InScope;
}

public sealed record ActivityCategory(string Name, IReadOnlyList<ActivityDescriptor> Activities);

public static class WorkflowActivitiesApi
{
    public static WebApplication MapWorkflowActivitiesApi(this WebApplication app)
    {
        app.MapGet("/api/v1/workflow-activities", List)
            .RequireAuthorization(AccessPolicies.ProgramsRead)
            .WithTags("Workflows")
            .WithName("ListWorkflowActivities")
            .WithSummary("Lists the activities a workflow can use, grouped by category; ?category= keeps one group.");
        // The events the activities' event inputs name are the designer's other catalogue.
        app.MapWorkflowEventsApi();
        return app;
    }

    internal static Results<Ok<ActivityCatalog>, ValidationProblem> List(string? category, ActivityRegistry registry)
    {
        var groups = registry.Descriptors
            .GroupBy(d => d.Category)
            .Select(g => new ActivityCategory(g.Key, [.. g]))
            .ToList();
        if (string.IsNullOrWhiteSpace(category)) return TypedResults.Ok(new ActivityCatalog(groups));

        var chosen = groups.Where(g => string.Equals(g.Name, category.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return chosen.Count > 0
            ? TypedResults.Ok(new ActivityCatalog(chosen))
            : Problems.ValidationFailed("category", $"No category '{category}'. Categories: {string.Join(", ", groups.Select(g => g.Name))}.");
    }
}
