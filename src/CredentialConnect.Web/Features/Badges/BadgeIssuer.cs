using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>
/// The association as the issuer of its badges, and every public address a badge names. The issuer's id is its
/// <c>did:web</c> DID, so any verifier can find the keys from the id alone; a key is <c>{did}#{keyId}</c>. It follows
/// the options as they change, so the name and address an Admin saves apply from the next credential on.
/// </summary>
public sealed class BadgeIssuer
{
    private readonly Func<BadgeOptions> _options;
    private (BadgeOptions Options, string Id) _current;

    public BadgeIssuer(IOptionsMonitor<BadgeOptions> options) => _options = () => options.CurrentValue;

    public BadgeIssuer(BadgeOptions options) => _options = () => options;

    public BadgeOptions Options => _options();

    /// <summary>The hub's public address, without a trailing slash.</summary>
    public string BaseUrl => Options.BaseUrl;

    /// <summary>The issuer id every credential carries: <c>did:web:…</c>.</summary>
    public string Id
    {
        get
        {
            var options = Options;
            var current = _current;
            if (!ReferenceEquals(current.Options, options)) _current = current = (options, DidWeb.For(new Uri(options.BaseUrl)));
            return current.Id;
        }
    }

    public string Name => Options.IssuerName;

    /// <summary>The DID URL of a key: a Data Integrity verificationMethod, and a VC-JWT <c>kid</c>.</summary>
    public string KeyUrl(string keyId) => $"{Id}#{keyId}";

    /// <summary>The key id a DID URL, a <c>/keys/{keyId}</c> URL or a bare key id names; null when it names none of ours.</summary>
    public string? KeyIdOf(string reference)
    {
        if (reference.StartsWith(Id + "#", StringComparison.Ordinal)) return reference[(Id.Length + 1)..];
        var keys = $"{BaseUrl}/keys/";
        if (reference.StartsWith(keys, StringComparison.Ordinal)) return reference[keys.Length..];
        return reference.Contains(':') || reference.Contains('/') || reference.Contains('#') ? null : reference;
    }

    public string ProfileUrl => $"{BaseUrl}/issuer";
    public string PublishedKeyUrl(string keyId) => $"{BaseUrl}/keys/{Uri.EscapeDataString(keyId)}";
    public string CredentialUrl(string number) => $"{BaseUrl}/credentials/{Uri.EscapeDataString(number)}";
    public string AchievementUrl(string programCode) => $"{BaseUrl}/programs/{Uri.EscapeDataString(programCode)}/achievement";
    public string BadgeImageUrl(string programCode) => $"{BaseUrl}/programs/{Uri.EscapeDataString(programCode)}/badge.png";
    public string VerificationUrl(string number) => $"{BaseUrl}/verify/{Uri.EscapeDataString(number)}";
    public string StatusListUrl(StatusPurpose purpose, int listNumber) => $"{BaseUrl}/status-lists/{StatusPurposes.Name(purpose)}/{listNumber}";

    /// <summary>The Open Badges 3.0 issuer as a credential embeds it.</summary>
    public JsonObject EmbeddedProfile() => new()
    {
        ["id"] = Id,
        ["type"] = new JsonArray("Profile"),
        ["name"] = Name,
        ["url"] = Options.IssuerUrl,
    };

    /// <summary>The issuer Profile published at <see cref="ProfileUrl"/>.</summary>
    public JsonObject PublishedProfile()
    {
        var profile = new JsonObject
        {
            ["@context"] = new JsonArray(OpenBadgeCredentialBuilder.CredentialsContext, OpenBadgeCredentialBuilder.OpenBadgesContext),
        };
        foreach (var (name, value) in EmbeddedProfile()) profile[name] = value?.DeepClone();
        profile["email"] = Options.IssuerEmail;
        return profile;
    }
}

/// <summary>did:web identifiers (W3C CCG did:web method).</summary>
public static class DidWeb
{
    /// <summary>
    /// The DID of a web address: the host, a port percent-encoded as <c>%3A</c>, then each path segment after a colon.
    /// <c>https://example.org:8443/hub</c> is <c>did:web:example.org%3A8443:hub</c>.
    /// </summary>
    public static string For(Uri baseUrl)
    {
        var host = baseUrl.IsDefaultPort ? baseUrl.IdnHost : $"{baseUrl.IdnHost}%3A{baseUrl.Port}";
        var segments = baseUrl.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.EscapeDataString);
        return string.Join(':', new[] { "did:web", host }.Concat(segments));
    }
}
