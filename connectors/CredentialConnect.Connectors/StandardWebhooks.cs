using System.Security.Cryptography;
using System.Text;

namespace CredentialConnect.Connectors;

/// <summary>
/// The Standard Webhooks scheme (standardwebhooks.com): <c>webhook-id</c>, <c>webhook-timestamp</c> and
/// <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "id.timestamp.body"&gt;</c>, with a five-minute tolerance.
/// </summary>
public static class StandardWebhooks
{
    /// <summary>How far the sender's timestamp may be from the hub's clock, either way.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    /// <summary>Verifies <paramref name="request"/> against <paramref name="secret"/> (raw, or <c>whsec_</c> + base64).</summary>
    public static WebhookVerification Verify(WebhookRequest request, string secret)
    {
        var id = request.Header("webhook-id");
        var timestamp = request.Header("webhook-timestamp");
        var signatures = request.Header("webhook-signature");
        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
            return new WebhookVerification.Rejected("Missing webhook-id, webhook-timestamp or webhook-signature.");
        if (!long.TryParse(timestamp, out var seconds))
            return new WebhookVerification.Rejected("webhook-timestamp is not a Unix time.");

        var sentAt = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((request.ReceivedAt - sentAt).Duration() > Tolerance)
            return new WebhookVerification.Rejected($"webhook-timestamp is more than {Tolerance.TotalMinutes} minutes from now.");

        var expected = Sign(secret, id, sentAt, request.Body.Span);
        // Several space-separated signatures are allowed, so a sender can rotate its secret.
        foreach (var candidate in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (candidate.StartsWith("v1,", StringComparison.Ordinal)
                && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(candidate[3..]), Encoding.ASCII.GetBytes(expected)))
                return new WebhookVerification.Verified(id);
        }
        return new WebhookVerification.Rejected("No webhook-signature matches the body.");
    }

    /// <summary>The base64 signature (without <c>v1,</c>) a sender puts on a delivery.</summary>
    public static string Sign(string secret, string id, DateTimeOffset sentAt, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{id}.{sentAt.ToUnixTimeSeconds()}.");
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return Convert.ToBase64String(HMACSHA256.HashData(SecretBytes(secret), content));
    }

    /// <summary>The headers a sender adds to a delivery.</summary>
    public static IReadOnlyDictionary<string, string> Headers(string secret, string id, DateTimeOffset sentAt, ReadOnlySpan<byte> body) =>
        new Dictionary<string, string>
        {
            ["webhook-id"] = id,
            ["webhook-timestamp"] = sentAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["webhook-signature"] = "v1," + Sign(secret, id, sentAt, body),
        };

    private static byte[] SecretBytes(string secret) =>
        secret.StartsWith("whsec_", StringComparison.Ordinal) ? Convert.FromBase64String(secret["whsec_".Length..]) : Encoding.UTF8.GetBytes(secret);
}
