using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Imports;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.UnitTests.Imports;

public sealed class ImportValuesTests
{
    [Theory]
    [InlineData("2026-03-31", true)]
    [InlineData("2024-02-29", true)]
    [InlineData("2025-02-29", false)]
    [InlineData("03/31/2026", false)]
    [InlineData("31.03.2026", false)]
    [InlineData("2026-3-31", false)]
    [InlineData("2026-03-31T10:00:00", false)]
    public void TryDate_AcceptsOnlyRealIsoDates(string text, bool accepted) =>
        Assert.Equal(accepted, ImportValues.TryDate(text, out _));

    [Theory]
    [InlineData("1.5", 1.5)]
    [InlineData("10", 10)]
    [InlineData("0.25", 0.25)]
    [InlineData("2.50", 2.5)]
    public void CheckHours_AcceptsPositiveDecimalsWithAPoint(string text, double expected)
    {
        Assert.Null(ImportValues.CheckHours(text, out var hours));
        Assert.Equal((decimal)expected, hours);
    }

    [Theory]
    [InlineData("1,5", "not a number of hours")]
    [InlineData("1,000", "not a number of hours")]
    [InlineData("-2", "not a number of hours")]
    [InlineData("1e2", "not a number of hours")]
    [InlineData("0", "more than zero")]
    [InlineData("1.255", "more than two decimal places")]
    [InlineData("100000", "at most 99999.99")]
    public void CheckHours_RefusesWhatIsAmbiguousOrOutOfRange(string text, string problem) =>
        Assert.Contains(problem, ImportValues.CheckHours(text, out _));

    [Theory]
    [InlineData("active", CredentialStatus.Active)]
    [InlineData("EXPIRING", CredentialStatus.Expiring)]
    [InlineData("Revoked", CredentialStatus.Revoked)]
    public void TryStatus_ReadsNamesIgnoringCase(string text, CredentialStatus expected)
    {
        Assert.True(ImportValues.TryStatus(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("retired")]
    [InlineData("")]
    public void TryStatus_RefusesNumbersAndUnknownNames(string text) =>
        Assert.False(ImportValues.TryStatus(text, out _));

    [Theory]
    [InlineData("CERT-2026-000123", ProgramKind.Certification, 2026, 123)]
    [InlineData(" ctfc-2025-000001 ", ProgramKind.Certificate, 2025, 1)]
    [InlineData("MCRD-2026-999999", ProgramKind.MicroCredential, 2026, 999999)]
    public void CredentialNumber_TryParse_ReadsWhatFormatWrites(string text, ProgramKind kind, int year, int sequence)
    {
        Assert.True(CredentialNumber.TryParse(text, out var k, out var y, out var s));
        Assert.Equal((kind, year, sequence), (k, y, s));
        Assert.Equal(text.Trim().ToUpperInvariant(), CredentialNumber.Format(k, y, s));
    }

    [Theory]
    [InlineData("CERT-2026-123")]
    [InlineData("CERT-2026-000000")]
    [InlineData("BADG-2026-000001")]
    [InlineData("CERT2026000001")]
    [InlineData(null)]
    public void CredentialNumber_TryParse_RefusesAnythingElse(string? text) =>
        Assert.False(CredentialNumber.TryParse(text, out _, out _, out _));
}
