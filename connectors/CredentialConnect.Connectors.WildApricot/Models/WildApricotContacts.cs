using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.WildApricot.Models;

/// <summary>
/// The answer to a contacts query. A synchronous query carries <see cref="Contacts"/> only; an asynchronous one
/// first answers with <see cref="ResultId"/>, <see cref="ResultUrl"/> and <see cref="State"/>, and carries the
/// contacts once the state is <c>Complete</c>. Each contact is a <see cref="WildApricotContact"/>, read one by one so a
/// malformed one is skipped without losing the page.
/// </summary>
public sealed record WildApricotContacts(
    [property: JsonPropertyName("ResultId")] string? ResultId,
    [property: JsonPropertyName("ResultUrl")] string? ResultUrl,
    [property: JsonPropertyName("Requested")] string? Requested,
    [property: JsonPropertyName("Processed")] string? Processed,
    [property: JsonPropertyName("State")] string? State,
    [property: JsonPropertyName("Contacts")] IReadOnlyList<JsonElement>? Contacts);

/// <summary>The states of an asynchronous query.</summary>
public static class WildApricotQueryState
{
    /// <summary>Queued behind other queries of the account.</summary>
    public const string Waiting = "Waiting";

    /// <summary>Running.</summary>
    public const string Processing = "Processing";

    /// <summary>Done: the result carries the contacts.</summary>
    public const string Complete = "Complete";

    /// <summary>Wild Apricot gave up on the query.</summary>
    public const string Failed = "Failed";
}
