using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Simulation;
using CredentialConnect.Workflows.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CredentialConnect.Web.Features.Workflows;

public static class WorkflowDefinitionsModule
{
    /// <summary>What designing workflows needs: the activity catalogue, the real expression engines, validation and simulation.</summary>
    public static IHostApplicationBuilder AddWorkflowDefinitions(this IHostApplicationBuilder builder)
    {
        // The runtime is pure and stateless, so one of each serves every request. TryAdd: the engine host registers the same.
        builder.Services.TryAddSingleton(ActivityRegistry.Default);
        builder.Services.TryAddSingleton<IScriptEvaluator>(_ => new JintScriptEvaluator());
        builder.Services.TryAddSingleton<ITemplateRenderer, FluidTemplateRenderer>();
        builder.Services.TryAddSingleton<IWorkflowRunner, WorkflowRunner>();
        builder.Services.TryAddSingleton<WorkflowValidator>();
        builder.Services.TryAddSingleton<WorkflowSimulator>();
        return builder;
    }
}
