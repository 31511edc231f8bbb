using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredentialConnect.Workflows.Expressions;

/// <summary>
/// Turns whatever a caller put in a scope into plain data (strings, numbers, bools, dates, lists, dictionaries), so that
/// templates never reflect over a CLR type: anything else is reduced to its JSON form first.
/// </summary>
internal static class PlainValues
{
    public static Dictionary<string, object?> Of(IReadOnlyDictionary<string, object?> values) =>
        values.ToDictionary(v => v.Key, v => Of(v.Value));

    public static object? Of(object? value) => value switch
    {
        null => null,
        string or bool or DateTimeOffset or DateTime => value,
        byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => Convert.ToDecimal(value),
        JsonElement element => PlainJs.FromJson(element),
        JsonNode node => PlainJs.FromJson(JsonSerializer.SerializeToElement(node)),
        IReadOnlyDictionary<string, object?> dictionary => Of(dictionary),
        IDictionary dictionary => dictionary.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => Of(dictionary[k])),
        IEnumerable items => items.Cast<object?>().Select(Of).ToList(),
        _ => AsJson(value),
    };

    private static object? AsJson(object value)
    {
        try
        {
            return PlainJs.FromJson(JsonSerializer.SerializeToElement(value));
        }
        catch (NotSupportedException)
        {
            return value.ToString();
        }
    }
}
