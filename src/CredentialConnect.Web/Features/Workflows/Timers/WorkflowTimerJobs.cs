using Quartz;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Fires one bookmark's timer. Concurrent fires are allowed: the instance's row lock serializes them, and the
/// second finds the bookmark gone.
/// </summary>
public sealed class ResumeBookmarkJob(WorkflowTimers timers) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var data = context.MergedJobDataMap;
        await timers.ResumeAsync(Guid.Parse(data.GetString(WorkflowTimerScheduler.InstanceKey)!),
            Guid.Parse(data.GetString(WorkflowTimerScheduler.BookmarkKey)!), cancellationToken);
    }
}

/// <summary>Resumes timers whose Quartz trigger did not fire in time.</summary>
[DisallowConcurrentExecution]
public sealed class OverdueBookmarksJob(WorkflowTimers timers) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await timers.SweepOverdueAsync(cancellationToken);
}
