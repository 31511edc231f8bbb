using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CredentialConnect.Web.Features.Programs;

/// <summary>
/// An ISO-8601 duration such as <c>P3Y</c>, <c>P18M</c> or <c>P1Y6M</c>. Calendar parts are kept apart
/// from clock parts, so "three years from 29 February" lands where a person expects, not 1,095 days later.
/// </summary>
public readonly partial record struct IsoDuration(int Years, int Months, int Weeks, int Days, int Hours, int Minutes, int Seconds)
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out IsoDuration? duration)
    {
        duration = null;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var m = Pattern().Match(text.Trim());
        if (!m.Success || text.Trim() is "P" or "PT" || text.TrimEnd().EndsWith('T')) return false;

        int Part(string name) => m.Groups[name].Success ? int.Parse(m.Groups[name].Value, CultureInfo.InvariantCulture) : 0;
        var parsed = new IsoDuration(Part("y"), Part("mo"), Part("w"), Part("d"), Part("h"), Part("mi"), Part("s"));
        if (parsed == default) return false;
        duration = parsed;
        return true;
    }

    public static IsoDuration Parse(string text) =>
        TryParse(text, out var d) ? d.Value : throw new FormatException($"'{text}' is not an ISO-8601 duration such as P3Y or P18M.");

    public DateTimeOffset AddTo(DateTimeOffset start) =>
        start.AddYears(Years).AddMonths(Months).AddDays(Weeks * 7 + Days)
             .AddHours(Hours).AddMinutes(Minutes).AddSeconds(Seconds);

    public override string ToString()
    {
        var date = $"{Part(Years, 'Y')}{Part(Months, 'M')}{Part(Weeks, 'W')}{Part(Days, 'D')}";
        var time = $"{Part(Hours, 'H')}{Part(Minutes, 'M')}{Part(Seconds, 'S')}";
        return "P" + date + (time.Length > 0 ? "T" + time : "");

        static string Part(int value, char unit) => value == 0 ? "" : value.ToString(CultureInfo.InvariantCulture) + unit;
    }

    [GeneratedRegex(@"^P(?:(?<y>\d{1,4})Y)?(?:(?<mo>\d{1,4})M)?(?:(?<w>\d{1,4})W)?(?:(?<d>\d{1,5})D)?(?:T(?:(?<h>\d{1,6})H)?(?:(?<mi>\d{1,7})M)?(?:(?<s>\d{1,9})S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
