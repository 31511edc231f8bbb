using System.ComponentModel.DataAnnotations;

namespace CredentialConnect.Connectors;

/// <summary>
/// Settings every connector has. A connector's own options derive from this, so "enabled" and "base URL"
/// read the same everywhere and are validated the same way at start-up.
/// </summary>
public abstract class ConnectorOptions : IValidatableObject
{
    /// <summary>Off by default: an association turns on the systems it has.</summary>
    [Setting("Turns the connector on. Off by default; switch on the systems the association uses.")]
    public bool Enabled { get; set; }

    /// <summary>The partner's API root, e.g. <c>https://api.wildapricot.org</c>.</summary>
    [Setting("The partner's API address (https). Stored secrets are cleared when it moves to another host.", Required = true)]
    public Uri? BaseUrl { get; set; }

    /// <summary>How long one HTTP attempt may take before it counts as a timeout.</summary>
    [Setting("How long one HTTP attempt may take before it counts as a timeout (hh:mm:ss).")]
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries of a safe (GET) request inside one call, before the call reports <see cref="Outcome.Retryable"/>.</summary>
    [Setting("Retries of a safe (GET) request inside one call, 0 to 10.")]
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay; later ones back off exponentially with jitter.</summary>
    [Setting("The first retry delay; later retries back off exponentially (hh:mm:ss).")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest a retry inside one call waits, even if the partner's <c>Retry-After</c> asks for more; longer waits are left to the caller's schedule.</summary>
    [Setting("The longest wait between retries inside one call, even if the partner asks for more (hh:mm:ss).")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (BaseUrl is null || !BaseUrl.IsAbsoluteUri)
            yield return new ValidationResult("BaseUrl must be an absolute URL when the connector is enabled.", [nameof(BaseUrl)]);
        foreach (var result in ValidateEnabled()) yield return result;
    }

    /// <summary>The connector's own checks, made only when it is enabled (credentials present, ids set).</summary>
    protected abstract IEnumerable<ValidationResult> ValidateEnabled();
}
