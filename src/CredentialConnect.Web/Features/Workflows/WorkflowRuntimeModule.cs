using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Simulation;
using CredentialConnect.Workflows.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CredentialConnect.Web.Features.Workflows;

public static class WorkflowRuntimeModule
{
    /// <summary>
    /// The runtime itself: the activity catalogue, the real expression engines, the runner, validation and simulation.
    /// It is pure and stateless, so one of each serves every request; the engine host and the designer's API share them.
    /// </summary>
    public static IHostApplicationBuilder AddWorkflowRuntime(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(ActivityRegistry.Default);
        builder.Services.TryAddSingleton<IScriptEvaluator>(_ => new JintScriptEvaluator());
        builder.Services.TryAddSingleton<ITemplateRenderer, FluidTemplateRenderer>();
        builder.Services.TryAddSingleton<IWorkflowRunner, WorkflowRunner>();
        // Validation checks event names against the hub's catalogue and roles against its roles.
        builder.Services.TryAddSingleton(new WorkflowVocabulary(WorkflowEventCatalog.Types, WorkflowRoles.All));
        builder.Services.TryAddSingleton<WorkflowValidator>();
        builder.Services.TryAddSingleton<WorkflowSimulator>();
        return builder;
    }
}
