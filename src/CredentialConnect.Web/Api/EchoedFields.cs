using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CredentialConnect.Web.Api;

/// <summary>
/// Marks a request body that a client may send back as it read it: the read-only fields of
/// <see cref="ResponseType"/> (<c>id</c>, <c>status</c>, <c>createdAt</c>…) are accepted and ignored, while any
/// other property the body does not take is still refused, so a GET-edit-PUT client works and a typo does not.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AcceptsEchoOfAttribute(Type responseType) : Attribute
{
    public Type ResponseType { get; } = responseType;
}

/// <summary>Adds the ignored read-only fields to the JSON contracts of bodies marked <see cref="AcceptsEchoOfAttribute"/>.</summary>
public static class EchoedFields
{
    /// <summary>A <see cref="JsonTypeInfo"/> modifier: each echoed field is read and dropped, and never written.</summary>
    public static void Tolerate(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object) return;
        foreach (var name in IgnoredNames(info.Type, info.Options, info.Properties.Select(p => p.Name)))
        {
            var ignored = info.CreateJsonPropertyInfo(typeof(JsonElement), name);
            ignored.Set = static (_, _) => { };
            info.Properties.Add(ignored);
        }
    }

    /// <summary>The response's property names, as JSON spells them, that the body itself does not take.</summary>
    public static IEnumerable<string> IgnoredNames(Type bodyType, JsonSerializerOptions options, IEnumerable<string> bodyProperties)
    {
        if (bodyType.GetCustomAttribute<AcceptsEchoOfAttribute>() is not { } echo) return [];
        var taken = bodyProperties.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return echo.ResponseType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<System.Text.Json.Serialization.JsonPropertyNameAttribute>()?.Name
                         ?? options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name)
            .Where(name => !taken.Contains(name))
            .ToList();
    }

    /// <summary>The property a "could not be mapped" error names, as a field path (<c>recertification.bogus</c>); null for other errors.</summary>
    public static string? UnknownProperty(JsonException error)
    {
        if (!error.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal)) return null;
        var path = error.Path;
        if (!string.IsNullOrEmpty(path) && path != "$") return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        var quoted = System.Text.RegularExpressions.Regex.Match(error.Message, "property '([^']*)'");
        return quoted.Success ? quoted.Groups[1].Value : "$";
    }
}
