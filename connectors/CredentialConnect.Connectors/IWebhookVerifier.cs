namespace CredentialConnect.Connectors;

/// <summary>
/// Checks an inbound webhook from the raw bytes, before anything parses the body. One per connector;
/// the host routes <c>/hooks/{connector}</c> to the verifier whose <see cref="Connector"/> matches.
/// </summary>
public interface IWebhookVerifier
{
    /// <summary>The connector name this verifier guards.</summary>
    string Connector { get; }

    /// <summary>Verifies the request. A forged or stale request is <see cref="WebhookVerification.Rejected"/>.</summary>
    WebhookVerification Verify(WebhookRequest request);

    /// <summary>Reads what a verified webhook asks the hub to do. Called only after <see cref="Verify"/> accepted the same bytes.</summary>
    WebhookNotice Interpret(ReadOnlyMemory<byte> body);
}

/// <summary>What a verified webhook asks of the hub. Webhooks are thin: they say what changed, and the hub re-reads it from the partner.</summary>
public abstract record WebhookNotice
{
    private WebhookNotice() { }

    /// <summary>One member changed in the AMS: re-fetch them.</summary>
    public sealed record MemberChanged(string AmsMemberId) : WebhookNotice;

    /// <summary>The partner's feed has news: run the connector's sync now instead of waiting for the schedule.</summary>
    public sealed record FeedChanged : WebhookNotice;

    /// <summary>Authentic, but nothing the hub acts on (an event type it does not use, a malformed body).</summary>
    public sealed record Ignored(string Reason) : WebhookNotice;
}

/// <summary>An inbound webhook exactly as received.</summary>
/// <param name="Headers">Request headers, case-insensitive.</param>
/// <param name="Query">Query string values, case-insensitive.</param>
/// <param name="Body">The raw body bytes.</param>
/// <param name="ReceivedAt">When the hub received it, from the hub's clock.</param>
public sealed record WebhookRequest(
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Query,
    ReadOnlyMemory<byte> Body,
    DateTimeOffset ReceivedAt)
{
    /// <summary>A header value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>The verifier's verdict.</summary>
public abstract record WebhookVerification
{
    private WebhookVerification() { }

    /// <summary>Authentic. <paramref name="EventId"/> is the sender's id for the delivery, the inbox key that makes a replay harmless.</summary>
    public sealed record Verified(string EventId) : WebhookVerification;

    /// <summary>Not authentic, or too old. <paramref name="Reason"/> is logged, never echoed in detail to the caller.</summary>
    public sealed record Rejected(string Reason) : WebhookVerification;
}
