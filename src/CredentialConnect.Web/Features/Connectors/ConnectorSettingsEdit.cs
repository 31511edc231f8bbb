using CredentialConnect.Connectors;

namespace CredentialConnect.Web.Features.Connectors;

/// <summary>One setting of a connector, as the admin console draws its form field.</summary>
/// <param name="Name">The option name the settings API takes (<c>BaseUrl</c>).</param>
/// <param name="Type"><c>string</c>, <c>url</c>, <c>boolean</c>, <c>integer</c>, <c>number</c> or <c>duration</c> (<c>hh:mm:ss</c>).</param>
/// <param name="Required">Needed when the connector is enabled.</param>
/// <param name="Secret">A credential: its value is never returned, only whether it is set.</param>
/// <param name="Default">The value used when none is configured; null for secrets.</param>
/// <param name="Value">The value in effect; null for secrets.</param>
/// <param name="IsSet">Whether a value is configured (for a secret: set or not set).</param>
/// <param name="Help">One line of help.</param>
/// <param name="EnvironmentVariable">The same setting as an environment variable.</param>
public sealed record ConnectorSettingResponse(
    string Name, string Type, bool Required, bool Secret, string? Default, string? Value, bool IsSet, string Help, string EnvironmentVariable);

/// <summary>A checked change to a connector's settings: what to store, which secrets it clears, and what the audit log records.</summary>
public sealed record ConnectorSettingsEdit(
    IReadOnlyDictionary<string, string?> Changes, IReadOnlyList<string> SecretsCleared, IReadOnlyDictionary<string, object?> AuditChanges,
    IReadOnlySet<string> SecretNames);

/// <summary>
/// Turns a settings request into a <see cref="ConnectorSettingsEdit"/>: only the connector's own settings, values of
/// the right type, partner addresses that keep credentials safe, and secrets cleared when an address moves to
/// another host, so a stored key never follows a URL somewhere else.
/// </summary>
public static class ConnectorSettingsEditor
{
    public static IReadOnlyList<ConnectorSettingResponse> Describe(IConnector connector, IConfiguration configuration)
    {
        var sectionName = ConnectorsModule.SectionOf(connector.Name);
        var section = configuration.GetSection(sectionName);
        return ConnectorSettingDescriptor.Describe(connector.OptionsType).Select(d =>
        {
            var configured = section[d.Name];
            var isSet = !string.IsNullOrEmpty(configured);
            return new ConnectorSettingResponse(d.Name, d.Type, d.Required, d.Secret, d.Default,
                d.Secret ? null : configured ?? d.Default, isSet, d.Help, EnvironmentVariableOf(sectionName, d.Name));
        }).ToList();
    }

    /// <summary><c>Connectors:WildApricot</c>, <c>ApiKey</c> → <c>Connectors__WildApricot__ApiKey</c>.</summary>
    public static string EnvironmentVariableOf(string section, string setting) => $"{section}:{setting}".Replace(":", "__", StringComparison.Ordinal);

    public static (ConnectorSettingsEdit? Edit, Dictionary<string, string[]> Errors) Plan(
        IConnector connector, IReadOnlyDictionary<string, string?> requested, IConfiguration configuration, bool allowLoopbackHttp)
    {
        var descriptors = ConnectorSettingDescriptor.Describe(connector.OptionsType);
        var byName = descriptors.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        var errors = new Dictionary<string, string[]>();

        var unknown = requested.Keys.Where(k => !byName.ContainsKey(k)).ToList();
        foreach (var name in unknown)
            errors[$"settings.{name}"] = [$"'{connector.Name}' has no setting '{name}'. Its settings are: {string.Join(", ", descriptors.Select(d => d.Name))}."];
        if (errors.Count > 0) return (null, errors);

        // Configuration is case-insensitive; store each setting under the name its options type gives it.
        var changes = requested.ToDictionary(r => byName[r.Key].Name, r => r.Value);
        foreach (var (name, value) in changes)
        {
            if (value is null) continue;
            var descriptor = byName[name];
            if (ConnectorSettingTypes.Check(descriptor.Type, value) is { } wrongType) errors[$"settings.{name}"] = [wrongType];
            else if (descriptor.IsAddress && ConnectorAddresses.Refusal(new Uri(value, UriKind.Absolute), allowLoopbackHttp) is { } unsafeAddress)
                errors[$"settings.{name}"] = [unsafeAddress];
        }
        if (errors.Count > 0) return (null, errors);

        var section = ConnectorsModule.SectionOf(connector.Name);
        string? Before(ConnectorSettingDescriptor d) => configuration[$"{section}:{d.Name}"];
        string? After(ConnectorSettingDescriptor d) => EffectiveAfter(configuration, $"{section}:{d.Name}", changes.TryGetValue(d.Name, out var v), v);

        var moved = descriptors.Where(d => d.IsAddress)
            .Any(d => !ConnectorAddresses.SameOrigin(AddressOf(Before(d) ?? d.Default), AddressOf(After(d) ?? d.Default)));
        var cleared = new List<string>();
        if (moved)
        {
            // An empty value, not a removal: a secret from the environment would otherwise show through and follow the new address.
            foreach (var secret in descriptors.Where(d => d.Secret && string.IsNullOrEmpty(changes.GetValueOrDefault(d.Name))))
            {
                if (string.IsNullOrEmpty(After(secret))) continue;
                changes[secret.Name] = "";
                cleared.Add(secret.Name);
            }
        }

        var audit = new Dictionary<string, object?>();
        foreach (var d in descriptors)
        {
            // Non-secrets are recorded as the values in effect, so a first save reads "3 → 2", not "nothing → 2".
            var (before, after) = d.Secret ? (Before(d), After(d)) : (Before(d) ?? d.Default, After(d) ?? d.Default);
            if (before == after) continue;
            audit[d.Name] = d.Secret
                ? string.IsNullOrEmpty(after) ? "cleared" : string.IsNullOrEmpty(before) ? "set" : "changed"
                : new { from = before, to = after };
        }
        var secretNames = descriptors.Where(d => d.Secret).Select(d => d.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (new ConnectorSettingsEdit(changes, cleared, audit, secretNames), errors);
    }

    private static Uri? AddressOf(string? value) => Uri.TryCreate(value, UriKind.Absolute, out var uri) ? uri : null;

    // What configuration will hold for the key once the saved settings change: the saved value if there is one,
    // otherwise whatever the other sources say, read in the order configuration itself reads them.
    private static string? EffectiveAfter(IConfiguration configuration, string key, bool changed, string? saved)
    {
        if (!changed) return configuration[key];
        if (configuration is not IConfigurationRoot root) return saved;
        foreach (var provider in root.Providers.Reverse())
        {
            if (provider is ConnectorSettingsSource)
            {
                if (saved is not null) return saved;
                continue;
            }
            if (provider.TryGet(key, out var value)) return value;
        }
        return null;
    }
}
