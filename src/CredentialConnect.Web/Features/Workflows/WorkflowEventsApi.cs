using CredentialConnect.Web.Features.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>The designer's event picker: every event a flow can start on, wait for or cancel on, with its data fields.</summary>
public sealed record WorkflowEventCatalogResponse(IReadOnlyList<WorkflowEventDescriptor> Events);

public static class WorkflowEventsApi
{
    public static WebApplication MapWorkflowEventsApi(this WebApplication app)
    {
        app.MapGet("/api/v1/workflow-events", List)
            .RequireAuthorization(AccessPolicies.ProgramsRead)
            .WithTags("Workflows")
            .WithName("ListWorkflowEvents")
            .WithSummary("Lists the domain events a workflow can start on, wait for or cancel on, each with the fields of its data.");
        return app;
    }

    internal static Ok<WorkflowEventCatalogResponse> List() => TypedResults.Ok(new WorkflowEventCatalogResponse(WorkflowEventCatalog.All));
}
