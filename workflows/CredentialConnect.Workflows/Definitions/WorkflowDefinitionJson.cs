using System.Text.Json;

namespace CredentialConnect.Workflows.Definitions;

/// <summary>Reads and writes definitions as the designer, the templates and import/export see them.</summary>
public static class WorkflowDefinitionJson
{
    public static WorkflowDefinition Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, WorkflowDefinition.Json)
        ?? throw new JsonException("A workflow definition is required, not null.");

    public static string Write(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, WorkflowDefinition.Json);
}
