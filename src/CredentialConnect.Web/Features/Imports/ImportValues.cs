using System.Globalization;
using CredentialConnect.Web.Features.Credentials;

namespace CredentialConnect.Web.Features.Imports;

/// <summary>How a cell's text becomes a value. Each rule refuses what could be read two ways rather than guess.</summary>
internal static class ImportValues
{
    /// <summary>The largest hours a CE credit holds (its column is numeric(7,2)).</summary>
    public const decimal MaxHours = 99_999.99m;

    /// <summary>
    /// Dates are YYYY-MM-DD only: 03/04/2026 is March in one country and April in the next, and an import
    /// people can trust does not guess. Workbook date cells arrive in this form already.
    /// </summary>
    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static string NotADate(string text) => $"'{text}' is not a date: write dates as YYYY-MM-DD, e.g. 2026-03-31.";

    /// <summary>
    /// Hours are a positive decimal with a point (1.5), at most two places. A comma is refused: "1,5" is
    /// one and a half in some countries and fifteen in others.
    /// </summary>
    public static string? CheckHours(string text, out decimal hours)
    {
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out hours))
            return $"'{text}' is not a number of hours: write a positive decimal with a point, e.g. 1.5.";
        if (hours <= 0) return "Hours must be more than zero.";
        if (hours > MaxHours) return $"Hours must be at most {MaxHours.ToString(CultureInfo.InvariantCulture)}.";
        if (decimal.Round(hours, 2) != hours) return $"'{text}' has more than two decimal places.";
        return null;
    }

    /// <summary>A credential status by name (active, expiring, lapsed, suspended, revoked), ignoring case; never by number.</summary>
    public static bool TryStatus(string text, out CredentialStatus status)
    {
        foreach (var candidate in Enum.GetValues<CredentialStatus>())
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        status = default;
        return false;
    }

    public static string StatusNames => string.Join(", ", Enum.GetNames<CredentialStatus>().Select(n => n.ToLowerInvariant()));

    /// <summary>A day in a file is stored as its start, in UTC, like every instant in the hub.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);
}
