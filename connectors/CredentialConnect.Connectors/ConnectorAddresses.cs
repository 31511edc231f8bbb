using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Connectors;

/// <summary>
/// Where a connector may send its credentials: only to <c>https</c> addresses, or to <c>http</c> on this machine
/// (localhost, 127.0.0.0/8, ::1) while developing or when <see cref="AllowLoopbackHttpKey"/> is true. Anything
/// else (<c>file://</c>, <c>ftp://</c>, plain <c>http</c> to another host) would hand the partner's key to whoever
/// can read the wire or the file system.
/// </summary>
public static class ConnectorAddresses
{
    /// <summary>Set to <c>true</c> to allow <c>http</c> to a loopback host outside Development (partner stubs in tests, the sandbox).</summary>
    public const string AllowLoopbackHttpKey = "Connectors:AllowLoopbackHttp";

    /// <summary>Whether this host accepts <c>http</c> to a loopback host.</summary>
    public static bool AllowsLoopbackHttp(IHostEnvironment? environment, IConfiguration configuration) =>
        environment?.IsDevelopment() == true || configuration.GetValue<bool>(AllowLoopbackHttpKey);

    /// <summary>Why credentials may not be sent to <paramref name="address"/>; null when they may.</summary>
    public static string? Refusal(Uri address, bool allowLoopbackHttp)
    {
        if (!address.IsAbsoluteUri) return "Must be an absolute https URL.";
        if (address.Scheme == Uri.UriSchemeHttps) return null;
        if (address.Scheme == Uri.UriSchemeHttp && IsLoopback(address))
            return allowLoopbackHttp ? null : $"http is only allowed to this machine in Development or with {AllowLoopbackHttpKey}; use https.";
        return "Must be an https URL.";
    }

    /// <summary>localhost, 127.0.0.0/8 or ::1.</summary>
    public static bool IsLoopback(Uri address) =>
        string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);

    /// <summary>Whether two addresses reach the same server: same scheme, host and port.</summary>
    public static bool SameOrigin(Uri? a, Uri? b) =>
        a is null || b is null || !a.IsAbsoluteUri || !b.IsAbsoluteUri
            ? Equals(a, b)
            : string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
              && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
              && a.Port == b.Port;
}

/// <summary>Refuses, at start-up and on every reload, options whose partner addresses break <see cref="ConnectorAddresses"/>.</summary>
internal sealed class ConnectorAddressValidation<TOptions>(IConfiguration configuration, IServiceProvider services) : IValidateOptions<TOptions>
    where TOptions : ConnectorOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        // A connector used outside a host (a bare service collection) has no environment: only the setting decides.
        var allowLoopbackHttp = ConnectorAddresses.AllowsLoopbackHttp(services.GetService<IHostEnvironment>(), configuration);
        var failures = ConnectorSettingDescriptor.SettableProperties(typeof(TOptions))
            .Where(p => p.PropertyType == typeof(Uri))
            .Select(p => (p.Name, Address: (Uri?)p.GetValue(options)))
            .Where(a => a.Address is not null)
            .Select(a => ConnectorAddresses.Refusal(a.Address!, allowLoopbackHttp) is { } why ? $"{typeof(TOptions).Name}.{a.Name} ({a.Address}): {why}" : null)
            .OfType<string>()
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
