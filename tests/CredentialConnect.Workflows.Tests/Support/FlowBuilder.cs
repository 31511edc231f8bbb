using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.Workflows.Tests.Support;

/// <summary>Builds definitions for tests: <c>new FlowBuilder().Trigger("ExamFailed").Then("wait", "Delay", new() { ["duration"] = "P3D" })</c>.</summary>
public sealed class FlowBuilder(string definitionId = "flow")
{
    private readonly List<ActivityNode> _activities = [];
    private readonly List<Connection> _connections = [];
    private readonly List<string> _cancelOn = [];
    private IncidentStrategy _strategy = IncidentStrategy.Fault;
    private int _version = 1;
    private string? _last;

    public const string TriggerId = "trigger";

    /// <summary>An OnEvent trigger with id <see cref="TriggerId"/>.</summary>
    public FlowBuilder Trigger(string eventType, JsonObject? more = null)
    {
        var inputs = more ?? [];
        inputs["eventType"] = eventType;
        return Add(TriggerId, "OnEvent", inputs);
    }

    public FlowBuilder Add(string id, string type, JsonObject? inputs = null)
    {
        _activities.Add(new ActivityNode { Id = id, Type = type, Inputs = inputs ?? [] });
        _last = id;
        return this;
    }

    /// <summary>Adds an activity connected from the one added before it through <paramref name="port"/>.</summary>
    public FlowBuilder Then(string id, string type, JsonObject? inputs = null, string port = Ports.Done)
    {
        var from = _last ?? throw new InvalidOperationException("Nothing to continue from.");
        Add(id, type, inputs);
        return Connect(from, id, port);
    }

    public FlowBuilder Connect(string from, string to, string port = Ports.Done)
    {
        _connections.Add(new Connection(new Endpoint(from, port), new Endpoint(to, "In")));
        return this;
    }

    public FlowBuilder CancelOn(string eventType)
    {
        _cancelOn.Add(eventType);
        return this;
    }

    public FlowBuilder OnIncident(IncidentStrategy strategy)
    {
        _strategy = strategy;
        return this;
    }

    public FlowBuilder Version(int version)
    {
        _version = version;
        return this;
    }

    public WorkflowDefinition Build() => new()
    {
        DefinitionId = definitionId,
        Version = _version,
        Name = definitionId,
        IsPublished = true,
        CancelOn = [.. _cancelOn],
        IncidentStrategy = _strategy,
        Root = new Flowchart { Activities = [.. _activities], Connections = [.. _connections] },
    };

    public static JsonObject Email(string subject, string body = "Body") => new() { ["subject"] = subject, ["body"] = body };
}
