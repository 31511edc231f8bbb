using CredentialConnect.Connectors;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CredentialConnect.Web.Features.Email;

/// <summary>
/// Sends a message through the configured SMTP server, or writes it to the pickup folder. Nothing throws across
/// the boundary: the result is an <see cref="Outcome"/> the outbox records.
/// </summary>
public sealed class EmailSender(IOptions<EmailOptions> options, ILogger<EmailSender> logger)
{
    public async Task<Outcome> SendAsync(MimeMessage message, string idempotencyKey, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        try
        {
            return settings.Mode switch
            {
                EmailMode.Smtp => await SendBySmtpAsync(message, settings.Smtp, cancellationToken),
                EmailMode.Pickup => await WriteToPickupAsync(message, idempotencyKey, settings.PickupDirectory, cancellationToken),
                _ => new Outcome.Retryable("No email channel is configured: set Email:Mode to Smtp or Pickup.", TimeSpan.FromHours(1)),
            };
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && SmtpFailures.ToOutcome(e) is { } outcome)
        {
            // The reason can name the recipient, so the log gets only its kind; the outbox keeps the whole reason for staff.
            logger.LogWarning("Sending email {MessageId} failed ({Outcome})", message.MessageId, outcome.GetType().Name);
            return outcome;
        }
    }

    private static async Task<Outcome> SendBySmtpAsync(MimeMessage message, SmtpSettings smtp, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
        return new Outcome.Done(message.MessageId);
    }

    // One file per idempotency key, replaced whole: a redelivery overwrites the earlier file instead of adding a second.
    private static async Task<Outcome> WriteToPickupAsync(MimeMessage message, string idempotencyKey, string directory, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateDirectory(Path.GetFullPath(directory)).FullName;
        var path = Path.Combine(folder, PickupFileName(idempotencyKey));
        var partial = path + ".partial";
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, path, overwrite: true);
        return new Outcome.Done(path);
    }

    /// <summary>The pickup file for an idempotency key: readable, safe on every file system, and the same on every delivery.</summary>
    public static string PickupFileName(string idempotencyKey)
    {
        var readable = new string(idempotencyKey.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').Take(80).ToArray());
        return $"{readable}-{EmailMessageFactory.KeyHash(idempotencyKey)[..12]}.eml";
    }
}
