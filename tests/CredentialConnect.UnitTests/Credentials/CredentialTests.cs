using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.UnitTests.Credentials;

public sealed class CredentialTests
{
    private static readonly DateTimeOffset Issued = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Award_OpensTheHistoryWithTheAward()
    {
        var credential = Credential.Award("CERT-2026-000001", Guid.NewGuid(), Guid.NewGuid(), Issued, Issued.AddYears(3), "staff:a@example.org");

        var award = Assert.Single(credential.StatusHistory);
        Assert.Equal(CredentialStatus.Active, credential.Status);
        Assert.Equal((null, CredentialStatus.Active, Issued), (award.From, award.To, award.ChangedAt));
    }

    [Fact]
    public void ChangeStatus_RecordsFromToWhoAndWhy()
    {
        var credential = Credential.Award("CERT-2026-000001", Guid.NewGuid(), Guid.NewGuid(), Issued, Issued.AddYears(3), "system");

        credential.ChangeStatus(CredentialStatus.Suspended, "Audit evidence outstanding.", "staff:r@example.org", Issued.AddDays(5));

        var change = credential.StatusHistory[^1];
        Assert.Equal(CredentialStatus.Suspended, credential.Status);
        Assert.Equal((CredentialStatus.Active, CredentialStatus.Suspended, "Audit evidence outstanding.", "staff:r@example.org"),
            (change.From, change.To, change.Reason, change.ChangedBy));
    }

    [Fact]
    public void ChangeStatus_WithoutAReason_IsRefused()
    {
        var credential = Credential.Award("CERT-2026-000001", Guid.NewGuid(), Guid.NewGuid(), Issued, null, "system");

        Assert.Throws<ArgumentException>(() => credential.ChangeStatus(CredentialStatus.Revoked, " ", "staff:a@example.org", Issued));
        Assert.Equal(CredentialStatus.Active, credential.Status);
    }

    [Theory]
    [InlineData(ProgramKind.Certification, 2026, 123, "CERT-2026-000123")]
    [InlineData(ProgramKind.Certificate, 2025, 1, "CTFC-2025-000001")]
    [InlineData(ProgramKind.MicroCredential, 2026, 999999, "MCRD-2026-999999")]
    public void Number_IsHumanReadableAndSaysTheKind(ProgramKind kind, int year, int sequence, string expected) =>
        Assert.Equal(expected, CredentialNumber.Format(kind, year, sequence));
}
