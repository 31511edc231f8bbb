using System.Text.Json.Nodes;

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
    bool IsWaiting);

/// <param name="Type">A designer type: String, Boolean, Number, Duration, DateTime, Array or Object.</param>
public sealed record InputDescriptor(
    string Name,
    string Type,
    string? Description,
    string? UIHint,
    bool Required,
    JsonNode? DefaultValue,
    IReadOnlyList<string>? Options);

public sealed record OutputDescriptor(string Name, string Type, string? Description);
