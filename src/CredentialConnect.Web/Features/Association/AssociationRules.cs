using System.Globalization;
using CredentialConnect.Web.Features.Badges;

namespace CredentialConnect.Web.Features.Association;

/// <summary>The association's colours: <c>#rrggbb</c>, dark enough that text on them, or they as text on white, stays readable.</summary>
public static class AssociationColours
{
    public const string DefaultPrimary = "#1f3a5f";
    public const string DefaultAccent = "#0b57d0";

    /// <summary>WCAG 2 AA for normal text.</summary>
    public const double MinimumContrast = 4.5;

    public static bool IsColour(string? value) =>
        value is { Length: 7 } && value[0] == '#' && int.TryParse(value.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out _);

    /// <summary>The WCAG contrast ratio of a <c>#rrggbb</c> colour against white, from 1 (white) to 21 (black).</summary>
    public static double ContrastWithWhite(string colour)
    {
        var rgb = int.Parse(colour.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        static double Linear(int channel)
        {
            var c = channel / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        var luminance = 0.2126 * Linear(rgb >> 16 & 0xff) + 0.7152 * Linear(rgb >> 8 & 0xff) + 0.0722 * Linear(rgb & 0xff);
        return 1.05 / (luminance + 0.05);
    }
}

/// <summary>What an Admin may save as the association's settings; every value is checked before any is kept.</summary>
public static class AssociationRules
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 500;

    public static Dictionary<string, string[]> Check(AssociationSettingsWrite write)
    {
        var errors = new Dictionary<string, string[]>();
        void Fail(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(write.Name)) Fail("name", "The association's name is required.");
        else if (write.Name.Trim().Length > MaxNameLength) Fail("name", $"The name must be at most {MaxNameLength} characters.");
        if (!string.IsNullOrWhiteSpace(write.Website)
            && (!Uri.TryCreate(write.Website.Trim(), UriKind.Absolute, out var site) || site.Scheme is not ("https" or "http") || write.Website.Length > MaxAddressLength))
            Fail("website", "The web site must be a full http(s) address, such as https://www.example.org.");
        if (!string.IsNullOrWhiteSpace(write.Email)
            && (!System.Net.Mail.MailAddress.TryCreate(write.Email.Trim(), out var mail) || mail.Address != write.Email.Trim() || write.Email.Length > MaxAddressLength))
            Fail("email", "The email must be one address, such as credentials@example.org.");
        if (string.IsNullOrWhiteSpace(write.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(write.TimeZone.Trim(), out _))
            Fail("timeZone", $"'{write.TimeZone}' is not a time zone; use an IANA id such as Europe/London or America/Chicago.");
        if (string.IsNullOrWhiteSpace(write.Locale) || !IsCulture(write.Locale.Trim()))
            Fail("locale", $"'{write.Locale}' is not a locale; use a culture name such as en-GB, en-US or fr-FR.");
        CheckColour(write.PrimaryColour, "primaryColour", "white text on it", Fail);
        CheckColour(write.AccentColour, "accentColour", "it as text on white", Fail);
        if (!BadgeOptions.IsHubAddress(write.PublicBaseUrl?.Trim()) || write.PublicBaseUrl!.Length > MaxAddressLength)
            Fail("publicBaseUrl", "The public address must be where the hub is reached from outside, such as https://credentials.example.org, without query or fragment.");
        return errors;
    }

    private static void CheckColour(string? colour, string field, string use, Action<string, string> fail)
    {
        if (!AssociationColours.IsColour(colour?.Trim())) fail(field, $"'{colour}' is not a colour; use #rrggbb, such as {AssociationColours.DefaultPrimary}.");
        else if (AssociationColours.ContrastWithWhite(colour!.Trim()) is var ratio && ratio < AssociationColours.MinimumContrast)
            fail(field, $"{colour} is too light for {use} to be read: its contrast with white is {ratio.ToString("0.0", CultureInfo.InvariantCulture)}:1 and needs at least {AssociationColours.MinimumContrast}:1. Choose a darker shade.");
    }

    private static bool IsCulture(string name)
    {
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true) is { Name.Length: > 0 };
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
