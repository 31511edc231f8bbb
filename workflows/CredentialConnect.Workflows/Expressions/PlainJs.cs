using System.Text.Json;
using Jint;
using Jint.Runtime;
using Jint.Native;
using Jint.Native.Json;

namespace CredentialConnect.Workflows.Expressions;

/// <summary>
/// Moves values across the sandbox wall as JSON, so that no CLR object ever reaches a script and no JavaScript
/// object ever leaves it: scripts see plain objects, callers get strings, doubles, bools, nulls, lists and dictionaries.
/// </summary>
internal static class PlainJs
{
    public static JsValue ToJs(Engine engine, IReadOnlyDictionary<string, object?> values) =>
        new JsonParser(engine).Parse(System.Text.Json.JsonSerializer.Serialize(PlainValues.Of(values)));

    public static object? FromJs(Engine engine, JsValue value) => value.Type switch
    {
        Types.Null or Types.Undefined => null,
        Types.String => value.AsString(),
        Types.Number => value.AsNumber(),
        Types.Boolean => value.AsBoolean(),
        _ => Stringified(engine, value),
    };

    // Objects, arrays and dates go through JSON.stringify inside the engine, under the same limits as the script:
    // getters run there, dates become ISO strings, functions drop out and a cycle is a TypeError.
    private static object? Stringified(Engine engine, JsValue value)
    {
        engine.SetValue(ResultName, value);
        var json = engine.Evaluate($"JSON.stringify({ResultName})");
        if (!json.IsString()) return null;
        using var document = JsonDocument.Parse(json.AsString());
        return FromJson(document.RootElement);
    }

    private const string ResultName = "__scriptResult";

    public static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        _ => null,
    };
}
