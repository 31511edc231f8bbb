using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Pointer;
using Json.Schema;

namespace CredentialConnect.Web.Features.Applications;

/// <summary>
/// A program's application form is a JSON Schema document. These rules decide whether a form can be stored, and
/// whether a member's answers fit it, with every problem keyed by the JSON path a client shows it beside.
/// </summary>
public static partial class ApplicationForms
{
    public const string FormField = "applicationForm";
    public const string AnswersField = "answers";

    // Keywords whose value names another schema; only references inside the form itself are followed.
    private static readonly string[] ReferenceKeywords = ["$ref", "$dynamicRef", "$recursiveRef"];

    /// <summary>The problems that keep <paramref name="form"/> from being a program's form; empty when it can be stored.</summary>
    public static Dictionary<string, string[]> CheckForm(JsonElement form)
    {
        if (form.ValueKind != JsonValueKind.Object)
            return One(FormField, "The application form must be a JSON Schema object.");
        if (form.TryGetProperty("type", out var type) && !(type.ValueKind == JsonValueKind.String && type.GetString() == "object"))
            return One($"{FormField}.type", "The form describes the answers, which are a JSON object: its type must be \"object\".");

        var remote = new Dictionary<string, string[]>();
        FindRemoteReferences(form, FormField, remote);
        if (remote.Count > 0) return remote;

        try
        {
            var schema = JsonSchema.FromText(form.GetRawText());
            // Evaluating once resolves every reference and the meta-schema, so a dangling one is found now, not when a member applies.
            schema.Evaluate(new JsonObject(), Options());
            return [];
        }
        catch (Exception e) when (e is JsonException or JsonSchemaException or RefResolutionException or PointerParseException)
        {
            return One(FormField, $"The application form is not a valid JSON Schema: {e.Message}");
        }
    }

    /// <summary>
    /// The problems with <paramref name="answers"/> against <paramref name="formText"/>, each keyed by the answer's path
    /// (<c>answers.licenceNumber</c>, <c>answers.employers[1].name</c>). A draft may leave required answers out, so
    /// <paramref name="complete"/> false skips those; a submission must be complete.
    /// </summary>
    public static Dictionary<string, string[]> CheckAnswers(string? formText, JsonElement answers, bool complete)
    {
        if (answers.ValueKind != JsonValueKind.Object) return One(AnswersField, "Answers must be a JSON object of the form's fields.");
        if (formText is null) return [];

        var instance = JsonNode.Parse(answers.GetRawText());
        var results = JsonSchema.FromText(formText).Evaluate(instance, Options());
        if (results.IsValid) return [];

        var form = JsonNode.Parse(formText);
        var errors = new Dictionary<string, List<string>>();
        foreach (var node in results.Details.Prepend(results).Where(n => n.HasErrors).Distinct())
            foreach (var (keyword, message) in node.Errors!)
            {
                if (keyword == "required")
                {
                    if (!complete) continue;
                    foreach (var missing in MissingProperties(form, node, instance))
                        Add(errors, PathOf(node.InstanceLocation, instance, missing), "This answer is required.");
                    continue;
                }
                var text = node.EvaluationPath is { Count: > 0 } evaluated && evaluated[^1] is "additionalProperties" or "unevaluatedProperties"
                    ? "This is not a field of the form."
                    : message;
                Add(errors, PathOf(node.InstanceLocation, instance), text);
            }
        return errors.ToDictionary(e => e.Key, e => e.Value.Distinct().ToArray());
    }

    private static EvaluationOptions Options() => new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private static void FindRemoteReferences(JsonElement element, string path, Dictionary<string, string[]> errors)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = $"{path}{Segment(property.Name)}";
                    if (ReferenceKeywords.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.String
                        && !property.Value.GetString()!.StartsWith('#'))
                        errors[at] = [$"The form may refer only to its own parts (\"#/$defs/…\"), not to '{property.Value.GetString()}'."];
                    else FindRemoteReferences(property.Value, at, errors);
                }
                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray()) FindRemoteReferences(item, $"{path}[{i++}]", errors);
                break;
        }
    }

    /// <summary>The properties a failed <c>required</c> names that the instance lacks, read from the schema that declared them.</summary>
    private static IEnumerable<string> MissingProperties(JsonNode? form, EvaluationResults node, JsonNode? instance)
    {
        var fragment = node.SchemaLocation.Fragment.TrimStart('#');
        var declared = JsonPointer.TryParse(Uri.UnescapeDataString(fragment), out var pointer) && pointer!.TryEvaluate(form, out var schema)
            ? schema?["required"] as JsonArray
            : null;
        var target = node.InstanceLocation.TryEvaluate(instance, out var value) ? value as JsonObject : null;
        var missing = declared?.Select(n => n?.GetValue<string>()).OfType<string>().Where(name => target?.ContainsKey(name) != true).ToList();
        // Should the form's structure hide the declaration, the object itself is named.
        return missing is { Count: > 0 } ? missing : [""];
    }

    /// <summary>
    /// A JSON pointer into the answers, written as a client addresses it: <c>/employers/1/name</c> becomes
    /// <c>answers.employers[1].name</c>. Digits index an array only where the answers hold an array.
    /// </summary>
    private static string PathOf(JsonPointer location, JsonNode? instance, string? child = null)
    {
        var path = AnswersField;
        var current = instance;
        for (var i = 0; i < location.Count; i++)
        {
            var segment = location[i];
            if (current is JsonArray array && int.TryParse(segment, out var index))
            {
                path += $"[{index}]";
                current = index < array.Count ? array[index] : null;
            }
            else
            {
                path += Segment(segment);
                current = (current as JsonObject)?[segment];
            }
        }
        return string.IsNullOrEmpty(child) ? path : path + Segment(child);
    }

    private static string Segment(string name) => PlainName().IsMatch(name) ? $".{name}" : $"[{JsonSerializer.Serialize(name)}]";

    private static void Add(Dictionary<string, List<string>> errors, string path, string message)
    {
        if (!errors.TryGetValue(path, out var list)) errors[path] = list = [];
        list.Add(message);
    }

    private static Dictionary<string, string[]> One(string field, string message) => new() { [field] = [message] };

    [GeneratedRegex(@"^[A-Za-z_$][A-Za-z0-9_$]*$")]
    private static partial Regex PlainName();
}
