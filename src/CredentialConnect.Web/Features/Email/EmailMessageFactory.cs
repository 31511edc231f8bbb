using System.Security.Cryptography;
using System.Text;
using MimeKit;

namespace CredentialConnect.Web.Features.Email;

/// <summary>
/// Turns an outbox payload into a MIME message. The Message-ID comes from the idempotency key, so every redelivery
/// of the same work carries the same id and mail systems can drop the duplicate.
/// </summary>
public static class EmailMessageFactory
{
    public const string IdempotencyKeyHeader = "X-CredentialConnect-Key";

    /// <exception cref="ParseException">The recipient is not an email address.</exception>
    public static MimeMessage Create(EmailPayload payload, string idempotencyKey, SenderSettings from, DateTimeOffset now)
    {
        var sender = new MailboxAddress(from.Name, from.Address ?? SenderSettings.PickupAddress);
        var recipient = MailboxAddress.Parse(payload.To);
        if (!string.IsNullOrWhiteSpace(payload.ToName)) recipient.Name = payload.ToName;

        var message = new MimeMessage
        {
            Subject = payload.Subject,
            Date = now,
            MessageId = $"{KeyHash(idempotencyKey)}@{sender.Domain}",
            Body = new BodyBuilder { TextBody = payload.TextBody, HtmlBody = payload.HtmlBody }.ToMessageBody(),
        };
        message.From.Add(sender);
        message.To.Add(recipient);
        message.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        return message;
    }

    /// <summary>A stable, file- and header-safe name for an idempotency key.</summary>
    public static string KeyHash(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];
}
