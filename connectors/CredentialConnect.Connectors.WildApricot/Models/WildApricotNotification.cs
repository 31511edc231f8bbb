using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.WildApricot.Models;

/// <summary>
/// A webhook notification: <c>{"AccountId": 123, "MessageType": "ContactModified", "Parameters": {"Action": "Changed", "Contact.Id": "456"}}</c>.
/// Parameter values are usually strings, sometimes numbers.
/// </summary>
public sealed record WildApricotNotification(
    [property: JsonPropertyName("AccountId")] JsonElement AccountId,
    [property: JsonPropertyName("MessageType")] string? MessageType,
    [property: JsonPropertyName("Parameters")] IReadOnlyDictionary<string, JsonElement>? Parameters);
