using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace CredentialConnect.Web.Api;

/// <summary>
/// Which fields a client must send, from the C# annotations: a field may be left out exactly when it may be null or
/// has a default. Every other field is required when the hub reads a body, and the API document says so
/// (<see cref="SchemaRules"/> writes <c>required</c> from the same flag), so the two cannot disagree.
/// </summary>
public static partial class RequiredFields
{
    /// <summary>A <see cref="JsonTypeInfo"/> modifier for the hub's own types.</summary>
    public static void FromAnnotations(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.Assembly.GetName().Name?.StartsWith("CredentialConnect", StringComparison.Ordinal) != true)
            return;
        foreach (var property in info.Properties)
            if (property.AssociatedParameter is { HasDefaultValue: false, IsNullable: false })
                property.IsRequired = true;
    }

    /// <summary>The fields a "missing required properties" error names, as the client spelled them, with their path.</summary>
    public static IReadOnlyList<string> Missing(System.Text.Json.JsonException json)
    {
        if (MissingMessage().Match(json.Message) is not { Success: true } match) return [];
        var prefix = json.Path is null or "$" ? "" : json.Path.TrimStart('$', '.') + ".";
        return Quoted().Matches(match.Groups["names"].Value).Select(m => prefix + m.Groups[1].Value).ToList();
    }

    [GeneratedRegex("missing required properties including: (?<names>.*)")]
    private static partial Regex MissingMessage();

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex Quoted();
}
