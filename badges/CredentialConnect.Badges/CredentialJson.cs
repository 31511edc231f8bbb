using System.Globalization;
using System.Text.Json.Nodes;

namespace CredentialConnect.Badges;

/// <summary>
/// Reads the fields of a credential that may come from anyone: a value of the wrong JSON type reads as absent, never
/// throws, so a malformed credential fails a check instead of failing the request.
/// </summary>
public static class CredentialJson
{
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static string? Text(JsonNode? node, string property) => node is JsonObject json ? Text(json[property]) : null;

    /// <summary>A date-time string read as UTC when it carries no offset; null when absent or not a date.</summary>
    public static DateTimeOffset? Date(JsonNode? node) =>
        Text(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;

    /// <summary>The issuer's id, whether the issuer is embedded as a Profile or given as its id.</summary>
    public static string? IssuerId(JsonNode? credential) =>
        Text(credential, "issuer") ?? Text((credential as JsonObject)?["issuer"], "id");
}
