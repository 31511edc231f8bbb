using System.Globalization;
using System.Linq.Expressions;

namespace CredentialConnect.Web.Features.Dashboard;

/// <summary>
/// What every dashboard chart is for: one program or all, and a period of whole UTC calendar months.
/// <paramref name="From"/> and <paramref name="To"/> are months (<c>2026-01</c>), both included; without them the
/// period is the last <paramref name="Months"/> months (default 12) up to the current one.
/// </summary>
public sealed record DashboardFilter(Guid? ProgramId, string? From, string? To, int? Months);

/// <summary>A period of whole UTC months, [<see cref="Start"/>, <see cref="End"/>), and how it is split into months.</summary>
public sealed record DashboardPeriod(DateTimeOffset Start, int Months)
{
    public const int DefaultMonths = 12;
    public const int MaxMonths = 60;

    public DateTimeOffset End => Start.AddMonths(Months);

    public IEnumerable<string> MonthNames => Enumerable.Range(0, Months).Select(i => MonthOf(Start.AddMonths(i)));

    public static string MonthOf(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>The period the filter asks for, or the field errors that say why it cannot be read.</summary>
    public static (DashboardPeriod? Period, Dictionary<string, string[]> Errors) Read(DashboardFilter filter, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var current = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        var months = filter.Months ?? DefaultMonths;
        if (months is < 1 or > MaxMonths) errors["months"] = [$"Months must be between 1 and {MaxMonths}."];
        var from = ReadMonth(filter.From, "from", errors);
        var to = ReadMonth(filter.To, "to", errors);
        if (errors.Count > 0) return (null, errors);

        // From alone runs to the current month, unless months says how long; to alone goes back months.
        var last = to ?? (from is not null && filter.Months is not null ? from.Value.AddMonths(months - 1) : current);
        var first = from ?? last.AddMonths(1 - months);
        var span = (last.Year - first.Year) * 12 + last.Month - first.Month + 1;
        if (span < 1) errors["to"] = ["The period must end on or after the month it starts."];
        else if (span > MaxMonths) errors["from"] = [$"The period can span at most {MaxMonths} months."];
        return errors.Count > 0 ? (null, errors) : (new DashboardPeriod(first, span), errors);
    }

    private static DateTimeOffset? ReadMonth(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateTime.TryParseExact(text.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            return new DateTimeOffset(month.Year, month.Month, 1, 0, 0, 0, TimeSpan.Zero);
        errors[field] = ["Give a month as yyyy-MM, for example 2026-01."];
        return null;
    }

    /// <summary>Rows whose <paramref name="at"/> falls in the period, or in [Start, <paramref name="until"/>) when that is earlier.</summary>
    public Expression<Func<T, bool>> Contains<T>(Expression<Func<T, DateTimeOffset>> at, DateTimeOffset? until = null)
    {
        var end = until is { } u && u < End ? u : End;
        var body = Expression.AndAlso(
            Expression.GreaterThanOrEqual(at.Body, Expression.Constant(Start)),
            Expression.LessThan(at.Body, Expression.Constant(end)));
        return Expression.Lambda<Func<T, bool>>(body, at.Parameters);
    }

    /// <summary>
    /// The month (0 for the first) a row's <paramref name="at"/> falls in, as one CASE the database groups by. Instants
    /// are compared, never taken apart, so the same query runs on PostgreSQL and on SQLite, which stores them as numbers.
    /// Meant for rows already narrowed with <see cref="Contains{T}"/>.
    /// </summary>
    public Expression<Func<T, int>> MonthIndex<T>(Expression<Func<T, DateTimeOffset>> at)
    {
        Expression index = Expression.Constant(Months - 1);
        for (var i = Months - 2; i >= 0; i--)
            index = Expression.Condition(Expression.LessThan(at.Body, Expression.Constant(Start.AddMonths(i + 1))), Expression.Constant(i), index);
        return Expression.Lambda<Func<T, int>>(index, at.Parameters);
    }

    /// <summary>One row per month of the period, in order, from counts keyed by month index (months with none get zeros).</summary>
    public TRow[] PerMonth<TCounts, TRow>(IEnumerable<TCounts> counts, Func<TCounts, int> index, Func<string, TCounts?, TRow> row)
    {
        var byIndex = counts.ToDictionary(index);
        return MonthNames.Select((month, i) => row(month, byIndex.GetValueOrDefault(i))).ToArray();
    }

    /// <summary>A share, 0 to 1 to four places; null when there is nothing to divide by.</summary>
    public static decimal? Rate(int part, int whole) => whole == 0 ? null : Math.Round((decimal)part / whole, 4);
}
