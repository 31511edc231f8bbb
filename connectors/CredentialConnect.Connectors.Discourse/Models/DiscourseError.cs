using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace CredentialConnect.Connectors.Discourse.Models;

/// <summary>
/// Discourse's error body: <c>{"errors":["..."],"error_type":"rate_limit","extras":{"wait_seconds":37}}</c>,
/// or <c>{"failed":"FAILED","message":"..."}</c> from a few older endpoints.
/// </summary>
/// <param name="Errors">Human-readable messages.</param>
/// <param name="ErrorType"><c>invalid_parameters</c>, <c>not_found</c>, <c>invalid_access</c>, <c>rate_limit</c>…</param>
/// <param name="Extras">For <c>rate_limit</c>, how long to wait.</param>
/// <param name="Message">The message of the older <c>failed</c> shape.</param>
public sealed record DiscourseError(
    [property: JsonPropertyName("errors")] IReadOnlyList<string>? Errors,
    [property: JsonPropertyName("error_type")] string? ErrorType,
    [property: JsonPropertyName("extras")] DiscourseErrorExtras? Extras,
    [property: JsonPropertyName("message")] string? Message)
{
    /// <summary>Every message the body carries, joined; null when it has none.</summary>
    public string? Text => (Errors, Message) switch
    {
        ({ Count: > 0 } errors, _) => string.Join("; ", errors),
        (_, { Length: > 0 } message) => message,
        _ => null,
    };

    /// <summary>Reads the error body of a failed response; null when there is none or it is not Discourse's shape.</summary>
    public static DiscourseError? From(IApiResponse response)
    {
        if (response.Error is not ApiException { Content: { Length: > 0 } content }) return null;
        try
        {
            return JsonSerializer.Deserialize<DiscourseError>(content, ConnectorJson.Options);
        }
        catch (JsonException)
        {
            // Errors from a proxy in front of the forum are often HTML or plain text.
            return null;
        }
    }
}

/// <summary>Extra facts on an error.</summary>
/// <param name="WaitSeconds">For a rate limit: seconds until the action is allowed again.</param>
public sealed record DiscourseErrorExtras(
    [property: JsonPropertyName("wait_seconds")] int? WaitSeconds);
