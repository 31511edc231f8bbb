using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Api;

/// <summary>
/// Reads a request body into <typeparamref name="T"/> so that a value of the wrong type (<c>"hours": "ten"</c>)
/// is a validation problem naming its field, like any other bad value, rather than an unreadable request.
/// Endpoints that take it bind the body as a <see cref="JsonElement"/>: malformed JSON is still refused before it.
/// </summary>
public static class JsonBody
{
    public static (T? Value, ValidationProblem? Problem) Read<T>(JsonElement body, HttpContext context) where T : class
    {
        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        if (body.ValueKind != JsonValueKind.Object) return (null, Problems.ValidationFailed("$", "The body must be a JSON object."));
        try
        {
            return (body.Deserialize<T>(options), null);
        }
        catch (JsonException e)
        {
            return (null, Problems.ValidationFailed(FieldOf(e.Path), $"This value cannot be read: {Reason(e)}"));
        }
    }

    // "$.hours" → "hours", "$.items[2].id" → "items[2].id": the same paths the rules use.
    private static string FieldOf(string? path) =>
        path is null or "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static string Reason(JsonException e)
    {
        var message = e.Message;
        foreach (var (type, expected) in Expected)
            if (message.Contains(type, StringComparison.Ordinal)) return $"expected {expected}.";
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static readonly (string Type, string Expected)[] Expected =
    [
        ("System.Decimal", "a number"), ("System.Int32", "a whole number"), ("System.Int64", "a whole number"),
        ("System.DateTimeOffset", "an ISO-8601 date and time, e.g. 2026-05-01T00:00:00Z"), ("System.Guid", "an id (a GUID)"),
        ("System.Boolean", "true or false"),
    ];
}
