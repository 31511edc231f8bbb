using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.Xapi.Models;

/// <summary>
/// The StatementResult of <c>GET statements</c>. Statements stay raw here and are read one by one, so a single
/// statement the hub cannot read does not make the whole page unreadable.
/// </summary>
public sealed record XapiStatementResult(
    [property: JsonPropertyName("statements")] IReadOnlyList<JsonElement>? Statements,
    [property: JsonPropertyName("more")] string? More);

/// <summary>The About resource: the xAPI versions the LRS supports.</summary>
public sealed record XapiAbout([property: JsonPropertyName("version")] IReadOnlyList<string>? Version);
