using System.ComponentModel.DataAnnotations;
using System.Net.Sockets;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Features.Email;
using MailKit.Net.Smtp;
using MimeKit;

namespace CredentialConnect.UnitTests.Email;

public sealed class EmailMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly SenderSettings From = new() { Name = "Board of Certification", Address = "certification@example.org" };

    private static EmailPayload Payload(string to = "ada@example.org", string? html = "<p>Welcome</p>") =>
        new(to, "Ada Lovelace", "Your exam: next steps", "Welcome", html);

    [Fact]
    public void Create_MapsRecipientSubjectBodiesAndSender()
    {
        var message = EmailMessageFactory.Create(Payload(), "wf:1:send-email:1", From, Now);

        var to = Assert.Single(message.To.Mailboxes);
        Assert.Equal(("Ada Lovelace", "ada@example.org"), (to.Name, to.Address));
        Assert.Equal("certification@example.org", Assert.Single(message.From.Mailboxes).Address);
        Assert.Equal("Your exam: next steps", message.Subject);
        Assert.Equal("Welcome", message.TextBody?.Trim());
        Assert.Equal("<p>Welcome</p>", message.HtmlBody?.Trim());
        Assert.Equal(Now, message.Date);
        Assert.Equal("wf:1:send-email:1", message.Headers[EmailMessageFactory.IdempotencyKeyHeader]);
    }

    [Fact]
    public void Create_WithoutHtml_SendsPlainText()
    {
        var message = EmailMessageFactory.Create(Payload(html: null), "key", From, Now);

        Assert.IsType<TextPart>(message.Body);
        Assert.Null(message.HtmlBody);
    }

    [Fact]
    public void Create_GivesTheSameMessageIdForTheSameKey_AndADifferentOneForAnotherKey()
    {
        var first = EmailMessageFactory.Create(Payload(), "wf:1:send-email:1", From, Now);
        var again = EmailMessageFactory.Create(Payload(), "wf:1:send-email:1", From, Now.AddHours(1));
        var other = EmailMessageFactory.Create(Payload(), "wf:1:send-email:2", From, Now);

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.NotEqual(first.MessageId, other.MessageId);
        Assert.EndsWith("@example.org", first.MessageId);
    }

    [Fact]
    public void Create_WhenRecipientIsNotAnAddress_Throws()
    {
        Assert.Throws<ParseException>(() => EmailMessageFactory.Create(Payload(to: "not an address <"), "key", From, Now));
    }

    [Fact]
    public void PickupFileName_IsStableForAKey_AndSafeForFileSystems()
    {
        var name = EmailSender.PickupFileName("wf:3f2a/send email:1");

        Assert.Equal(name, EmailSender.PickupFileName("wf:3f2a/send email:1"));
        Assert.NotEqual(name, EmailSender.PickupFileName("wf:3f2a/send email:2"));
        Assert.StartsWith("wf_3f2a_send_email_1-", name);
        Assert.EndsWith(".eml", name);
        Assert.Equal(-1, name.IndexOfAny(Path.GetInvalidFileNameChars()));
    }

    [Fact]
    public void SmtpFailure_WhenRecipientRefusedWith5xx_IsPermanent_AndNamesTheRecipient()
    {
        var refused = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable,
            MailboxAddress.Parse("gone@example.org"), "5.1.1 No such user");

        var outcome = Assert.IsType<Outcome.Permanent>(SmtpFailures.ToOutcome(refused));

        Assert.Contains("gone@example.org", outcome.Reason);
        Assert.Contains("550", outcome.Reason);
        Assert.Contains("No such user", outcome.Reason);
    }

    [Fact]
    public void SmtpFailure_WhenMessageRefusedWith5xx_IsPermanent()
    {
        var refused = new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, "5.7.1 Rejected as spam");

        Assert.IsType<Outcome.Permanent>(SmtpFailures.ToOutcome(refused));
    }

    [Theory]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.InsufficientStorage)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.ServiceNotAvailable)]
    [InlineData(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxUnavailable)]
    [InlineData(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.AuthenticationRequired)]
    public void SmtpFailure_WhenTransientOrOurConfiguration_IsRetryable(SmtpErrorCode error, SmtpStatusCode status)
    {
        var failure = new SmtpCommandException(error, status, "try later");

        Assert.IsType<Outcome.Retryable>(SmtpFailures.ToOutcome(failure));
    }

    public static TheoryData<Exception> Outages() =>
    [
        new SocketException((int)SocketError.ConnectionRefused),
        new IOException("connection reset"),
        new TimeoutException("no answer"),
        new OperationCanceledException("timed out"),
        new SmtpProtocolException("unexpected reply"),
        new MailKit.Security.AuthenticationException("535 bad credentials"),
    ];

    [Theory]
    [MemberData(nameof(Outages))]
    public void SmtpFailure_WhenServerIsDownSlowOrRefusesTheLogin_IsRetryable(Exception failure)
    {
        Assert.IsType<Outcome.Retryable>(SmtpFailures.ToOutcome(failure));
    }

    [Fact]
    public void SmtpFailure_WhenItIsAHubBug_IsLeftToTheDispatcher()
    {
        Assert.Null(SmtpFailures.ToOutcome(new NullReferenceException()));
    }

    [Fact]
    public void Options_InSmtpMode_RequireHostPortAndSender()
    {
        var options = new EmailOptions { Mode = EmailMode.Smtp, Smtp = { Host = "", Port = 0, UserName = "hub" } };

        var problems = Validate(options);

        Assert.Contains(problems, p => p.Contains("Email:Smtp:Host"));
        Assert.Contains(problems, p => p.Contains("Email:Smtp:Port"));
        Assert.Contains(problems, p => p.Contains("Email:Smtp:Password"));
        Assert.Contains(problems, p => p.Contains("Email:From:Address"));
    }

    [Fact]
    public void Options_InPickupModeOrUnset_NeedNoSmtpServer()
    {
        Assert.Empty(Validate(new EmailOptions { Mode = EmailMode.Pickup }));
        Assert.Empty(Validate(new EmailOptions()));
        Assert.Contains(Validate(new EmailOptions { Mode = EmailMode.Pickup, PickupDirectory = " " }), p => p.Contains("PickupDirectory"));
    }

    private static List<string> Validate(EmailOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results.Select(r => r.ErrorMessage!).ToList();
    }
}
