using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Scheduling;
using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Quartz;

namespace CredentialConnect.Web.Features.Workflows;

public static class WorkflowsModule
{
    /// <summary>The workflow runtime in the host: the engine over the hub's database, events in, effects out, timers on Quartz.</summary>
    public static IHostApplicationBuilder AddWorkflows(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.Section);
        builder.Services.AddScoped<WorkflowContext>();
        // "/{definitionId:workflowId}" matches only a possible id, so "/import" and "/validate" answer 405 to other methods.
        builder.Services.AddRouting(o => o.SetParameterPolicy<WorkflowDefinitionIdConstraint>("workflowId"));

        // The runtime: activities, sandboxed scripts, Liquid templates and the pure runner.
        builder.AddWorkflowRuntime();

        // One unit of work per scope: the store, its effects and the engine share the scope's AppDbContext.
        builder.Services.AddScoped<EfWorkflowStore>();
        builder.Services.AddScoped<IWorkflowStore>(sp => sp.GetRequiredService<EfWorkflowStore>());
        builder.Services.AddScoped<WorkflowEngine>();
        builder.Services.AddScoped<WorkflowEffects>();
        builder.Services.AddScoped<InHubCommands>();
        builder.Services.AddScoped<EarlyEvents>();
        builder.Services.AddScoped<WorkflowUnit>();

        // Effects delivered by the outbox: webhooks have their own channel (email and community have theirs).
        // Webhooks reach only public addresses (or those allowed), checked as each connection opens; no redirects.
        builder.Services.AddSingleton(sp => new WebhookAddressGuard(sp.GetRequiredService<IOptions<WorkflowOptions>>().Value.Webhooks.AllowedHosts));
        builder.Services.AddHttpClient(WorkflowWebhookChannel.Kind, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = (context, ct) => sp.GetRequiredService<WebhookAddressGuard>().ConnectAsync(context.DnsEndPoint, ct),
            });
        builder.Services.AddKeyedScoped<IOutboxChannel, WorkflowWebhookChannel>(WorkflowWebhookChannel.Kind);
        // A workflow message that could not be delivered becomes an incident on the step that sent it.
        builder.Services.AddScoped<IDeadLetterObserver, WorkflowDeliveryIncidents>();
        // In-hub commands run at once; a refused one is dead-lettered and runs again only when staff replay it.
        foreach (var kind in InHubCommandReplay.Kinds) builder.Services.AddKeyedScoped<IOutboxChannel, InHubCommandReplay>(kind);

        // Timers: scheduled on Quartz once the unit of work commits (the queue hears the commit), swept when overdue.
        builder.Services.AddSingleton<WorkflowTimerScheduler>();
        builder.Services.AddScoped<WorkflowTimerQueue>();
        builder.Services.AddScoped<IInterceptor>(sp => sp.GetRequiredService<WorkflowTimerQueue>());
        builder.Services.AddSingleton<WorkflowTimers>();
        // On schedule triggers: one cron trigger per flow activity on the clustered scheduler, synced at start-up and on publish.
        builder.Services.AddSingleton<WorkflowSchedules>();
        builder.Services.AddSingleton<WorkflowScheduledStarts>();
        builder.Services.AddHostedService<WorkflowScheduleStartup>();

        var sweep = builder.Configuration.GetSection(WorkflowOptions.Section).Get<WorkflowOptions>()?.OverdueSweepInterval ?? new WorkflowOptions().OverdueSweepInterval;
        builder.Services.AddQuartz(q =>
        {
            q.AddJob<ResumeBookmarkJob>(j => j.WithIdentity(WorkflowTimerScheduler.ResumeJob).StoreDurably());
            q.AddJob<StartScheduledFlowJob>(j => j.WithIdentity(WorkflowSchedules.StartJob).StoreDurably());
            q.AddJob<OverdueBookmarksJob>(j => j.WithIdentity(WorkflowTimerScheduler.OverdueSweepJob).StoreDurably().DisallowConcurrentExecution());
            q.AddTrigger(t => t.ForJob(WorkflowTimerScheduler.OverdueSweepJob).WithIdentity("overdue-bookmarks-sweep", "workflows")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(30)).WithSimpleSchedule(s => s.WithInterval(sweep).RepeatForever()));
        });
        return builder;
    }

    public static WebApplication MapWorkflowsApi(this WebApplication app)
    {
        app.MapWorkflowInstancesApi();
        app.MapWorkflowTasksApi();
        app.MapWorkflowDefinitionLifecycleApi();
        return app;
    }
}
