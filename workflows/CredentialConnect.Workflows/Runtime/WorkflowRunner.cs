using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Expressions;

namespace CredentialConnect.Workflows.Runtime;

/// <summary>
/// Interprets flowcharts. Every call takes the time it runs at from its arguments and returns a step; nothing is
/// read from or written to the world, so the host can commit each step in one transaction and the simulator can replay.
/// </summary>
public sealed class WorkflowRunner(ActivityRegistry registry, IScriptEvaluator scripts, ITemplateRenderer templates) : IWorkflowRunner
{
    private readonly InputReader _reader = new(scripts, templates);

    public WorkflowStep Start(WorkflowDefinition definition, WorkflowTrigger trigger, Guid instanceId)
    {
        var node = FindTrigger(definition, trigger)
            ?? throw new InvalidOperationException($"No trigger of workflow '{definition.DefinitionId}' starts on '{trigger.Type}'.");
        var state = new WorkflowInstanceState
        {
            InstanceId = instanceId,
            DefinitionId = definition.DefinitionId,
            DefinitionVersion = definition.Version,
            MemberId = trigger.MemberId,
            Program = trigger.Program ?? definition.Program,
            CorrelationId = trigger.CorrelationId,
            Input = (JsonObject)trigger.Data.DeepClone(),
            Context = (JsonObject)trigger.Context.DeepClone(),
            Variables = new JsonObject(definition.Variables.Select(v => KeyValuePair.Create(v.Name, v.Default?.DeepClone()))),
            TriggerId = instanceId,
            CreatedAt = trigger.At,
            UpdatedAt = trigger.At,
        };
        var run = NewRun(definition, state, trigger.At);
        run.Start(node);
        return run.Complete();
    }

    public WorkflowStep Restart(WorkflowDefinition definition, WorkflowInstanceState state, WorkflowTrigger trigger, Guid triggerId)
    {
        if (state.TriggerId == triggerId) return Unchanged(state);
        var node = FindTrigger(definition, trigger)
            ?? throw new InvalidOperationException($"No trigger of workflow '{definition.DefinitionId}' starts on '{trigger.Type}'.");
        var restarted = state with
        {
            DefinitionVersion = definition.Version,
            CorrelationId = trigger.CorrelationId ?? state.CorrelationId,
            Input = (JsonObject)trigger.Data.DeepClone(),
            Context = (JsonObject)trigger.Context.DeepClone(),
            TriggerId = triggerId,
        };
        var run = NewRun(definition, restarted, trigger.At);
        return run.Restart(node, trigger.Type) ? run.Complete() : Unchanged(state);
    }

    public WorkflowStep Resume(WorkflowDefinition definition, WorkflowInstanceState state, Guid bookmarkId, JsonObject? payload, DateTimeOffset at) =>
        Step(definition, state, at, run => run.Resume(bookmarkId, payload));

    public WorkflowStep Cancel(WorkflowInstanceState state, string reason, DateTimeOffset at) =>
        Step(new WorkflowDefinition { DefinitionId = state.DefinitionId, Version = state.DefinitionVersion, Name = state.DefinitionId, Root = new Flowchart() },
            state, at, run => run.Cancel(reason));

    public WorkflowStep Retry(WorkflowDefinition definition, WorkflowInstanceState state, Guid incidentId, DateTimeOffset at) =>
        Step(definition, state, at, run => run.Retry(incidentId));

    public WorkflowStep Skip(WorkflowDefinition definition, WorkflowInstanceState state, Guid incidentId, DateTimeOffset at) =>
        Skip(definition, state, incidentId, Ports.Done, at);

    public WorkflowStep Skip(WorkflowDefinition definition, WorkflowInstanceState state, Guid incidentId, string port, DateTimeOffset at)
    {
        var activityId = state.Incidents.FirstOrDefault(i => i.Id == incidentId)?.ActivityId;
        if (activityId is not null && PortsOf(definition, activityId) is { Count: > 0 } ports && !ports.Contains(port))
            throw new ArgumentException($"Activity '{activityId}' has no port '{port}'; it can leave through {string.Join(", ", ports)}.", nameof(port));
        return Step(definition, state, at, run => run.Skip(incidentId, port));
    }

    public IReadOnlyList<string> PortsOf(WorkflowDefinition definition, string activityId)
    {
        if (definition.Root.Activities.FirstOrDefault(a => a.Id == activityId) is not { } node) return [];
        // A node whose ports come from its connections (Fork) can leave through any port it is connected by.
        return registry.PortsOf(node) ?? [.. definition.Root.Connections.Where(c => c.Source.Activity == activityId).Select(c => c.Source.Port).Distinct()];
    }

    public WorkflowStep RecordIncident(WorkflowDefinition definition, WorkflowInstanceState state, string activityId, string message, DateTimeOffset at) =>
        Step(definition, state, at, run => run.RecordIncident(activityId, message));

    public WorkflowStep Acknowledge(WorkflowDefinition definition, WorkflowInstanceState state, Guid incidentId, string by, DateTimeOffset at) =>
        Step(definition, state, at, run => run.Acknowledge(incidentId, by));

    public bool Accepts(WorkflowDefinition definition, WorkflowTrigger trigger) => FindTrigger(definition, trigger) is not null;

    /// <summary>The trigger node that starts on <paramref name="trigger"/>; a filter that cannot run counts as false.</summary>
    private ActivityNode? FindTrigger(WorkflowDefinition definition, WorkflowTrigger trigger)
    {
        if (definition.Program is not null && trigger.Program is not null && definition.Program != trigger.Program) return null;
        var scope = new ExpressionScope(new Dictionary<string, object?>(), JsonPlain.ToDictionary(trigger.Data), trigger.At, JsonPlain.ToDictionary(trigger.Context));
        foreach (var node in definition.Root.Activities)
        {
            if (registry.FindType(node.Type) is not { Descriptor.IsTrigger: true } type) continue;
            var activity = type.Create();
            try
            {
                _reader.Bind(activity, type, node, scope);
            }
            catch (Exception e) when (e is ScriptException or InvalidOperationException)
            {
                continue;
            }
            if (((ITriggerActivity)activity).Accepts(trigger)) return node;
        }
        return null;
    }

    /// <summary>Nothing changes when <paramref name="act"/> finds nothing to do (a gone bookmark, an instance already over).</summary>
    private WorkflowStep Step(WorkflowDefinition definition, WorkflowInstanceState state, DateTimeOffset at, Func<FlowchartRun, bool> act)
    {
        var run = NewRun(definition, state, at);
        return act(run) ? run.Complete() : Unchanged(state);
    }

    private FlowchartRun NewRun(WorkflowDefinition definition, WorkflowInstanceState state, DateTimeOffset at) =>
        new(definition, state, at, registry, scripts, templates);

    public static WorkflowStep Unchanged(WorkflowInstanceState state) => new(state, [], [], [], []);
}
