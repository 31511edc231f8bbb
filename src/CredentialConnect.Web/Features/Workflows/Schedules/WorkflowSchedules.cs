using System.Text.Json.Nodes;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Scheduling;
using CredentialConnect.Workflows.Activities.Triggers;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Keeps one Quartz cron trigger per On schedule activity of each enabled, latest published flow, on the hub's
/// clustered scheduler, so each occurrence fires on one node. Publishing, republishing, disabling and enabling a flow
/// call <see cref="SyncAsync"/>; so does every node at start-up, which also drops the triggers of flows that are gone.
/// A "days before expiry" trigger without a cron of its own runs on <see cref="WorkflowOptions.ExpiryScheduleCron"/>.
/// </summary>
public sealed class WorkflowSchedules(ISchedulerFactory schedulers, IServiceScopeFactory scopes, IOptions<HubSchedule> schedule,
    IOptions<WorkflowOptions> options, ILogger<WorkflowSchedules> logger)
{
    public static readonly JobKey StartJob = new("start-scheduled-flow", "workflows");
    public const string TriggerGroup = "workflow-schedules";
    public const string DefinitionKey = "definitionId";
    public const string ActivityKey = "activityId";

    /// <summary>The cron triggers every enabled, latest published flow should have, by trigger key.</summary>
    public async Task<IReadOnlyDictionary<TriggerKey, (string DefinitionId, string ActivityId, string Cron)>> WantedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var rows = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.IsLatestPublished && !d.IsDisabled && db.WorkflowTriggers.Any(t => t.DefinitionVersionId == d.Id && t.TriggerType == OnSchedule.TriggerType))
            .ToListAsync(cancellationToken);
        var wanted = new Dictionary<TriggerKey, (string, string, string)>();
        foreach (var definition in rows.Select(r => r.Read()))
            foreach (var node in definition.Root.Activities.Where(a => a.Type == nameof(OnSchedule)))
                if (CronOf(node, options.Value.ExpiryScheduleCron) is { } cron)
                    wanted[KeyFor(definition.DefinitionId, node.Id)] = (definition.DefinitionId, node.Id, cron);
        return wanted;
    }

    /// <summary>Makes the scheduler's flow triggers match the flows: new ones added, changed ones replaced, stale ones removed.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        if (!schedule.Value.Enabled) return;
        var wanted = await WantedAsync(cancellationToken);
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var existing = await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(TriggerGroup), cancellationToken);
        var stale = existing.Where(k => !wanted.ContainsKey(k)).ToList();
        if (stale.Count > 0) await scheduler.UnscheduleJobs(stale, cancellationToken);

        var job = JobBuilder.Create<StartScheduledFlowJob>().WithIdentity(StartJob).StoreDurably().Build();
        foreach (var (key, (definitionId, activityId, cron)) in wanted)
        {
            // An unchanged trigger is left alone: replacing it would reset its next fire time on every node's start.
            if (await scheduler.GetTrigger(key, cancellationToken) is ICronTrigger current && current.CronExpressionString == cron) continue;
            var trigger = TriggerBuilder.Create().ForJob(StartJob).WithIdentity(key)
                .UsingJobData(DefinitionKey, definitionId).UsingJobData(ActivityKey, activityId)
                .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
                .Build();
            await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [job] = [trigger] }, new ScheduleJobOptions { Replace = true }, cancellationToken);
        }
        logger.LogInformation("Workflow schedules: {Count} flow trigger(s), {Stale} removed", wanted.Count, stale.Count);
    }

    public static TriggerKey KeyFor(string definitionId, string activityId) => new($"{definitionId}/{activityId}", TriggerGroup);

    private static string? CronOf(ActivityNode node, string expiryCron)
    {
        var cron = node.Inputs["cron"] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        if (cron is null && node.Inputs["daysBeforeExpiry"] is not null) cron = expiryCron;
        return cron is not null && IsValid(cron) ? cron : null;
    }

    private static bool IsValid(string cron)
    {
        try
        {
            _ = new CronExpression(cron);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>
/// Starts the instances of one schedule occurrence. Each start is keyed by the occurrence (and, for expiry schedules,
/// the credential and its expiry date), so the instance id is the same on every node: a second node, a misfire
/// replay or a rerun after an outage finds the instance there and starts nothing.
/// </summary>
public sealed class WorkflowScheduledStarts(IServiceScopeFactory scopes, ILogger<WorkflowScheduledStarts> logger)
{
    /// <summary>Runs occurrence <paramref name="occurrence"/> of the flow's <paramref name="activityId"/> trigger; returns how many instances it started.</summary>
    public async Task<int> RunOccurrenceAsync(string definitionId, string activityId, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        List<WorkflowTrigger> triggers;
        WorkflowDefinition definition;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.WorkflowDefinitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsLatestPublished, cancellationToken);
            // A flow disabled or replaced since the trigger was scheduled starts nothing.
            if (row is null || row.IsDisabled) return 0;
            definition = row.Read();
            if (definition.Root.Activities.FirstOrDefault(a => a.Id == activityId && a.Type == nameof(OnSchedule)) is not { } node) return 0;
            triggers = await TriggersAsync(db, definition, node, occurrence, cancellationToken);
        }

        var started = 0;
        foreach (var trigger in triggers)
            if (await StartOnceAsync(definition, trigger, cancellationToken)) started++;
        return started;
    }

    private static async Task<List<WorkflowTrigger>> TriggersAsync(AppDbContext db, WorkflowDefinition definition, ActivityNode node, DateTimeOffset occurrence,
        CancellationToken cancellationToken)
    {
        var data = new JsonObject { ["occurrence"] = occurrence };
        if (node.Inputs["daysBeforeExpiry"]?.GetValue<int>() is not { } days)
            return [new WorkflowTrigger(OnSchedule.TriggerType, null, definition.Program, null, data, occurrence) { OccurrenceKey = $"schedule/{node.Id}/{occurrence.UtcDateTime:O}" }];

        // Every live credential expiring within the next N days: one that is already inside the window when the flow
        // is published (a late joiner) still gets its start, once, keyed by the credential and its expiry date.
        var until = occurrence.AddDays(days);
        var query = db.Credentials.AsNoTracking()
            .Where(c => c.ExpiresAt > occurrence && c.ExpiresAt <= until && (c.Status == CredentialStatus.Active || c.Status == CredentialStatus.Expiring));
        if (definition.Program is { } code) query = query.Where(c => db.Programs.Any(p => p.Id == c.ProgramId && p.Code == code));
        var credentials = await query.Select(c => new { c.Id, c.MemberId, c.Number, c.ExpiresAt, Program = db.Programs.Where(p => p.Id == c.ProgramId).Select(p => p.Code).First() })
            .ToListAsync(cancellationToken);
        return [.. credentials.Select(c => new WorkflowTrigger(OnSchedule.TriggerType, c.MemberId, c.Program, c.Id.ToString(), new JsonObject
        {
            ["occurrence"] = occurrence,
            ["credentialId"] = c.Id,
            ["credentialNumber"] = c.Number,
            ["expiresAt"] = c.ExpiresAt,
            ["daysBeforeExpiry"] = days,
        }, occurrence) { OccurrenceKey = $"expiry/{node.Id}/{c.Id}/{c.ExpiresAt!.Value.UtcDateTime:O}" })];
    }

    private async Task<bool> StartOnceAsync(WorkflowDefinition definition, WorkflowTrigger trigger, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var unit = scope.ServiceProvider.GetRequiredService<WorkflowUnit>();
            return await unit.RunAsync(engine => engine.StartAsync(definition, trigger, cancellationToken), cancellationToken) is not null;
        }
        catch (DbUpdateException e)
        {
            // Another node started the same occurrence between our look and our insert: its instance is the one.
            logger.LogInformation(e, "Occurrence {Key} of '{DefinitionId}' was started elsewhere", trigger.OccurrenceKey, definition.DefinitionId);
            return false;
        }
    }
}

/// <summary>Fires one occurrence of a flow's On schedule trigger, at the time Quartz scheduled it (not the time it ran).</summary>
public sealed class StartScheduledFlowJob(WorkflowScheduledStarts starts) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        var occurrence = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        await starts.RunOccurrenceAsync(data.GetString(WorkflowSchedules.DefinitionKey)!, data.GetString(WorkflowSchedules.ActivityKey)!,
            new DateTimeOffset(occurrence.UtcDateTime.Ticks - occurrence.UtcDateTime.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero), cancellationToken);
    }
}

/// <summary>Brings the scheduler's flow triggers in line with the published flows when a node starts.</summary>
public sealed class WorkflowScheduleStartup(WorkflowSchedules schedules, ILogger<WorkflowScheduleStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await schedules.SyncAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A node that cannot reach the job store still serves; the next publish or start-up syncs again.
            logger.LogError(e, "Syncing workflow schedules failed");
        }
    }
}
