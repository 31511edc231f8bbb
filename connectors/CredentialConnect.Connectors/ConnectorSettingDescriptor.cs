using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace CredentialConnect.Connectors;

/// <summary>
/// Describes one connector setting for people: the admin console draws its form from it, and the README lists it.
/// Every public settable property of a <see cref="ConnectorOptions"/> type carries one.
/// </summary>
/// <param name="help">One line saying what the setting is and where the association finds its value.</param>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SettingAttribute(string help) : Attribute
{
    /// <summary>One line of help.</summary>
    public string Help { get; } = help;

    /// <summary>A credential: encrypted at rest, never returned, cleared when the partner's address moves to another host.</summary>
    public bool Secret { get; init; }

    /// <summary>Needed when the connector is enabled.</summary>
    public bool Required { get; init; }
}

/// <summary>One setting of a connector, as read from its options type.</summary>
/// <param name="Name">The option name, as in configuration (<c>Connectors:WildApricot:ApiKey</c>) and the settings API.</param>
/// <param name="Type">What the value is: <c>string</c>, <c>url</c>, <c>boolean</c>, <c>integer</c>, <c>number</c> or <c>duration</c> (<c>hh:mm:ss</c>).</param>
/// <param name="Required">Whether the connector needs it when enabled.</param>
/// <param name="Secret">Whether it is a credential that is never returned.</param>
/// <param name="Default">The value used when nothing is configured; null when there is none, and always for secrets.</param>
/// <param name="Help">One line of help.</param>
public sealed record ConnectorSettingDescriptor(string Name, string Type, bool Required, bool Secret, string? Default, string Help)
{
    /// <summary>True for settings that hold a partner address: secrets are sent there.</summary>
    public bool IsAddress => Type == ConnectorSettingTypes.Url;

    /// <summary>
    /// Every setting of <paramref name="optionsType"/>: its public properties with a setter, in declaration order
    /// (the base options first). A property without <see cref="SettingAttribute"/> is a defect the tests catch.
    /// </summary>
    public static IReadOnlyList<ConnectorSettingDescriptor> Describe(Type optionsType)
    {
        if (!typeof(ConnectorOptions).IsAssignableFrom(optionsType))
            throw new ArgumentException($"{optionsType.Name} is not a connector options type.", nameof(optionsType));
        var defaults = Activator.CreateInstance(optionsType);
        return SettableProperties(optionsType)
            .Select(p =>
            {
                var setting = p.GetCustomAttribute<SettingAttribute>();
                var secret = setting?.Secret ?? false;
                return new ConnectorSettingDescriptor(
                    p.Name,
                    ConnectorSettingTypes.Of(p.PropertyType),
                    (setting?.Required ?? false) || p.GetCustomAttribute<RequiredAttribute>() is not null,
                    secret,
                    secret ? null : Format(p.GetValue(defaults)),
                    setting?.Help ?? "");
            })
            .ToList();
    }

    /// <summary>The public properties with a setter, the base type's first.</summary>
    public static IEnumerable<PropertyInfo> SettableProperties(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true })
            .OrderBy(p => Depth(p.DeclaringType!))
            .ThenBy(p => p.MetadataToken);

    /// <summary>A value as configuration writes it: invariant culture, <c>true</c>/<c>false</c>, <c>hh:mm:ss</c>.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        Uri u => u.OriginalString,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static int Depth(Type type)
    {
        var depth = 0;
        for (var t = type.BaseType; t is not null; t = t.BaseType) depth++;
        return depth;
    }
}

/// <summary>The types a setting can have, and how a text value is checked against each.</summary>
public static class ConnectorSettingTypes
{
    /// <summary>Free text.</summary>
    public const string Text = "string";
    /// <summary>An absolute URL.</summary>
    public const string Url = "url";
    /// <summary><c>true</c> or <c>false</c>.</summary>
    public const string Boolean = "boolean";
    /// <summary>A whole number.</summary>
    public const string Integer = "integer";
    /// <summary>A decimal number.</summary>
    public const string Number = "number";
    /// <summary>A length of time, <c>hh:mm:ss</c> (or <c>d.hh:mm:ss</c>).</summary>
    public const string Duration = "duration";

    /// <summary>The setting type of a property type.</summary>
    public static string Of(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(Uri)) return Url;
        if (type == typeof(bool)) return Boolean;
        if (type == typeof(TimeSpan)) return Duration;
        if (type == typeof(int) || type == typeof(long) || type == typeof(short)) return Integer;
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float)) return Number;
        return Text;
    }

    /// <summary>Why <paramref name="value"/> cannot be a <paramref name="type"/>; null when it can.</summary>
    public static string? Check(string type, string value) => type switch
    {
        Boolean when !bool.TryParse(value, out _) => "Expected true or false.",
        Integer when !int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _) => "Expected a whole number.",
        Number when !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _) => "Expected a number.",
        Duration when !TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out _) => "Expected a length of time as hh:mm:ss, e.g. 00:00:30.",
        Url when !Uri.TryCreate(value, UriKind.Absolute, out _) => "Expected an absolute URL, e.g. https://partner.example.org/.",
        _ => null,
    };
}
