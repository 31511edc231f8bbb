using System.Globalization;
using System.Xml;

namespace CredentialConnect.Workflows.Activities;

/// <summary>The duration formats the runtime reads: ISO 8601 (<c>P3D</c>, <c>PT12H</c>) or a TimeSpan (<c>3.00:00:00</c>).</summary>
public static class Durations
{
    public const string Formats = "ISO 8601 (P3D, PT12H) or d.hh:mm:ss (3.00:00:00)";

    public static TimeSpan Parse(string text) =>
        text.StartsWith('P') || text.StartsWith("-P") ? XmlConvert.ToTimeSpan(text) : TimeSpan.Parse(text, CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out TimeSpan duration)
    {
        try
        {
            duration = Parse(text);
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            duration = default;
            return false;
        }
    }
}
