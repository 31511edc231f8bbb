namespace CredentialConnect.Web.Features.Workflows;

/// <summary>How the association signs and dates what its flows send: its name, time zone and locale.</summary>
public sealed class AssociationOptions
{
    public const string Section = "Association";

    public string Name { get; set; } = "CredentialConnect";

    /// <summary>An IANA time zone id (Europe/London, America/Chicago); dates in messages are written in it.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>A culture name (en-GB, en-US, fr-FR); dates in messages are written as it writes them.</summary>
    public string Locale { get; set; } = "en-GB";

    /// <summary>The address members write to; empty when none is set.</summary>
    public string? Email { get; set; }

    public string? Website { get; set; }
}
