using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredentialConnect.IntegrationTests.Workflows.Definitions;

/// <summary>A workflow definition as the designer sends it, built activity by activity.</summary>
public sealed class DefinitionBuilder(string definitionId = "nurture")
{
    private readonly JsonArray _activities = [];
    private readonly JsonArray _connections = [];
    private string _name = "Failed exam nurture";
    private string? _program;
    private int _version = 1;

    /// <summary>A valid flow: an exam failed, three days' wait, then an encouraging email.</summary>
    public static DefinitionBuilder Nurture(string definitionId = "nurture") => new DefinitionBuilder(definitionId)
        .With("examFailed", "OnEvent", new { eventType = "ExamFailed" })
        .With("wait", "Delay", new { duration = "P3D" })
        .With("encourage", "SendEmail", new { subject = "We believe in you", body = "Attempt {{ input.attemptNumber }} is behind you." })
        .Connect("examFailed", "wait")
        .Connect("wait", "encourage");

    public DefinitionBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public DefinitionBuilder ForProgram(string? code)
    {
        _program = code;
        return this;
    }

    /// <summary>The workflow version the definition says it is: the one that was read and edited.</summary>
    public DefinitionBuilder AtVersion(int version)
    {
        _version = version;
        return this;
    }

    public DefinitionBuilder With(string id, string type, object? inputs = null)
    {
        _activities.Add(new JsonObject
        {
            ["id"] = id,
            ["type"] = type,
            ["inputs"] = inputs is null ? new JsonObject() : JsonSerializer.SerializeToNode(inputs),
        });
        return this;
    }

    public DefinitionBuilder Connect(string from, string to, string port = "Done")
    {
        _connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
        });
        return this;
    }

    public JsonObject Build() => new()
    {
        ["definitionId"] = definitionId,
        ["version"] = _version,
        ["name"] = _name,
        ["program"] = _program,
        ["root"] = new JsonObject { ["activities"] = _activities.DeepClone(), ["connections"] = _connections.DeepClone() },
    };
}
