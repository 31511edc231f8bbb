using System.ComponentModel.DataAnnotations;

namespace CredentialConnect.Connectors.Discourse;

/// <summary>Settings for the Discourse community, bound from <c>Connectors:Discourse</c>. <see cref="ConnectorOptions.BaseUrl"/> is the forum's address.</summary>
public sealed class DiscourseOptions : ConnectorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Connectors:Discourse";

    /// <summary>An admin API key (Admin → API → New API key, "All users" or granted for <see cref="ApiUsername"/>). A secret: from the environment or user-secrets only.</summary>
    [Setting("A Discourse admin API key (Admin → API → New API key), for All users or for the ApiUsername user.", Secret = true, Required = true)]
    public string? ApiKey { get; set; }

    /// <summary>The user the API acts as; badges are granted and messages sent in this user's name. Must be an admin.</summary>
    [Setting("The admin user the hub acts as: badges are granted and messages sent in this user's name.", Required = true)]
    public string ApiUsername { get; set; } = "system";

    /// <summary>The secret set on the forum's webhook, used to check <c>X-Discourse-Event-Signature</c>. A secret.</summary>
    [Setting("The secret set on the forum's webhook, checked against X-Discourse-Event-Signature.", Secret = true)]
    public string? WebhookSecret { get; set; }

    /// <summary>The type of badges the hub creates: 1 gold, 2 silver, 3 bronze.</summary>
    [Setting("The type of badges the hub creates: 1 gold, 2 silver, 3 bronze.")]
    [Range(1, 3)]
    public int BadgeTypeId { get; set; } = 3;

    /// <inheritdoc />
    protected override IEnumerable<ValidationResult> ValidateEnabled()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult("ApiKey is required when the Discourse connector is enabled.", [nameof(ApiKey)]);
        if (string.IsNullOrWhiteSpace(ApiUsername))
            yield return new ValidationResult("ApiUsername is required when the Discourse connector is enabled.", [nameof(ApiUsername)]);
    }
}
