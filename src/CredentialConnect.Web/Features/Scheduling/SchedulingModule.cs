using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Sync;
using Quartz;

namespace CredentialConnect.Web.Features.Scheduling;

public sealed class HubSchedule
{
    public const string Section = "Scheduling";

    /// <summary>Off in tests, which run jobs themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often partner feeds are polled.</summary>
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>When the nightly member reconciliation runs (Quartz cron, UTC).</summary>
    public string ReconciliationCron { get; set; } = "0 0 3 * * ?";

    /// <summary>When the daily credential status sweep runs (Quartz cron, UTC).</summary>
    public string StatusSweepCron { get; set; } = "0 0 2 * * ?";
}

public static class SchedulingModule
{
    public static readonly JobKey SyncAll = new("sync-all", "sync");
    public static readonly JobKey SyncConnector = new("sync-connector", "sync");
    public static readonly JobKey Reconcile = new("reconcile-members", "sync");
    public static readonly JobKey StatusSweep = new("credential-status-sweep", "credentials");
    public static readonly JobKey IssueMissingBadges = new("issue-missing-badges", "badges");

    /// <summary>
    /// Quartz runs every durable timer. On PostgreSQL it uses the clustered ADO job store, so several hub nodes
    /// share one schedule and each trigger fires on exactly one node; the embedded default keeps its single
    /// node's schedule in memory.
    /// </summary>
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(HubSchedule.Section).Get<HubSchedule>() ?? new HubSchedule();
        var postgres = builder.Configuration.GetConnectionString(DataModule.ConnectionStringName);

        builder.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = "CredentialConnect");
            if (!string.IsNullOrWhiteSpace(postgres))
            {
                q.UsePersistentStore(store =>
                {
                    store.UsePostgres(postgres);
                    store.UseClustering(_ => { });
                    // Quartz creates and upgrades its own qrtz_ tables; our migrations own everything else.
                    store.ProvisionSchema();
                });
            }

            q.AddJob<SyncAllJob>(j => j.WithIdentity(SyncAll).StoreDurably().DisallowConcurrentExecution());
            q.AddTrigger(t => t.ForJob(SyncAll).WithIdentity("sync-all-every-interval", "sync")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(10))
                .WithSimpleSchedule(options.SyncInterval));
            q.AddJob<SyncConnectorJob>(j => j.WithIdentity(SyncConnector).StoreDurably().DisallowConcurrentExecution());
            q.AddJob<ReconcileMembersJob>(j => j.WithIdentity(Reconcile).StoreDurably().DisallowConcurrentExecution());
            q.AddTrigger(t => t.ForJob(Reconcile).WithIdentity("reconcile-nightly", "sync")
                .WithCronSchedule(options.ReconciliationCron));
            q.AddJob<Recertification.CredentialStatusSweepJob>(j => j.WithIdentity(StatusSweep).StoreDurably().DisallowConcurrentExecution());
            q.AddTrigger(t => t.ForJob(StatusSweep).WithIdentity("credential-status-sweep-daily", "credentials")
                .WithCronSchedule(options.StatusSweepCron, cron => cron.InTimeZone(TimeZoneInfo.Utc)));
            q.AddJob<Badges.IssueMissingBadgesJob>(j => j.WithIdentity(IssueMissingBadges).StoreDurably().DisallowConcurrentExecution());
            q.AddTrigger(t => t.ForJob(IssueMissingBadges).WithIdentity("issue-missing-badges-every-minute", "badges")
                .StartAt(DateTimeOffset.UtcNow.AddSeconds(20)).WithSimpleSchedule(TimeSpan.FromMinutes(1)));
        });
        if (options.Enabled)
            builder.AddQuartzHostedService(q => q.WaitForJobsToComplete = true);
        builder.Services.AddOptions<HubSchedule>().BindConfiguration(HubSchedule.Section);
        return builder;
    }
}

/// <summary>Polls every configured partner feed. Never runs twice at once, even across nodes.</summary>
public sealed class SyncAllJob(SyncEngine sync) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sync.RunAllAsync(SyncTriggers.Schedule, cancellationToken);
}

/// <summary>Runs one connector's feeds now, when staff ask for it.</summary>
public sealed class SyncConnectorJob(SyncEngine sync) : IJob
{
    public const string ConnectorKey = "connector";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sync.RunConnectorAsync(context.MergedJobDataMap.GetString(ConnectorKey)!, SyncTriggers.OnDemand, cancellationToken);
}

/// <summary>The nightly full read of each AMS, which catches missed updates and deletions.</summary>
public sealed class ReconcileMembersJob(SyncEngine sync, IServiceScopeFactory scopes) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        List<string> connectors;
        using (var scope = scopes.CreateScope())
            connectors = scope.ServiceProvider.GetRequiredService<Connectors.ConnectorCatalog>().MemberSources.Select(s => s.Name).ToList();
        foreach (var connector in connectors) await sync.ReconcileMembersAsync(connector, cancellationToken);
    }
}
