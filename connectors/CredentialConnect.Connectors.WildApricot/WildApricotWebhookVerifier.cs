using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CredentialConnect.Connectors.WildApricot.Models;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Connectors.WildApricot;

/// <summary>
/// Checks Wild Apricot's webhooks. Wild Apricot signs nothing: a webhook carries either a secret token in the
/// query string (<c>?token=</c>) or Basic authorization, and either must match <see cref="WildApricotOptions.WebhookToken"/>.
/// It sends no delivery id either, so the event id is the SHA-256 of the body: a redelivery of the same
/// notification is then recognised as a replay.
/// </summary>
public sealed class WildApricotWebhookVerifier(IOptionsMonitor<WildApricotOptions> options) : IWebhookVerifier
{
    private static readonly HashSet<string> MemberMessageTypes = new(StringComparer.OrdinalIgnoreCase) { "ContactModified", "Membership" };

    /// <inheritdoc />
    public string Connector => WildApricotMemberSource.ConnectorName;

    /// <inheritdoc />
    public WebhookVerification Verify(WebhookRequest request)
    {
        var secret = options.CurrentValue.WebhookToken;
        if (string.IsNullOrEmpty(secret)) return new WebhookVerification.Rejected("No Wild Apricot WebhookToken is configured.");

        var presented = new[] { request.Query.TryGetValue("token", out var token) ? token : null, BasicPassword(request.Header("Authorization")) }
            .OfType<string>()
            .ToList();
        if (presented.Count == 0) return new WebhookVerification.Rejected("Neither a token query parameter nor Basic authorization.");
        if (!presented.Any(candidate => SameSecret(candidate, secret))) return new WebhookVerification.Rejected("The webhook token does not match.");

        return new WebhookVerification.Verified(Convert.ToHexStringLower(SHA256.HashData(request.Body.Span)));
    }

    /// <inheritdoc />
    public WebhookNotice Interpret(ReadOnlyMemory<byte> body)
    {
        WildApricotNotification? notification;
        try
        {
            notification = JsonSerializer.Deserialize<WildApricotNotification>(body.Span, ConnectorJson.Options);
        }
        catch (JsonException e)
        {
            return new WebhookNotice.Ignored($"Not a Wild Apricot notification: {e.Message}");
        }

        if (notification is null) return new WebhookNotice.Ignored("Empty Wild Apricot notification.");
        if (Number(notification.AccountId) is { } account && account != options.CurrentValue.AccountId.ToString(CultureInfo.InvariantCulture))
            return new WebhookNotice.Ignored($"Notification for Wild Apricot account {account}, not the configured one.");
        if (notification.MessageType is not { } type || !MemberMessageTypes.Contains(type))
            return new WebhookNotice.Ignored($"Wild Apricot {notification.MessageType ?? "untyped"} notifications are not used.");
        if (notification.Parameters?.GetValueOrDefault("Contact.Id") is not { } contact || Number(contact) is not { } contactId)
            return new WebhookNotice.Ignored($"Wild Apricot {type} notification without a Contact.Id.");
        return new WebhookNotice.MemberChanged(contactId);
    }

    private static string? BasicPassword(string? authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
            return null;
        try
        {
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = credentials.IndexOf(':');
            return colon < 0 ? null : credentials[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    // Hashing first gives equal lengths, so the comparison's time says nothing about the secret, not even its length.
    private static bool SameSecret(string presented, string secret) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    // Ids arrive as "456" or 456; either way they are positive integers.
    private static string? Number(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var number) && number > 0 => number.ToString(CultureInfo.InvariantCulture),
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            => number.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
