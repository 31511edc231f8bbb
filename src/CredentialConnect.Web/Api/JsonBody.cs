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
        catch (JsonException e) when (EchoedFields.UnknownProperty(e) is { } unknown)
        {
            return (null, Problems.ValidationFailed(unknown, $"This endpoint does not take '{unknown}'. Remove it, or check its spelling."));
        }
        catch (JsonException e)
        {
            var field = FieldOf(e.Path);
            return (null, Problems.ValidationFailed(field, $"This value cannot be read: {Reason(e, TypeAt<T>(field))}"));
        }
    }

    // "$.hours" → "hours", "$.items[2].id" → "items[2].id": the same paths the rules use.
    private static string FieldOf(string? path) =>
        path is null or "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    // The type the field should hold, when it is a top-level property of the body.
    private static Type? TypeAt<T>(string field)
    {
        var property = typeof(T).GetProperties().FirstOrDefault(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase));
        return property is null ? null : Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
    }

    private static string Reason(JsonException e, Type? expectedType)
    {
        var message = e.Message;
        if (expectedType is { IsEnum: true }) return $"expected one of {string.Join(", ", Enum.GetNames(expectedType))}.";
        foreach (var (type, expected) in Expected)
            if (expectedType?.FullName == type || message.Contains(type, StringComparison.Ordinal)) return $"expected {expected}.";
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
