using CredentialConnect.Connectors;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Workflows.Activities.Actions;
using CredentialConnect.Workflows.Activities.Human;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// The effects that change the hub itself. They run inside the step's transaction, so the change and the step that
/// asked for it commit together; a refusal is returned as a permanent outcome, never thrown, so one bad command
/// cannot hold up the events queued behind it.
/// </summary>
public sealed class InHubCommands(AppDbContext db, TimeProvider clock)
{
    public async Task<Outcome> RunAsync(WorkflowInstanceState state, Effect effect, CancellationToken cancellationToken) => effect.Kind switch
    {
        AwardCredential.EffectKind => await AwardAsync(state, effect, cancellationToken),
        UpdateApplication.EffectKind => await UpdateApplicationAsync(state, effect, cancellationToken),
        AddTag.EffectKind => await AddTagAsync(state, effect, cancellationToken),
        NotifyInPortal.EffectKind => Notify(state, effect),
        ApprovalTask.EffectKind => OpenTask(state, effect),
        _ => new Outcome.Permanent($"Workflow '{state.DefinitionId}' asked for '{effect.Kind}', which the hub does not know."),
    };

    private static string Actor(WorkflowInstanceState state) => $"workflow:{state.DefinitionId}";

    private async Task<Outcome> AwardAsync(WorkflowInstanceState state, Effect effect, CancellationToken cancellationToken)
    {
        var code = EffectPayload.Text(effect.Payload, "program") ?? state.Program;
        var program = await db.Programs.SingleOrDefaultAsync(p => p.Code == code, cancellationToken);
        if (program is null || state.MemberId is not { } memberId)
            return new Outcome.Permanent($"Cannot award: no program '{code}' or no member on instance {state.InstanceId}.");
        var decision = await new CredentialAwarding(db, clock, Actor(state))
            .AwardAsync(memberId, program, $"Awarded by workflow '{state.DefinitionId}'.", cancellationToken);
        return decision.Awarded ? new Outcome.Done(decision.Credential!.Number) : new Outcome.Permanent(decision.Explanation);
    }

    private async Task<Outcome> UpdateApplicationAsync(WorkflowInstanceState state, Effect effect, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<ApplicationStatus>(EffectPayload.Text(effect.Payload, "status"), out var to))
            return new Outcome.Permanent($"'{EffectPayload.Text(effect.Payload, "status")}' is not an application status.");
        var application = Guid.TryParse(state.CorrelationId, out var id)
            ? await db.Applications.Include(a => a.History).SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            : null;
        if (application is null) return new Outcome.Permanent($"Instance {state.InstanceId} is not about an application ('{state.CorrelationId}').");
        if (application.WhyNot(to) is { } why) return new Outcome.Permanent(why);

        var reason = EffectPayload.Text(effect.Payload, "reason") is { Length: > 0 } given ? given : $"Decided by workflow '{state.DefinitionId}'.";
        application.MoveTo(to, Actor(state), reason, effect.At);
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == application.ProgramId, cancellationToken);
        if (EventFor(to) is { } eventType)
            db.Raise(eventType, effect.At, application.MemberId, program.Id, new ApplicationEventData(application.Id, program.Code, Actor(state), reason));
        return new Outcome.Done(to.ToString());
    }

    private static string? EventFor(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Approved => DomainEventTypes.ApplicationApproved,
        ApplicationStatus.Rejected => DomainEventTypes.ApplicationRejected,
        _ => null,
    };

    private async Task<Outcome> AddTagAsync(WorkflowInstanceState state, Effect effect, CancellationToken cancellationToken)
    {
        var tag = EffectPayload.Text(effect.Payload, "tag");
        if (state.MemberId is not { } memberId || string.IsNullOrWhiteSpace(tag)) return new Outcome.Permanent("A tag needs a member and a name.");
        if (await db.MemberTags.AnyAsync(t => t.MemberId == memberId && t.Tag == tag, cancellationToken)) return new Outcome.AlreadyDone(tag);
        db.MemberTags.Add(new MemberTag { MemberId = memberId, Tag = tag, AddedAt = effect.At });
        return new Outcome.Done(tag);
    }

    private Outcome Notify(WorkflowInstanceState state, Effect effect)
    {
        var role = EffectPayload.Text(effect.Payload, "role");
        var notification = new PortalNotification
        {
            MemberId = role is null ? state.MemberId : null,
            Role = role,
            Title = EffectPayload.Text(effect.Payload, "title") ?? "",
            Message = EffectPayload.Text(effect.Payload, "message") ?? "",
            Link = EffectPayload.Text(effect.Payload, "link"),
            CreatedAt = effect.At,
        };
        db.PortalNotifications.Add(notification);
        return new Outcome.Done(notification.Id.ToString());
    }

    private Outcome OpenTask(WorkflowInstanceState state, Effect effect)
    {
        var key = EffectPayload.Text(effect.Payload, "taskId")!;
        var approval = state.Bookmarks.FirstOrDefault(b => b.Kind == BookmarkKind.Approval && b.Stimulus == key);
        var task = new WorkflowTask
        {
            TaskKey = key,
            InstanceId = state.InstanceId,
            ActivityId = approval?.ActivityId ?? "",
            AssigneeRole = EffectPayload.Text(effect.Payload, "assigneeRole") ?? "",
            AssigneeEmail = EffectPayload.Text(effect.Payload, "assigneeEmail"),
            MemberId = state.MemberId,
            CorrelationId = state.CorrelationId,
            DueAt = approval?.ResumeAt,
            CreatedAt = effect.At,
        };
        db.WorkflowTasks.Add(task);
        return new Outcome.Done(task.Id.ToString());
    }
}
