using System.ComponentModel.DataAnnotations;

namespace CredentialConnect.Connectors.Xapi;

/// <summary>
/// Settings for an xAPI Learning Record Store that speaks the cmi5 profile. <see cref="ConnectorOptions.BaseUrl"/>
/// is the LRS endpoint, ending in a slash (<c>https://lrs.example.org/xapi/</c>); resources such as
/// <c>statements</c> are relative to it.
/// </summary>
public sealed class XapiOptions : ConnectorOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string Section = "Connectors:Xapi";

    /// <summary>The LRS key (the HTTP Basic user name), issued by the LRS for the hub.</summary>
    [Setting("The LRS key (HTTP Basic user name) the LRS issued for the hub, with read access to statements.", Secret = true, Required = true)]
    public string? Key { get; set; }

    /// <summary>The LRS secret (the HTTP Basic password).</summary>
    [Setting("The LRS secret (HTTP Basic password) that goes with the key.", Secret = true, Required = true)]
    public string? Secret { get; set; }

    /// <summary>The xAPI version sent in <c>X-Experience-API-Version</c> on every request.</summary>
    [Setting("The xAPI version sent in X-Experience-API-Version.")]
    [Required]
    public string Version { get; set; } = "1.0.3";

    /// <summary>Statements asked for per request (<c>limit</c>); the LRS may return fewer.</summary>
    [Setting("Statements asked for per request, 1 to 5000.")]
    [Range(1, 5000)]
    public int PageSize { get; set; } = 500;

    /// <summary>
    /// The Standard Webhooks secret of a relay that tells the hub when new statements arrive. Without it, the hub
    /// rejects every webhook for this connector and relies on its schedule.
    /// </summary>
    [Setting("The Standard Webhooks secret (whsec_…) of the relay that tells the hub new statements arrived.", Secret = true)]
    public string? WebhookSecret { get; set; }

    /// <inheritdoc />
    protected override IEnumerable<ValidationResult> ValidateEnabled()
    {
        if (string.IsNullOrWhiteSpace(Key))
            yield return new ValidationResult("Key is required when the xAPI connector is enabled.", [nameof(Key)]);
        if (string.IsNullOrWhiteSpace(Secret))
            yield return new ValidationResult("Secret is required when the xAPI connector is enabled.", [nameof(Secret)]);
    }
}
