using Jint.Runtime;

namespace CredentialConnect.Workflows.Expressions;

/// <summary>The JavaScript clock stopped at the workflow's time, in UTC, so that a script gives the same answer on replay.</summary>
internal sealed class FixedTimeSystem(DateTimeOffset now) : ITimeSystem
{
    private readonly DefaultTimeSystem _utc = new(TimeZoneInfo.Utc, System.Globalization.CultureInfo.InvariantCulture);

    public DateTimeOffset GetUtcNow() => now.ToUniversalTime();

    public TimeZoneInfo DefaultTimeZone => TimeZoneInfo.Utc;

    public bool TryParse(string date, out long epochMilliseconds) => _utc.TryParse(date, out epochMilliseconds);

    public TimeSpan GetUtcOffset(long epochMilliseconds) => TimeSpan.Zero;
}
