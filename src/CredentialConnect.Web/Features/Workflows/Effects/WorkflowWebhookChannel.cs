using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Features.Delivery;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Delivers a workflow's HTTP webhook: the JSON body, signed with HMAC-SHA256 over the body so the receiver can
/// check it came from the hub, and the idempotency key, so a receiver can drop a redelivery. An address the
/// <see cref="WebhookAddressGuard"/> refuses, a redirect or a 4xx answer is a permanent failure: the outbox
/// dead-letters it and the flow gets an incident on the webhook's step with the partner's answer.
/// </summary>
public sealed class WorkflowWebhookChannel(IHttpClientFactory clients, IOptions<WorkflowOptions> options, WebhookAddressGuard guard) : IOutboxChannel
{
    public const string Kind = "workflow.webhook";
    public const string SignatureHeader = "X-CredentialConnect-Signature";
    public const string KeyHeader = "X-CredentialConnect-Key";

    public async Task<Outcome> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var payload = JsonNode.Parse(message.Payload)!.AsObject();
        if (!Uri.TryCreate(EffectPayload.Text(payload, "url"), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            return new Outcome.Permanent($"'{EffectPayload.Text(payload, "url")}' is not an http(s) URL.");

        if (await guard.RefusalAsync(url.IdnHost, cancellationToken) is { } refusal) return new Outcome.Permanent($"The hub will not call {url}: {refusal}");

        var body = payload["body"]?.ToJsonString() ?? "{}";
        using var request = new HttpRequestMessage(new HttpMethod(EffectPayload.Text(payload, "method") ?? "POST"), url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(KeyHeader, message.IdempotencyKey);
        if (options.Value.WebhookSigningKey is { Length: > 0 } key) request.Headers.Add(SignatureHeader, $"sha256={Sign(key, body)}");

        try
        {
            using var response = await clients.CreateClient(Kind).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode) return new Outcome.Done($"{(int)response.StatusCode}");
            if ((int)response.StatusCode is >= 300 and < 400)
                return new Outcome.Permanent($"{url.Host} answered {(int)response.StatusCode} redirecting to '{response.Headers.Location}'; webhooks do not follow redirects.");
            return (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests
                ? new Outcome.Retryable($"{url.Host} answered {(int)response.StatusCode}.", RetryAfter(response.Headers.RetryAfter))
                : new Outcome.Permanent($"{url.Host} refused the webhook with {(int)response.StatusCode}.");
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookRefusedException refused)
        {
            return new Outcome.Permanent($"The hub will not call {url}: {refused.Message}");
        }
        catch (HttpRequestException e)
        {
            return new Outcome.Retryable($"Could not reach {url.Host}: {e.Message}");
        }
    }

    public static string Sign(string key, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(body)));

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header?.Delta;
}
