using System.Net.Sockets;
using CredentialConnect.Connectors;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace CredentialConnect.Web.Features.Email;

/// <summary>
/// What a failed send means for the outbox. A 5xx refusal of the recipient or of the message itself is final and goes
/// to the dead letters; everything else (4xx answers, outages, timeouts, TLS or login trouble, a refused sender, which is
/// our configuration) is retried with backoff, so fixing the server or the settings delivers what was waiting.
/// </summary>
public static class SmtpFailures
{
    public static Outcome? ToOutcome(Exception exception) => exception switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } e when IsPermanent(e) =>
            new Outcome.Permanent($"The mail server refused the recipient {e.Mailbox?.Address}: {(int)e.StatusCode} {e.Message}"),
        SmtpCommandException { ErrorCode: SmtpErrorCode.MessageNotAccepted } e when IsPermanent(e) =>
            new Outcome.Permanent($"The mail server refused the message: {(int)e.StatusCode} {e.Message}"),
        SmtpCommandException e => new Outcome.Retryable($"The mail server answered {(int)e.StatusCode}: {e.Message}"),
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or SslHandshakeException =>
            new Outcome.Retryable($"Could not talk to the mail server: {exception.Message}"),
        AuthenticationException => new Outcome.Retryable($"The mail server refused the hub's login: {exception.Message}"),
        TimeoutException or OperationCanceledException => new Outcome.Retryable($"The mail server did not answer in time: {exception.Message}"),
        _ => null,
    };

    private static bool IsPermanent(SmtpCommandException e) => (int)e.StatusCode >= 500;
}
