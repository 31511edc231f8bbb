using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;

namespace CredentialConnect.IntegrationTests.Workflows.Engine;

/// <summary>A flow for a test: a trigger, then activities each connected from the one before unless told otherwise.</summary>
public sealed class FlowBuilder(string definitionId, string eventType)
{
    private readonly List<ActivityNode> _activities = [new() { Id = "start", Type = "OnEvent", Inputs = new JsonObject { ["eventType"] = eventType } }];
    private readonly List<Connection> _connections = [];
    private readonly List<string> _cancelOn = [];
    private IncidentStrategy _incidents = IncidentStrategy.Fault;
    private int _version = 1;

    public FlowBuilder Then(string id, string type, JsonObject? inputs = null, string fromPort = Ports.Done) =>
        From(_activities[^1].Id, fromPort, id, type, inputs);

    public FlowBuilder From(string sourceId, string port, string id, string type, JsonObject? inputs = null)
    {
        _activities.Add(new ActivityNode { Id = id, Type = type, Inputs = inputs ?? [] });
        _connections.Add(new Connection(new Endpoint(sourceId, port), new Endpoint(id, "In")));
        return this;
    }

    public FlowBuilder CancelledBy(string eventType) { _cancelOn.Add(eventType); return this; }
    public FlowBuilder OnIncident(IncidentStrategy strategy) { _incidents = strategy; return this; }
    public FlowBuilder AsVersion(int version) { _version = version; return this; }

    public WorkflowDefinition Build() => new()
    {
        DefinitionId = definitionId, Version = _version, Name = definitionId, IsPublished = true, CancelOn = [.. _cancelOn], IncidentStrategy = _incidents,
        Root = new Flowchart { Activities = [.. _activities], Connections = [.. _connections] },
    };
}
