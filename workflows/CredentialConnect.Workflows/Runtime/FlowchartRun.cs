using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Expressions;

namespace CredentialConnect.Workflows.Runtime;

/// <summary>
/// One step of one instance: tokens move through the flowchart until every branch waits, the flow ends or an
/// activity faults. It only collects what happened; <see cref="Complete"/> turns that into a <see cref="WorkflowStep"/>.
/// </summary>
internal sealed class FlowchartRun
{
    public const string WorkflowActivityId = "workflow";
    private const string WorkflowActivityType = "Workflow";

    private readonly WorkflowDefinition _definition;
    private readonly WorkflowInstanceState _instance;
    private readonly DateTimeOffset _at;
    private readonly ActivityRegistry _registry;
    private readonly InputReader _reader;
    private readonly IScriptEvaluator _scripts;
    private readonly FlowGraph _graph;
    private readonly ExecutionState _execution;
    private readonly List<Bookmark> _bookmarks;
    private readonly List<Incident> _incidents;
    private readonly Queue<Token> _queue = new();
    private readonly List<Effect> _effects = [];
    private readonly List<JournalEntry> _journal = [];
    private readonly List<Bookmark> _created = [];
    private readonly List<Bookmark> _removed = [];
    private JsonObject _variables;
    private WorkflowStatus _status;

    public FlowchartRun(WorkflowDefinition definition, WorkflowInstanceState instance, DateTimeOffset at,
        ActivityRegistry registry, IScriptEvaluator scripts, ITemplateRenderer templates)
    {
        _definition = definition;
        _instance = instance;
        _at = at;
        _registry = registry;
        _scripts = scripts;
        _reader = new InputReader(scripts, templates);
        _graph = new FlowGraph(definition.Root);
        _execution = ExecutionState.Read(instance.Execution);
        _bookmarks = [.. instance.Bookmarks];
        _incidents = [.. instance.Incidents];
        _variables = (JsonObject)instance.Variables.DeepClone();
        _status = instance.Status;
    }

    public void Start(ActivityNode trigger)
    {
        Journal(WorkflowActivityId, WorkflowActivityType, "Started", message: _definition.Name);
        _queue.Enqueue(new Token(trigger.Id, null));
    }

    /// <summary>Starts a live instance again at <paramref name="trigger"/>: every wait ends; false when the instance is over.</summary>
    public bool Restart(ActivityNode trigger, string eventType)
    {
        if (_status is not (WorkflowStatus.Running or WorkflowStatus.Suspended)) return false;
        Journal(WorkflowActivityId, WorkflowActivityType, "Restarted", message: $"{eventType} arrived while the flow ran; it starts again from it.");
        EndInstance(WorkflowStatus.Running);
        _queue.Enqueue(new Token(trigger.Id, null));
        return true;
    }

    /// <summary>False, changing nothing, when the instance is over or the bookmark is gone.</summary>
    public bool Resume(Guid bookmarkId, JsonObject? payload)
    {
        if (_status is not (WorkflowStatus.Running or WorkflowStatus.Suspended)) return false;
        if (_bookmarks.FirstOrDefault(b => b.Id == bookmarkId) is not { } bookmark) return false;

        _status = WorkflowStatus.Running;
        RemoveBookmarks(b => b.Id == bookmarkId);
        var token = new Token(bookmark.ActivityId, null);
        if (!_graph.Nodes.TryGetValue(bookmark.ActivityId, out var node))
        {
            Fail(token, bookmark.ActivityId, "Unknown", new InvalidOperationException($"Activity '{bookmark.ActivityId}' is not in version {_definition.Version}."));
            return true;
        }
        // A command's answer comes in the same unit of work; the journal shows the step once, as Completed or Faulted.
        if (bookmark.Kind != BookmarkKind.Command) Journal(node.Id, node.Type, "Resumed", message: bookmark.Kind.ToString());
        Run(node, token, _execution.Visits.GetValueOrDefault(node.Id, 1), (activity, context) => activity.Resume(context, bookmark, payload));
        return true;
    }

    /// <summary>Runs a faulted activity again with the same visit, so its effects keep their idempotency keys.</summary>
    public bool Retry(Guid incidentId)
    {
        if (!TakeFaulted(incidentId, out var incident, out var token)) return false;
        Journal(incident.ActivityId, incident.ActivityType, "Retried");
        if (_graph.Nodes.TryGetValue(token.Activity, out var node))
            Run(node, token, _execution.Visits.GetValueOrDefault(node.Id, 1), (activity, context) => activity.Execute(context));
        else
            Fail(token, token.Activity, incident.ActivityType, new InvalidOperationException($"Activity '{token.Activity}' is not in version {_definition.Version}."));
        if (_status != WorkflowStatus.Faulted) Resolve(incident);
        return true;
    }

    /// <summary>Leaves a faulted activity through <paramref name="port"/> without running it.</summary>
    public bool Skip(Guid incidentId, string port)
    {
        if (!TakeFaulted(incidentId, out var incident, out var token)) return false;
        Journal(incident.ActivityId, incident.ActivityType, "Skipped", port);
        Resolve(incident);
        Follow(token.Activity, port);
        return true;
    }

    /// <summary>
    /// Records a failure the host found after the step that caused it had committed (a webhook the partner refused,
    /// an email that could not be delivered): an open incident on that activity. The path has already moved on, so
    /// nothing else changes.
    /// </summary>
    public bool RecordIncident(string activityId, string message)
    {
        var activityType = _graph.Nodes.TryGetValue(activityId, out var node) ? node.Type : "Unknown";
        var text = $"Activity '{activityId}' ({activityType}) failed: {message}";
        var open = _incidents.FindIndex(i => !i.Resolved && i.ActivityId == activityId && i.Message == text);
        if (open >= 0) return false;
        _incidents.Add(new Incident(StableId.From(_instance.InstanceId.ToString(), activityId, text, "delivery-incident"),
            activityId, activityType, text, _at, Attempts: 1));
        Journal(activityId, activityType, "Faulted", message: text);
        return true;
    }

    /// <summary>Marks an open incident handled without running anything; one that holds the instance faulted is retried or skipped instead.</summary>
    public bool Acknowledge(Guid incidentId, string by)
    {
        if (_incidents.FirstOrDefault(i => i.Id == incidentId && !i.Resolved) is not { } incident) return false;
        if (_status == WorkflowStatus.Faulted && _execution.Faulted?.Activity == incident.ActivityId) return false;
        Journal(incident.ActivityId, incident.ActivityType, "Resolved", message: $"Marked handled by {by}.");
        Resolve(incident);
        return true;
    }

    public bool Cancel(string reason)
    {
        if (_status is WorkflowStatus.Finished or WorkflowStatus.Cancelled) return false;
        Journal(WorkflowActivityId, WorkflowActivityType, "Cancelled", message: reason);
        EndInstance(WorkflowStatus.Cancelled);
        return true;
    }

    public WorkflowStep Complete()
    {
        while (_status == WorkflowStatus.Running && _queue.TryDequeue(out var token)) Execute(token);
        if (_status == WorkflowStatus.Running)
        {
            _status = _bookmarks.Count > 0 ? WorkflowStatus.Suspended : WorkflowStatus.Finished;
            if (_status == WorkflowStatus.Finished) Journal(WorkflowActivityId, WorkflowActivityType, "Finished");
        }

        var state = _instance with
        {
            Status = _status,
            Variables = _variables,
            Bookmarks = [.. _bookmarks],
            Incidents = [.. _incidents],
            Execution = _execution.Write(),
            UpdatedAt = _at,
        };
        var createdIds = _created.Select(b => b.Id).ToHashSet();
        var removedIds = _removed.Select(b => b.Id).ToHashSet();
        return new WorkflowStep(state, [.. _effects], [.. _journal],
            [.. _created.Where(b => !removedIds.Contains(b.Id))],
            [.. _removed.Where(b => !createdIds.Contains(b.Id))]);
    }

    private void Execute(Token token)
    {
        if (!_graph.Nodes.TryGetValue(token.Activity, out var node))
        {
            Fail(token, token.Activity, "Unknown", new InvalidOperationException($"Activity '{token.Activity}' is not in the definition."));
            return;
        }
        var visit = _execution.Visits[node.Id] = _execution.Visits.GetValueOrDefault(node.Id) + 1;
        Run(node, token, visit, (activity, context) => activity.Execute(context));
    }

    private void Run(ActivityNode node, Token token, int visit, Func<Activity, ActivityContext, ActivityOutcome> step)
    {
        var context = new ActivityContext(_instance, node.Id, visit, _at, (JsonObject)_variables.DeepClone(), _scripts, _graph,
            token.From, _execution.ArrivalsAt(node.Id));
        ActivityOutcome outcome;
        try
        {
            var type = _registry.FindType(node.Type) ?? throw new InvalidOperationException($"Unknown activity type '{node.Type}'.");
            var activity = type.Create();
            _reader.Bind(activity, type, node, context.Scope);
            outcome = step(activity, context);
        }
        catch (Exception e)
        {
            // Anything an activity throws, script limits included, becomes an incident; the instance never takes the host down.
            Fail(token, node.Id, node.Type, e);
            return;
        }
        Apply(node, context, outcome);
    }

    private void Apply(ActivityNode node, ActivityContext context, ActivityOutcome outcome)
    {
        _variables = context.Variables;
        _effects.AddRange(context.Effects);
        foreach (var bookmark in context.Bookmarks)
        {
            _bookmarks.Add(bookmark);
            _created.Add(bookmark);
        }

        if (outcome.Finishes)
        {
            Journal(node.Id, node.Type, "Completed");
            Journal(WorkflowActivityId, WorkflowActivityType, "Finished", message: $"Ended by '{node.Id}'.");
            EndInstance(WorkflowStatus.Finished);
            return;
        }
        if (outcome.Waits)
        {
            if (context.Bookmarks.Count > 0 && context.Bookmarks.All(b => b.Kind == BookmarkKind.Command)) return;
            Journal(node.Id, node.Type, context.Bookmarks.Count > 0 ? "Suspended" : "Waiting");
            return;
        }

        RemoveBookmarks(b => b.ActivityId == node.Id);
        Journal(node.Id, node.Type, "Completed", string.Join(",", outcome.Ports));
        if (outcome.CancelsRivals) CancelRivals(node.Id);
        foreach (var port in outcome.Ports) Follow(node.Id, port);
    }

    private void Follow(string activityId, string port)
    {
        foreach (var connection in _graph.Outgoing(activityId).Where(c => c.Source.Port == port))
            _queue.Enqueue(new Token(connection.Target.Activity, activityId));
    }

    /// <summary>Join Any: branches still on their way to the join stop, whether waiting or queued.</summary>
    private void CancelRivals(string joinId)
    {
        var upstream = _graph.Ancestors(joinId);
        foreach (var bookmark in _bookmarks.Where(b => upstream.Contains(b.ActivityId)).ToList())
            Journal(bookmark.ActivityId, _graph.Nodes[bookmark.ActivityId].Type, "Cancelled", message: $"Join '{joinId}' continued on another branch.");
        RemoveBookmarks(b => upstream.Contains(b.ActivityId));
        var queued = _queue.Where(t => !upstream.Contains(t.Activity)).ToList();
        _queue.Clear();
        foreach (var token in queued) _queue.Enqueue(token);
    }

    private void Fail(Token token, string activityId, string activityType, Exception error)
    {
        var message = $"Activity '{activityId}' ({activityType}) failed: {error.Message}";
        var open = _incidents.FindIndex(i => !i.Resolved && i.ActivityId == activityId);
        var continues = _definition.IncidentStrategy == IncidentStrategy.Continue;
        if (open >= 0)
            _incidents[open] = _incidents[open] with { Message = message, At = _at, Attempts = _incidents[open].Attempts + 1 };
        else
            _incidents.Add(new Incident(StableId.From(_instance.InstanceId.ToString(), activityId, _execution.Visits.GetValueOrDefault(activityId).ToString(), "incident"),
                activityId, activityType, message, _at, Attempts: 1));
        Journal(activityId, activityType, "Faulted", message: message);

        // Continue carries on through Done but leaves the incident open, so staff can still find what failed.
        if (continues)
        {
            Follow(activityId, Ports.Done);
            return;
        }
        _status = WorkflowStatus.Faulted;
        _execution.Faulted = token;
        _execution.Pending.AddRange(_queue);
        _queue.Clear();
    }

    private bool TakeFaulted(Guid incidentId, out Incident incident, out Token token)
    {
        incident = _incidents.FirstOrDefault(i => i.Id == incidentId && !i.Resolved)!;
        token = _execution.Faulted ?? new Token(incident?.ActivityId ?? "", null);
        if (incident is null || _status != WorkflowStatus.Faulted) return false;

        _status = WorkflowStatus.Running;
        _execution.Faulted = null;
        foreach (var pending in _execution.Pending) _queue.Enqueue(pending);
        _execution.Pending.Clear();
        return true;
    }

    private void Resolve(Incident incident)
    {
        var index = _incidents.FindIndex(i => i.Id == incident.Id);
        _incidents[index] = _incidents[index] with { Resolved = true };
    }

    private void EndInstance(WorkflowStatus status)
    {
        RemoveBookmarks(_ => true);
        _queue.Clear();
        _execution.Pending.Clear();
        _execution.Arrivals.Clear();
        _execution.Faulted = null;
        _status = status;
    }

    private void RemoveBookmarks(Func<Bookmark, bool> which)
    {
        foreach (var bookmark in _bookmarks.Where(which).ToList())
        {
            _bookmarks.Remove(bookmark);
            _removed.Add(bookmark);
        }
    }

    private void Journal(string activityId, string activityType, string @event, string? port = null, string? message = null) =>
        _journal.Add(new JournalEntry(_at, activityId, activityType, @event, port, message));
}
