using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace CredentialConnect.Workflows.Activities;

/// <summary>
/// JSON Schemas of composite inputs (Switch cases, an escalation, a webhook body), generated from the types the
/// runtime binds them to, so the designer's form and the runtime never disagree on a shape.
/// </summary>
internal static class InputSchemas
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static readonly JsonSchemaExporterOptions Exporter = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = (context, schema) =>
        {
            var type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
            if (type == typeof(TimeSpan))
                return new JsonObject { ["type"] = "string", ["format"] = "duration", ["description"] = $"A duration: {Durations.Formats}." };
            if (typeof(JsonNode).IsAssignableFrom(type))
                return new JsonObject { ["description"] = "Any JSON value: an object, a list, a text, a number, true, false or null." };
            return schema;
        },
    };

    /// <summary>The input's schema when it is composite (an object or a list); null for a plain value.</summary>
    public static JsonNode? For(string activityType, string input, Type clrType, string designerType, string? description)
    {
        if (designerType is not ("Object" or "Array")) return null;
        var schema = Options.GetJsonSchemaAsNode(clrType, Exporter);
        if (schema is not JsonObject root) return schema;
        if (description is not null) root["description"] ??= description;
        foreach (var (_, _, field) in WorkflowRoles.Inputs.Where(r => r.ActivityType == activityType && r.Input == input && r.Field is not null))
            if (root["properties"]?[field!] is JsonObject role) role["enum"] = new JsonArray([.. WorkflowRoles.All.Select(r => (JsonNode)r)]);
        return root;
    }
}
