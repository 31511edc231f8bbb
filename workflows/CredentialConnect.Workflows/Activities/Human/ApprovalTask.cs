using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Activities.Actions;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Activities.Human;

/// <param name="After">How long the task may wait before someone else is told.</param>
/// <param name="NotifyRole">Who is told: Admin, Reviewer or Member.</param>
public sealed record ApprovalEscalation(TimeSpan After, string NotifyRole);

/// <summary>
/// Asks a reviewer to decide. It emits an <c>approval-task</c> effect whose <c>taskId</c> is the approval bookmark's
/// stimulus; the host resumes it with <c>{"decision": "Approved|Rejected", "comment": "..."}</c>. Resumed without a
/// payload, the task is overdue.
/// </summary>
[Activity("Human", "Approval task", "Asks a reviewer to approve or reject, with a due date and an escalation.", IsWaiting = true)]
[Ports(Ports.Approved, Ports.Rejected, Ports.TimedOut)]
public sealed class ApprovalTask : Activity
{
    public const string EffectKind = "approval-task";

    [Input(Description = "The role whose members may decide, e.g. Reviewer.", Required = true)]
    public string AssigneeRole { get; set; } = "";

    [Input(Description = "The one person, by sign-in email, who may decide (besides an Admin); they must hold the assignee role. Empty: anyone in the role.")]
    public string? AssigneeEmail { get; set; }

    [Input(Description = "How long the reviewer has; after it the task leaves through TimedOut. Empty: no due date.", UIHint = UIHints.Duration)]
    public TimeSpan? DueIn { get; set; }

    [Input(Description = "Who to notify if the task is still open after a time, e.g. {\"after\": \"P5D\", \"notifyRole\": \"Admin\"}.",
        UIHint = UIHints.Escalation)]
    public ApprovalEscalation? Escalation { get; set; }

    [Output("Approved or Rejected.")]
    public string? Decision { get; set; }

    [Output("What the reviewer wrote.")]
    public string? Comment { get; set; }

    public override ActivityOutcome Execute(ActivityContext context)
    {
        var taskId = context.IdempotencyKey();
        var dueAt = context.Now + DueIn;
        context.CreateApproval(taskId, dueAt);
        if (Escalation is { } escalation) context.CreateTimer(context.Now + escalation.After, new JsonObject { ["escalation"] = true });
        context.Emit(EffectKind, new JsonObject
        {
            ["taskId"] = taskId,
            ["assigneeRole"] = AssigneeRole,
            ["assigneeEmail"] = string.IsNullOrWhiteSpace(AssigneeEmail) ? null : AssigneeEmail.Trim(),
            ["dueAt"] = dueAt,
            ["memberId"] = context.MemberId,
            ["correlationId"] = context.Instance.CorrelationId,
        });
        return ActivityOutcome.Wait;
    }

    public override ActivityOutcome Resume(ActivityContext context, Bookmark bookmark, JsonObject? payload)
    {
        if (bookmark.Kind == BookmarkKind.Timer)
        {
            context.Emit(NotifyInPortal.EffectKind, new JsonObject
            {
                ["role"] = Escalation?.NotifyRole,
                ["title"] = "An approval task is overdue",
                ["message"] = $"The {AssigneeRole} task {bookmark.ActivityId} is still open.",
                ["taskId"] = context.IdempotencyKey(),
                ["correlationId"] = context.Instance.CorrelationId,
            }, suffix: "escalation");
            return ActivityOutcome.Wait;
        }
        if (payload is null) return ActivityOutcome.Continue(Ports.TimedOut);

        var decision = payload["decision"]?.GetValue<string>();
        if (decision is not (Ports.Approved or Ports.Rejected))
            throw new InvalidOperationException($"A decision must be Approved or Rejected, not '{decision}'.");
        context.SetOutput("decision", decision);
        context.SetOutput("comment", payload["comment"]);
        return ActivityOutcome.Continue(decision);
    }
}
