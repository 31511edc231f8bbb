using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.WildApricot.Models;

/// <summary>The account, as <c>GET /v2.2/accounts/{id}</c> returns it; only what the connector reads.</summary>
public sealed record WildApricotAccount(
    [property: JsonPropertyName("Id")] int Id,
    [property: JsonPropertyName("Name")] string? Name,
    [property: JsonPropertyName("PrimaryDomainName")] string? PrimaryDomainName);
