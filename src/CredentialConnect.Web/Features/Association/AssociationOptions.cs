namespace CredentialConnect.Web.Features.Association;

/// <summary>
/// Who the association is, as its public pages, its flows' messages and its badges show it. Set in configuration
/// (section <c>Association</c>) and overlaid by what an Admin saves in the console (<see cref="AssociationSettings"/>).
/// </summary>
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

    /// <summary>The colour of the public pages' header band, under white text: <c>#rrggbb</c>.</summary>
    public string PrimaryColour { get; set; } = AssociationColours.DefaultPrimary;

    /// <summary>The colour of links and buttons on white: <c>#rrggbb</c>.</summary>
    public string AccentColour { get; set; } = AssociationColours.DefaultAccent;

    /// <summary>Where the uploaded logo is served, with its version so a new one is not hidden by a cache; null when there is none.</summary>
    public string? LogoUrl { get; set; }
}
