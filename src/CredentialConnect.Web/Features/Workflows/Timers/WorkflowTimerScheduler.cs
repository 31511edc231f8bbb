using CredentialConnect.Web.Features.Scheduling;
using CredentialConnect.Workflows.Runtime;
using Microsoft.Extensions.Options;
using Quartz;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// One Quartz trigger per bookmark, keyed by the bookmark's id, on the hub's scheduler (the clustered job store on
/// PostgreSQL, so exactly one node fires it). With scheduling off, as in tests, nothing is scheduled and
/// <see cref="WorkflowTimers.RunDueAsync"/> drives the timers.
/// </summary>
public sealed class WorkflowTimerScheduler(ISchedulerFactory schedulers, IOptions<HubSchedule> schedule)
{
    public static readonly JobKey ResumeJob = new("resume-bookmark", "workflows");
    public static readonly JobKey OverdueSweepJob = new("overdue-bookmarks", "workflows");
    public const string TriggerGroup = "workflow-bookmarks";
    public const string InstanceKey = "instanceId";
    public const string BookmarkKey = "bookmarkId";

    public static TriggerKey TriggerFor(Guid bookmarkId) => new(bookmarkId.ToString(), TriggerGroup);

    public async Task ApplyAsync(IReadOnlyList<(Guid InstanceId, Bookmark Bookmark)> scheduled, IReadOnlyList<Guid> unscheduled, CancellationToken cancellationToken)
    {
        if (!schedule.Value.Enabled) return;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        foreach (var bookmarkId in unscheduled) await scheduler.UnscheduleJob(TriggerFor(bookmarkId), cancellationToken);
        foreach (var (instanceId, bookmark) in scheduled)
        {
            var trigger = TriggerBuilder.Create().ForJob(ResumeJob).WithIdentity(TriggerFor(bookmark.Id))
                .UsingJobData(InstanceKey, instanceId.ToString()).UsingJobData(BookmarkKey, bookmark.Id.ToString())
                .StartAt(bookmark.ResumeAt!.Value)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, cancellationToken);
        }
    }
}
