using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Xml;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Activities;

/// <summary>
/// Binds a node's inputs to a fresh activity. A value is a literal or <c>{"expression": "...", "language": "JavaScript|Liquid"}</c>;
/// a literal string on a <see cref="UIHints.JavaScript"/> or <see cref="UIHints.Liquid"/> input is code in that language.
/// </summary>
public sealed class InputReader(IScriptEvaluator scripts, ITemplateRenderer templates)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(), new DurationConverter() },
    };

    internal void Bind(Activity activity, ActivityType type, ActivityNode node, ExpressionScope scope)
    {
        foreach (var input in type.Inputs)
        {
            var name = input.Descriptor.Name;
            var value = Resolve(node.Inputs[name], input.Descriptor.UIHint, scope) ?? input.Descriptor.DefaultValue?.DeepClone();
            if (IsEmpty(value))
            {
                if (input.Descriptor.Required) throw new InvalidOperationException($"Input '{name}' is required.");
                continue;
            }
            try
            {
                input.Property.SetValue(activity, value.Deserialize(input.Property.PropertyType, Json));
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or OverflowException)
            {
                throw new InvalidOperationException($"Input '{name}' cannot be read as {input.Descriptor.Type}: {e.Message}", e);
            }
        }
    }

    /// <summary>The code in an input, when it holds some: its language and text.</summary>
    public static (string Language, string Code)? CodeOf(JsonNode? raw, string? uiHint) => raw switch
    {
        JsonObject o when o["expression"] is JsonValue e && e.TryGetValue<string>(out var code) =>
            (o["language"]?.GetValue<string>() ?? ExpressionLanguages.JavaScript, code),
        JsonValue v when v.TryGetValue<string>(out var text) && uiHint == UIHints.JavaScript => (ExpressionLanguages.JavaScript, text),
        JsonValue v when v.TryGetValue<string>(out var text) && uiHint == UIHints.Liquid => (ExpressionLanguages.Liquid, text),
        _ => null,
    };

    private JsonNode? Resolve(JsonNode? raw, string? uiHint, ExpressionScope scope) => CodeOf(raw, uiHint) switch
    {
        (ExpressionLanguages.Liquid, var template) => JsonValue.Create(templates.Render(template, scope)),
        (_, var script) => JsonPlain.FromPlain(scripts.Evaluate(script, scope)),
        null => raw?.DeepClone(),
    };

    internal static bool IsEmpty(JsonNode? value) =>
        value is null || (value is JsonValue v && v.TryGetValue<string>(out var s) && string.IsNullOrWhiteSpace(s));

    /// <summary>Durations as ISO 8601 (<c>P3D</c>, <c>PT12H</c>) or as a TimeSpan (<c>3.00:00:00</c>).</summary>
    private sealed class DurationConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString() ?? throw new FormatException("A duration is required.");
            return Durations.Parse(text);
        }

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteStringValue(XmlConvert.ToString(value));
    }
}

public static class ExpressionLanguages
{
    public const string JavaScript = "JavaScript";
    public const string Liquid = "Liquid";
}
