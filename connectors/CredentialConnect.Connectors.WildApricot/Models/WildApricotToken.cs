using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.WildApricot.Models;

/// <summary>The answer of <c>POST {AuthUrl}/auth/token</c>.</summary>
public sealed record WildApricotToken(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken,
    [property: JsonPropertyName("Permissions")] IReadOnlyList<WildApricotPermission>? Permissions);

/// <summary>An account the token may act on.</summary>
public sealed record WildApricotPermission(
    [property: JsonPropertyName("AccountId")] int AccountId,
    [property: JsonPropertyName("SecurityProfileId")] int? SecurityProfileId,
    [property: JsonPropertyName("AvailableScopes")] IReadOnlyList<string>? AvailableScopes);
