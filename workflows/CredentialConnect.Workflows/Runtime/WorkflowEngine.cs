using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Activities.Flow;
using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Runtime;

/// <summary>
/// Connects the runner to the store: events start, resume and cancel instances; timers, reviewers and admins
/// resume, retry, skip and cancel them. Every change to an instance happens under its lock, and a second delivery
/// of the same event or timer finds nothing left to do.
/// </summary>
public sealed class WorkflowEngine(IWorkflowStore store, IWorkflowRunner runner)
{
    /// <summary>
    /// Reacts to a domain event: first it cancels the member's instances that stop on it (for a voiding, only those
    /// about the voided record), then resumes the waits it
    /// answers, then starts the flows it triggers. The instance id is derived from the definition and the event, so a
    /// repeated delivery finds its instance already there.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowStep>> HandleEventAsync(WorkflowTrigger trigger, CancellationToken cancellationToken = default)
    {
        var steps = new List<WorkflowStep>();
        if (trigger.MemberId is { } memberId)
        {
            foreach (var instanceId in await store.FindInstancesCancelledByAsync(trigger.Type, memberId, trigger.Voids ? trigger.CorrelationId : null, cancellationToken))
                if (await SameProgramAsync(instanceId, trigger, cancellationToken))
                    Add(steps, await CancelAsync(instanceId, $"{trigger.Type} arrived.", trigger.At, cancellationToken));
            foreach (var (instanceId, bookmarkId) in await store.FindBookmarksAsync(WaitForEvent.StimulusFor(trigger.Type, memberId), cancellationToken))
                Add(steps, await ResumeAsync(instanceId, bookmarkId, trigger.Data, trigger.At, cancellationToken));
        }
        foreach (var definition in await store.FindTriggeredAsync(trigger.Type, trigger.Program, cancellationToken))
            Add(steps, await StartAsync(definition, trigger, cancellationToken));
        return steps;
    }

    /// <summary>Starts <paramref name="definition"/> if one of its triggers accepts <paramref name="trigger"/> and this trigger has not started it before.</summary>
    public async Task<WorkflowStep?> StartAsync(WorkflowDefinition definition, WorkflowTrigger trigger, CancellationToken cancellationToken = default)
    {
        if (!runner.Accepts(definition, trigger)) return null;
        var instanceId = InstanceIdFor(definition, trigger);
        if (await store.LockInstanceAsync(instanceId, cancellationToken) is not null) return null;
        if (await LiveInstanceAsync(definition, trigger, cancellationToken) is { } live)
            return definition.InstancePolicy == InstancePolicy.RestartPerMemberAndProgram
                ? await WithInstanceAsync(live, (_, state) => runner.Restart(definition, state, trigger, instanceId), cancellationToken)
                : null;
        var step = runner.Start(definition, trigger, instanceId);
        await store.SaveAsync(step, cancellationToken);
        return await SettleCommandsAsync(definition, step, cancellationToken);
    }

    /// <summary>The member's live instance that <paramref name="trigger"/> must not start beside, under the definition's <see cref="InstancePolicy"/>.</summary>
    private async Task<Guid?> LiveInstanceAsync(WorkflowDefinition definition, WorkflowTrigger trigger, CancellationToken cancellationToken)
    {
        if (definition.InstancePolicy == InstancePolicy.Many || trigger.MemberId is not { } memberId) return null;
        foreach (var instanceId in await store.FindLiveInstancesAsync(definition.DefinitionId, memberId, cancellationToken))
        {
            if (await store.LockInstanceAsync(instanceId, cancellationToken) is not { } state) continue;
            var same = definition.InstancePolicy == InstancePolicy.OnePerCorrelation
                ? state.CorrelationId == trigger.CorrelationId
                : state.Program == (trigger.Program ?? definition.Program);
            if (same) return instanceId;
        }
        return null;
    }

    /// <summary>An event about one program stops only that program's flows: registering for one exam leaves another's nurture running.</summary>
    private async Task<bool> SameProgramAsync(Guid instanceId, WorkflowTrigger trigger, CancellationToken cancellationToken) =>
        trigger.Program is null || await store.LockInstanceAsync(instanceId, cancellationToken) is not { Program: { } program } || program == trigger.Program;

    /// <summary>Resumes a bookmark; nothing happens when the instance or the bookmark is gone.</summary>
    public Task<WorkflowStep?> ResumeAsync(Guid instanceId, Guid bookmarkId, JsonObject? payload, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WithInstanceAsync(instanceId, (definition, state) => runner.Resume(definition, state, bookmarkId, payload, at), cancellationToken);

    public Task<WorkflowStep?> CancelAsync(Guid instanceId, string reason, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WithInstanceAsync(instanceId, (_, state) => runner.Cancel(state, reason, at), cancellationToken);

    public Task<WorkflowStep?> RetryAsync(Guid instanceId, Guid incidentId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WithInstanceAsync(instanceId, (definition, state) => runner.Retry(definition, state, incidentId, at), cancellationToken);

    public Task<WorkflowStep?> SkipAsync(Guid instanceId, Guid incidentId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        SkipAsync(instanceId, incidentId, Ports.Done, at, cancellationToken);

    /// <summary>Leaves the failed activity through <paramref name="port"/>; a port it does not have throws <see cref="ArgumentException"/>.</summary>
    public Task<WorkflowStep?> SkipAsync(Guid instanceId, Guid incidentId, string port, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WithInstanceAsync(instanceId, (definition, state) => runner.Skip(definition, state, incidentId, port, at), cancellationToken);

    /// <summary>An open incident on <paramref name="activityId"/> for a failure found after its step committed (a refused webhook).</summary>
    public Task<WorkflowStep?> RecordIncidentAsync(Guid instanceId, string activityId, string message, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WithInstanceAsync(instanceId, (definition, state) => runner.RecordIncident(definition, state, activityId, message, at), cancellationToken);

    public Task<WorkflowStep?> AcknowledgeAsync(Guid instanceId, Guid incidentId, string by, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        WithInstanceAsync(instanceId, (definition, state) => runner.Acknowledge(definition, state, incidentId, by, at), cancellationToken);

    public static Guid InstanceIdFor(WorkflowDefinition definition, WorkflowTrigger trigger) =>
        trigger.OccurrenceKey is { } occurrence
            ? StableId.From(definition.DefinitionId, "occurrence", occurrence)
            : StableId.From(definition.DefinitionId, definition.Version.ToString(), trigger.Type, trigger.MemberId?.ToString() ?? "",
            trigger.Program ?? "", trigger.CorrelationId ?? "", trigger.At.ToString("O"), trigger.Data.ToJsonString());

    /// <summary>Runs <paramref name="act"/> on the locked instance and saves what it changed; null when there was nothing to do.</summary>
    private async Task<WorkflowStep?> WithInstanceAsync(Guid instanceId, Func<WorkflowDefinition, WorkflowInstanceState, WorkflowStep> act,
        CancellationToken cancellationToken)
    {
        if (await store.LockInstanceAsync(instanceId, cancellationToken) is not { } state) return null;
        var definition = await store.FindDefinitionAsync(state.DefinitionId, state.DefinitionVersion, cancellationToken)
            ?? throw new InvalidOperationException($"Instance {instanceId} is pinned to workflow '{state.DefinitionId}' version {state.DefinitionVersion}, which does not exist.");
        var step = act(definition, state);
        if (step.Journal.Count == 0) return null;
        await store.SaveAsync(step, cancellationToken);
        return await SettleCommandsAsync(definition, step, cancellationToken);
    }

    /// <summary>
    /// Answers the in-hub commands a saved step waits on (the store ran them when it saved the step), resuming each
    /// wait with its outcome until none is left, and returns everything that happened as one step.
    /// </summary>
    private async Task<WorkflowStep> SettleCommandsAsync(WorkflowDefinition definition, WorkflowStep step, CancellationToken cancellationToken)
    {
        var merged = step;
        while (merged.State.Bookmarks.FirstOrDefault(b => b.Kind == BookmarkKind.Command) is { Stimulus: { } key } command)
        {
            var outcome = await store.CommandOutcomeAsync(merged.State, key, cancellationToken);
            var next = runner.Resume(definition, merged.State, command.Id, outcome.ToPayload(), merged.State.UpdatedAt);
            if (next.Journal.Count == 0) break;
            await store.SaveAsync(next, cancellationToken);
            merged = Merge(merged, next);
        }
        return merged;
    }

    private static WorkflowStep Merge(WorkflowStep first, WorkflowStep then)
    {
        var created = first.BookmarksCreated.Concat(then.BookmarksCreated).ToList();
        var removed = first.BookmarksRemoved.Concat(then.BookmarksRemoved).ToList();
        var createdIds = created.Select(b => b.Id).ToHashSet();
        var removedIds = removed.Select(b => b.Id).ToHashSet();
        return new WorkflowStep(then.State, [.. first.Effects, .. then.Effects], [.. first.Journal, .. then.Journal],
            [.. created.Where(b => !removedIds.Contains(b.Id))], [.. removed.Where(b => !createdIds.Contains(b.Id))]);
    }

    private static void Add(List<WorkflowStep> steps, WorkflowStep? step)
    {
        if (step is not null) steps.Add(step);
    }
}
