using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredentialConnect.Workflows.Runtime;

/// <summary>Turns JSON into the plain values expressions read (string, double, bool, null, lists, dictionaries) and back.</summary>
public static class JsonPlain
{
    public static IReadOnlyDictionary<string, object?> ToDictionary(JsonObject json) =>
        json.ToDictionary(p => p.Key, p => ToPlain(p.Value));

    public static object? ToPlain(JsonNode? node) =>
        node is null ? null : ToPlain(JsonSerializer.SerializeToElement(node));

    public static JsonNode? FromPlain(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        _ => JsonSerializer.SerializeToNode(value),
    };

    private static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value)),
        _ => null,
    };
}
