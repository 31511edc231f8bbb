using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CredentialConnect.Workflows.Definitions;

/// <summary>What a flow does when one of its activities fails for good.</summary>
public enum IncidentStrategy { Fault, Continue }

/// <summary>How many instances of a flow may run at once, and what a trigger does when one already runs.</summary>
public enum InstancePolicy
{
    /// <summary>Every accepted trigger starts an instance.</summary>
    Many,

    /// <summary>
    /// One live instance per member and program: a trigger for a member whose instance still runs restarts that
    /// instance with the new event (a second failed exam updates the running nurture) instead of starting another.
    /// </summary>
    RestartPerMemberAndProgram,

    /// <summary>
    /// One live instance per member and correlation (a credential, an application): a trigger about the same record
    /// while its instance runs starts nothing (the next expiring notice of a credential whose reminders are planned).
    /// </summary>
    OnePerCorrelation,
}

/// <summary>
/// A workflow as staff design it, in the shape of an Elsa 3 flowchart: activities joined by connections from a
/// source port to a target. A published version never changes; instances stay pinned to the version they started on.
/// </summary>
public sealed record WorkflowDefinition
{
    public required string DefinitionId { get; init; }
    public int Version { get; init; } = 1;
    public required string Name { get; init; }
    public string? Description { get; init; }
    public bool IsPublished { get; init; }

    /// <summary>The program the flow belongs to (its code); null for a flow that serves every program.</summary>
    public string? Program { get; init; }

    public IReadOnlyList<VariableDefinition> Variables { get; init; } = [];

    /// <summary>Domain events that end a running instance for the same member, e.g. ExamRegistered stopping a nurture flow.</summary>
    public IReadOnlyList<string> CancelOn { get; init; } = [];

    public IncidentStrategy IncidentStrategy { get; init; } = IncidentStrategy.Fault;

    public InstancePolicy InstancePolicy { get; init; } = InstancePolicy.Many;

    public required Flowchart Root { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };
}

public sealed record VariableDefinition(string Name, string Type = "Object", JsonNode? Default = null);

public sealed record Flowchart
{
    public IReadOnlyList<ActivityNode> Activities { get; init; } = [];
    public IReadOnlyList<Connection> Connections { get; init; } = [];
}

/// <summary>One activity on the canvas: its type (an activity descriptor's type name), its inputs and where it sits.</summary>
public sealed record ActivityNode
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public int Version { get; init; } = 1;

    /// <summary>Input values by input name: literals, or <c>{"expression": "...", "language": "JavaScript|Liquid"}</c>.</summary>
    public JsonObject Inputs { get; init; } = [];

    public JsonObject? Metadata { get; init; }

    /// <summary>Where the designer draws the activity: its top-left corner on the canvas, in pixels.</summary>
    public DesignerPosition? Position { get; init; }
}

public sealed record DesignerPosition(double X, double Y);

public sealed record Endpoint(string Activity, string Port = Ports.Done);

public sealed record Connection(Endpoint Source, Endpoint Target);

/// <summary>Port names shared by many activities.</summary>
public static class Ports
{
    public const string Done = "Done";
    public const string True = "True";
    public const string False = "False";
    public const string TimedOut = "TimedOut";
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";
    public const string Default = "Default";
}
