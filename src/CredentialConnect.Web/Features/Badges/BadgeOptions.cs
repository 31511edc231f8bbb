using System.ComponentModel.DataAnnotations;
using CredentialConnect.Web.Features.Demo;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>How the association appears as the issuer of its badges.</summary>
public sealed class BadgeOptions : IValidatableObject
{
    public const string Section = "Badges";

    /// <summary>Where the hub is reached from outside, e.g. <c>https://credentials.example.org</c>. Every id in a badge starts with it.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>The default outside Production, where a hub runs on a developer's machine.</summary>
    public const string LocalBaseUrl = "http://localhost:5080";

    /// <summary>The issuer's name, as badges and certificates print it.</summary>
    public string IssuerName { get; set; } = DemoAssociation.Name;

    /// <summary>The association's own web site.</summary>
    public string IssuerUrl { get; set; } = $"https://{DemoAssociation.EmailDomain}";

    /// <summary>Where people write about a credential.</summary>
    public string IssuerEmail { get; set; } = $"credentials@{DemoAssociation.EmailDomain}";

    /// <summary>How long a signed status list stays valid; it is re-signed well before, and at once when a status changes.</summary>
    public TimeSpan StatusListValidity { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The base URL without a trailing slash.</summary>
    public string BaseUrl => (PublicBaseUrl ?? LocalBaseUrl).TrimEnd('/');

    /// <summary>Whether <paramref name="url"/> can be the hub's public address: absolute http(s), without query or fragment.</summary>
    public static bool IsHubAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var address) && address.Scheme is "https" or "http" && address.Query.Length == 0 && address.Fragment.Length == 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsHubAddress(PublicBaseUrl))
            yield return new ValidationResult($"{Section}:{nameof(PublicBaseUrl)} must be the hub's absolute http(s) address, without query or fragment.", [nameof(PublicBaseUrl)]);
        if (!Uri.TryCreate(IssuerUrl, UriKind.Absolute, out _))
            yield return new ValidationResult($"{Section}:{nameof(IssuerUrl)} must be an absolute URL.", [nameof(IssuerUrl)]);
        if (string.IsNullOrWhiteSpace(IssuerName))
            yield return new ValidationResult($"{Section}:{nameof(IssuerName)} is required.", [nameof(IssuerName)]);
        if (StatusListValidity < TimeSpan.FromMinutes(10))
            yield return new ValidationResult($"{Section}:{nameof(StatusListValidity)} must be at least ten minutes.", [nameof(StatusListValidity)]);
    }
}
