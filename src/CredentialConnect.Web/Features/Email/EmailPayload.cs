namespace CredentialConnect.Web.Features.Email;

/// <summary>What an outbox message of kind <c>email</c> carries (camelCase JSON), as the workflows' SendEmail writes it.</summary>
public sealed record EmailPayload(string To, string? ToName, string Subject, string TextBody, string? HtmlBody = null);
