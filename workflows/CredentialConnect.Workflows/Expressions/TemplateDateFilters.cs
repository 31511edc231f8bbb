using System.Globalization;
using Fluid;
using Fluid.Values;

namespace CredentialConnect.Workflows.Expressions;

/// <summary>
/// Dates as an association writes them to its members, in its time zone and locale:
/// <c>{{ credential.expiresAt | date_long }}</c> gives "6 March 2027" in British English, "March 6, 2027" in American;
/// <c>date_short</c> gives "06/03/2027"; <c>add_days: 30</c> moves a date; <c>days_until</c> counts whole calendar days
/// from the workflow's time to a date (negative once it is past).
/// </summary>
public static class TemplateDateFilters
{
    /// <summary>The filter names a template may use besides Liquid's own.</summary>
    public static readonly IReadOnlyList<string> Names = ["date_long", "date_short", "add_days", "days_until"];

    internal static TemplateOptions AddTo(TemplateOptions options)
    {
        options.Filters.AddFilter("date_long", (input, _, context) => Format(input, context, LongDatePattern(context.CultureInfo)));
        options.Filters.AddFilter("date_short", (input, _, context) => Format(input, context, context.CultureInfo.DateTimeFormat.ShortDatePattern));
        options.Filters.AddFilter("add_days", (input, arguments, context) =>
            DateOf(input, context) is { } date ? new DateTimeValue(date.AddDays(arguments.At(0).ToNumberValue() is var days ? (double)days : 0)) : NilValue.Instance);
        options.Filters.AddFilter("days_until", (input, _, context) =>
        {
            if (DateOf(input, context) is not { } date) return NilValue.Instance;
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Now(), context.TimeZone).DateTime);
            var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(date, context.TimeZone).DateTime);
            return NumberValue.Create(day.DayNumber - today.DayNumber);
        });
        return options;
    }

    /// <summary>The association's time zone (<c>association.timeZone</c>, an IANA id); UTC when it sets none or an unknown one.</summary>
    public static TimeZoneInfo TimeZoneOf(ExpressionScope scope) =>
        Setting(scope, "timeZone") is { } id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The association's locale (<c>association.locale</c>, e.g. en-GB); the invariant culture (British-style dates) when it sets none or an unknown one.</summary>
    public static CultureInfo CultureOf(ExpressionScope scope)
    {
        if (Setting(scope, "locale") is not { } locale) return CultureInfo.InvariantCulture;
        try
        {
            return CultureInfo.GetCultureInfo(locale, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private static string? Setting(ExpressionScope scope, string name) =>
        scope.Context?.GetValueOrDefault("association") switch
        {
            IReadOnlyDictionary<string, object?> association => association.GetValueOrDefault(name) as string,
            var other => PlainValues.Of(other) is Dictionary<string, object?> plain ? plain.GetValueOrDefault(name) as string : null,
        };

    // The culture's long date without the weekday, and the day without a leading zero: "6 March 2027", "March 6, 2027".
    private static string LongDatePattern(CultureInfo culture) =>
        culture.DateTimeFormat.LongDatePattern.Replace("dddd, ", "").Replace("dddd ", "").Replace("dd", "d");

    private static FluidValue Format(FluidValue input, TemplateContext context, string pattern) =>
        DateOf(input, context) is { } date
            ? new StringValue(TimeZoneInfo.ConvertTime(date, context.TimeZone).ToString(pattern, context.CultureInfo))
            : input;

    private static DateTimeOffset? DateOf(FluidValue input, TemplateContext context) => input switch
    {
        DateTimeValue date => date.ToObjectValue() is DateTimeOffset offset ? offset : null,
        StringValue text when DateTimeOffset.TryParse(text.ToStringValue(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) => parsed,
        _ => input.TryGetDateTimeInput(context, out var value) ? value : null,
    };
}
