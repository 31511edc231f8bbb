using System.ComponentModel.DataAnnotations;

namespace CredentialConnect.Connectors.WildApricot;

/// <summary>Settings for Wild Apricot (API v2.2), bound from <c>Connectors:WildApricot</c>.</summary>
public sealed class WildApricotOptions : ConnectorOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Connectors:WildApricot";

    /// <summary>Points at the real API until configuration says otherwise.</summary>
    public WildApricotOptions() => BaseUrl = new Uri("https://api.wildapricot.org/");

    /// <summary>The OAuth server, a separate host from the API: tokens come from <c>{AuthUrl}/auth/token</c>.</summary>
    [Setting("Wild Apricot's OAuth server; the API key is sent here for tokens. Stored secrets are cleared when it moves to another host.", Required = true)]
    public Uri? AuthUrl { get; set; } = new("https://oauth.wildapricot.org/");

    /// <summary>The account's API key (Settings, Integration, Authorized applications). A secret: set it from the environment or user-secrets.</summary>
    [Setting("API key of an authorized application (Settings → Integration → Authorized applications → Server application, read access to contacts).", Secret = true, Required = true)]
    public string? ApiKey { get; set; }

    /// <summary>The Wild Apricot account id.</summary>
    [Setting("The numeric Wild Apricot account id: GET /v2.2/accounts with the API key returns it.", Required = true)]
    public int AccountId { get; set; }

    /// <summary>
    /// Contacts per request. Consecutive pages overlap by one contact (see <see cref="WildApricotMemberSource"/>),
    /// so each page brings <c>PageSize - 1</c> new contacts.
    /// </summary>
    [Setting("Contacts read per request, 2 to 500.")]
    [Range(2, 500)]
    public int PageSize { get; set; } = 100;

    /// <summary>Ask for contacts with <c>$async=true</c> and poll the result, as Wild Apricot recommends for large accounts.</summary>
    [Setting("Read contacts with asynchronous queries, as Wild Apricot recommends for large accounts.")]
    public bool UseAsyncQueries { get; set; }

    /// <summary>How long to wait between polls of an asynchronous query.</summary>
    [Setting("How long to wait between polls of an asynchronous query (hh:mm:ss).")]
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan AsyncPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Polls of one asynchronous query before the read gives up and is retried later.</summary>
    [Setting("Polls of one asynchronous query before the read is retried later, 1 to 300.")]
    [Range(1, 300)]
    public int AsyncMaxPolls { get; set; } = 30;

    /// <summary>
    /// How far before a read started the next incremental read reaches back, so a change saved while the read ran,
    /// or stamped by a Wild Apricot clock a little behind ours, is read again rather than missed.
    /// </summary>
    [Setting("How far back each incremental read reaches, so changes saved during a read are not missed (hh:mm:ss).")]
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ChangeOverlap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The secret that authenticates Wild Apricot's webhooks: the value of the <c>token</c> query parameter
    /// ("Secret token (query)"), or the password of "Basic" authorization. A secret.
    /// </summary>
    [Setting("The secret token of the Wild Apricot webhook (query parameter token, or the Basic password).", Secret = true)]
    public string? WebhookToken { get; set; }

    /// <inheritdoc />
    protected override IEnumerable<ValidationResult> ValidateEnabled()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
            yield return new ValidationResult("ApiKey is required when Wild Apricot is enabled.", [nameof(ApiKey)]);
        if (AccountId <= 0)
            yield return new ValidationResult("AccountId is required when Wild Apricot is enabled.", [nameof(AccountId)]);
        if (AuthUrl is null || !AuthUrl.IsAbsoluteUri)
            yield return new ValidationResult("AuthUrl must be an absolute URL when Wild Apricot is enabled.", [nameof(AuthUrl)]);
    }
}
