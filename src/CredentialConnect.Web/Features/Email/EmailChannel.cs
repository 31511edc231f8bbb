using System.Text.Json;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Features.Delivery;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CredentialConnect.Web.Features.Email;

/// <summary>Delivers outbox messages of kind <c>email</c>: reads the payload, builds the message, sends it.</summary>
public sealed class EmailChannel(EmailSender sender, IOptions<EmailOptions> options, TimeProvider clock) : IOutboxChannel
{
    public async Task<Outcome> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (Read(message) is not { } payload)
            return new Outcome.Permanent("The email has no recipient, subject or text body.");

        MimeMessage email;
        try
        {
            email = EmailMessageFactory.Create(payload, message.IdempotencyKey, options.Value.From, clock.GetUtcNow());
        }
        catch (ParseException)
        {
            return new Outcome.Permanent($"'{payload.To}' is not an email address.");
        }
        return await sender.SendAsync(email, message.IdempotencyKey, cancellationToken);
    }

    private static EmailPayload? Read(OutboxMessage message)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<EmailPayload>(message.Payload, JsonSerializerOptions.Web);
            return payload is { To.Length: > 0, Subject: not null, TextBody: not null } ? payload : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
