using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace CredentialConnect.Web.Features.Email;

public enum EmailMode
{
    /// <summary>Send through an SMTP server.</summary>
    Smtp,

    /// <summary>Write each message as an <c>.eml</c> file to a folder, for development and demos.</summary>
    Pickup,
}

/// <summary>How the hub sends email. Validated at start-up; secrets (the SMTP password) come from the environment or user-secrets.</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    /// <summary>
    /// Smtp or Pickup. Pickup by default in Development; elsewhere unset until configured, and while it is unset
    /// email waits in the outbox instead of being lost.
    /// </summary>
    public EmailMode? Mode { get; set; }

    /// <summary>Where Pickup mode writes <c>.eml</c> files, relative to the working folder unless absolute.</summary>
    public string PickupDirectory { get; set; } = Path.Combine("data", "mail-pickup");

    public SmtpSettings Smtp { get; set; } = new();

    /// <summary>Who the hub's email comes from.</summary>
    public SenderSettings From { get; set; } = new();

    public bool IsConfigured => Mode is not null;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Mode == EmailMode.Pickup && string.IsNullOrWhiteSpace(PickupDirectory))
            yield return new ValidationResult("Email:PickupDirectory is required in Pickup mode.", [nameof(PickupDirectory)]);
        if (Mode != EmailMode.Smtp) yield break;

        if (string.IsNullOrWhiteSpace(Smtp.Host))
            yield return new ValidationResult("Email:Smtp:Host is required in Smtp mode.", [$"{nameof(Smtp)}.{nameof(SmtpSettings.Host)}"]);
        if (Smtp.Port is < 1 or > 65535)
            yield return new ValidationResult("Email:Smtp:Port must be between 1 and 65535.", [$"{nameof(Smtp)}.{nameof(SmtpSettings.Port)}"]);
        if (Smtp.Timeout <= TimeSpan.Zero || Smtp.Timeout > TimeSpan.FromMinutes(10))
            yield return new ValidationResult("Email:Smtp:Timeout must be more than zero and at most 10 minutes.", [$"{nameof(Smtp)}.{nameof(SmtpSettings.Timeout)}"]);
        if (!string.IsNullOrEmpty(Smtp.UserName) && string.IsNullOrEmpty(Smtp.Password))
            yield return new ValidationResult("Email:Smtp:Password is required when Email:Smtp:UserName is set.", [$"{nameof(Smtp)}.{nameof(SmtpSettings.Password)}"]);
        if (string.IsNullOrWhiteSpace(From.Address) || !MailboxAddress.TryParse(From.Address, out _))
            yield return new ValidationResult("Email:From:Address must be an email address in Smtp mode.", [$"{nameof(From)}.{nameof(SenderSettings.Address)}"]);
    }
}

public sealed class SmtpSettings
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Upgrade the connection with STARTTLS (required when on); off only for a local relay or a test server.</summary>
    public bool UseStartTls { get; set; } = true;

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>How long one SMTP operation may take before the attempt counts as a timeout and is retried later.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class SenderSettings
{
    public string Name { get; set; } = "CredentialConnect";

    /// <summary>Required in Smtp mode; Pickup mode falls back to <see cref="PickupAddress"/>.</summary>
    public string? Address { get; set; }

    public const string PickupAddress = "credentialconnect@localhost";
}
