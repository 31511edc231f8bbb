using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Connectors.Discourse;

/// <summary>
/// Checks Discourse webhooks: <c>X-Discourse-Event-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c> with the
/// webhook's secret, and <c>X-Discourse-Event-Id</c> as the delivery id.
/// </summary>
public sealed class DiscourseWebhookVerifier(IOptionsMonitor<DiscourseOptions> options) : IWebhookVerifier
{
    private const string SignaturePrefix = "sha256=";

    /// <inheritdoc />
    public string Connector => DiscourseCommunityTarget.ConnectorName;

    /// <inheritdoc />
    public WebhookVerification Verify(WebhookRequest request)
    {
        var secret = options.CurrentValue.WebhookSecret;
        if (string.IsNullOrEmpty(secret))
            return new WebhookVerification.Rejected("No Discourse webhook secret is configured.");

        var signature = request.Header("X-Discourse-Event-Signature");
        var eventId = request.Header("X-Discourse-Event-Id");
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(eventId))
            return new WebhookVerification.Rejected("Missing X-Discourse-Event-Signature or X-Discourse-Event-Id.");

        var expected = Encoding.ASCII.GetBytes(Sign(secret, request.Body.Span));
        var given = Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(given, expected)
            ? new WebhookVerification.Verified(eventId)
            : new WebhookVerification.Rejected("X-Discourse-Event-Signature does not match the body.");
    }

    /// <summary>Community events are kept as a record of what happened; none of them changes what the hub holds.</summary>
    public WebhookNotice Interpret(ReadOnlyMemory<byte> body) => new WebhookNotice.Ignored("community events are recorded only");

    /// <summary>The <c>X-Discourse-Event-Signature</c> value Discourse puts on <paramref name="body"/>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        SignaturePrefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
