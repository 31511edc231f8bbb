using Microsoft.Extensions.Options;

namespace CredentialConnect.Connectors.Xapi;

/// <summary>
/// Verifies a relay's Standard Webhooks delivery saying the LRS has new statements. xAPI itself has no webhooks;
/// a relay (the LRS's forwarding feature, or a small function in front of it) sends them, and the hub then syncs.
/// </summary>
public sealed class XapiWebhookVerifier(IOptionsMonitor<XapiOptions> options) : IWebhookVerifier
{
    /// <inheritdoc />
    public string Connector => XapiLearningSource.ConnectorName;

    /// <inheritdoc />
    public WebhookVerification Verify(WebhookRequest request) =>
        options.CurrentValue.WebhookSecret is { Length: > 0 } secret
            ? StandardWebhooks.Verify(request, secret)
            : new WebhookVerification.Rejected("No webhook secret is configured for the xAPI connector.");

    /// <inheritdoc />
    public WebhookNotice Interpret(ReadOnlyMemory<byte> body) => new WebhookNotice.FeedChanged();
}
