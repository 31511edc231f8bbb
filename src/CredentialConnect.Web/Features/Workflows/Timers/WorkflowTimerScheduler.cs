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

    /// <summary>
    /// Applies a unit of work's timers in two calls, each one job-store transaction however many triggers it carries:
    /// the removed bookmarks' triggers are deleted together and the new ones stored together.
    /// </summary>
    public async Task ApplyAsync(IReadOnlyList<(Guid InstanceId, Bookmark Bookmark)> scheduled, IReadOnlyList<Guid> unscheduled, CancellationToken cancellationToken)
    {
        if (!schedule.Value.Enabled) return;
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (unscheduled.Count > 0) await scheduler.UnscheduleJobs([.. unscheduled.Select(TriggerFor)], cancellationToken);
        if (scheduled.Count == 0) return;
        var triggers = scheduled.Select(s => TriggerBuilder.Create().ForJob(ResumeJob).WithIdentity(TriggerFor(s.Bookmark.Id))
                .UsingJobData(InstanceKey, s.InstanceId.ToString()).UsingJobData(BookmarkKey, s.Bookmark.Id.ToString())
                .StartAt(s.Bookmark.ResumeAt!.Value)
                .WithSimpleSchedule(t => t.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build())
            .ToList();
        // The job is the one registered at start-up; storing it again with its triggers replaces it with itself.
        var job = JobBuilder.Create<ResumeBookmarkJob>().WithIdentity(ResumeJob).StoreDurably().Build();
        await scheduler.ScheduleJobs(new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>> { [job] = triggers }, new ScheduleJobOptions { Replace = true }, cancellationToken);
    }
}
