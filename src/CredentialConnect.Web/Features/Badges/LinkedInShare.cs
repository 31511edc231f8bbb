using System.Globalization;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>LinkedIn's add-to-profile link, which opens the member's profile with the certification filled in.</summary>
public static class LinkedInShare
{
    public const string AddToProfile = "https://www.linkedin.com/profile/add";

    public static string Link(string programName, string organizationName, DateTimeOffset issuedAt, DateTimeOffset? expiresAt, string verificationUrl, string number)
    {
        var query = new List<(string Name, string Value)>
        {
            ("startTask", "CERTIFICATION_NAME"),
            ("name", programName),
            ("organizationName", organizationName),
            ("issueYear", Number(issuedAt.UtcDateTime.Year)),
            ("issueMonth", Number(issuedAt.UtcDateTime.Month)),
        };
        if (expiresAt is { } end)
        {
            query.Add(("expirationYear", Number(end.UtcDateTime.Year)));
            query.Add(("expirationMonth", Number(end.UtcDateTime.Month)));
        }
        query.Add(("certUrl", verificationUrl));
        query.Add(("certId", number));
        return AddToProfile + "?" + string.Join('&', query.Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value)}"));
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
