using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.WildApricot.Models;

/// <summary>A contact as <c>GET /v2.2/accounts/{id}/contacts</c> returns it.</summary>
public sealed record WildApricotContact(
    [property: JsonPropertyName("Id")] int Id,
    [property: JsonPropertyName("Url")] string? Url,
    [property: JsonPropertyName("FirstName")] string? FirstName,
    [property: JsonPropertyName("LastName")] string? LastName,
    [property: JsonPropertyName("Email")] string? Email,
    [property: JsonPropertyName("DisplayName")] string? DisplayName,
    [property: JsonPropertyName("Organization")] string? Organization,
    [property: JsonPropertyName("ProfileLastUpdated")] string? ProfileLastUpdated,
    [property: JsonPropertyName("MembershipLevel")] WildApricotLevelRef? MembershipLevel,
    [property: JsonPropertyName("MembershipEnabled")] bool? MembershipEnabled,
    [property: JsonPropertyName("Status")] string? Status,
    [property: JsonPropertyName("FieldValues")] IReadOnlyList<WildApricotFieldValue>? FieldValues);

/// <summary>The membership level a contact holds.</summary>
public sealed record WildApricotLevelRef(
    [property: JsonPropertyName("Id")] int Id,
    [property: JsonPropertyName("Url")] string? Url,
    [property: JsonPropertyName("Name")] string? Name);

/// <summary>
/// One field of a contact. <see cref="Value"/> is whatever the field holds: a string, a number, a boolean,
/// an object such as <c>{"Id": 1, "Label": "Active"}</c> for choice fields, or null.
/// </summary>
public sealed record WildApricotFieldValue(
    [property: JsonPropertyName("FieldName")] string? FieldName,
    [property: JsonPropertyName("Value")] JsonElement Value,
    [property: JsonPropertyName("SystemCode")] string? SystemCode);
