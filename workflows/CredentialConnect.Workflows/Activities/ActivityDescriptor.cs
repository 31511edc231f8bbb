using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Expressions;

namespace CredentialConnect.Workflows.Activities;

/// <summary>What the designer needs to put an activity on its palette and build its property form.</summary>
/// <param name="Ports">The ports it can leave through; <see cref="HasDynamicPorts"/> adds ports from its inputs or connections.</param>
public sealed record ActivityDescriptor(
    string TypeName,
    string Category,
    string DisplayName,
    string Description,
    IReadOnlyList<InputDescriptor> Inputs,
    IReadOnlyList<OutputDescriptor> Outputs,
    IReadOnlyList<string> Ports,
    bool HasDynamicPorts,
    bool IsTrigger,
    bool IsWaiting)
{
    /// <summary>The port connections enter by; null for a trigger, which nothing enters.</summary>
    public PortDescriptor? InPort { get; init; }

    /// <summary>The ports it can leave through, each with what it means; <see cref="DynamicPorts"/> says how more are added.</summary>
    public IReadOnlyList<PortDescriptor> OutPorts { get; init; } = [];

    /// <summary>How the ports from inputs or connections are named (Switch cases, Fork branches); null without any.</summary>
    public string? DynamicPorts { get; init; }
}

/// <param name="Type">A designer type: String, Boolean, Number, Duration, DateTime, Array or Object.</param>
public sealed record InputDescriptor(
    string Name,
    string Type,
    string? Description,
    string? UIHint,
    bool Required,
    JsonNode? DefaultValue,
    IReadOnlyList<string>? Options)
{
    /// <summary>The JSON Schema of a composite input (an object or a list, e.g. Switch cases); null for a plain value.</summary>
    public JsonNode? Schema { get; init; }

    /// <summary>The names an expression in this input can read; null for an input that is not code.</summary>
    public IReadOnlyList<ScopeVariable>? Scope { get; init; }
}

public sealed record OutputDescriptor(string Name, string Type, string? Description);
