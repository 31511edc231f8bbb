using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.UnitTests.Programs;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("P3Y", "P3Y")]
    [InlineData("P18M", "P18M")]
    [InlineData("P1Y6M", "P1Y6M")]
    [InlineData("P2W", "P2W")]
    [InlineData("P90D", "P90D")]
    [InlineData("PT36H", "PT36H")]
    [InlineData(" P1Y2M3DT4H5M6S ", "P1Y2M3DT4H5M6S")]
    public void Parse_ValidDuration_RoundTrips(string text, string expected) =>
        Assert.Equal(expected, IsoDuration.Parse(text).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1YT")]
    [InlineData("3 years")]
    [InlineData("P0Y")]
    [InlineData("P-1Y")]
    [InlineData("P1.5Y")]
    [InlineData("p3y")]
    public void TryParse_Nonsense_IsRejected(string text) =>
        Assert.False(IsoDuration.TryParse(text, out _));

    [Fact]
    public void AddTo_ThreeYearsFromLeapDay_LandsOnTheLastDayOfFebruary()
    {
        var leapDay = new DateTimeOffset(2024, 2, 29, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2027, 2, 28, 12, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P3Y").AddTo(leapDay));
    }

    [Fact]
    public void AddTo_MonthsAreCalendarMonthsNotThirtyDays()
    {
        var start = new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2027, 7, 31, 0, 0, 0, TimeSpan.Zero), IsoDuration.Parse("P18M").AddTo(start));
    }
}
