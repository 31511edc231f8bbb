using CredentialConnect.IntegrationTests.Hosting;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Recertification;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Recertification;

/// <summary>The daily status sweep on the embedded default, day by day with the fake clock.</summary>
public sealed class SweepOnSqliteTests(SqliteHub hub) : IClassFixture<SqliteHub>
{
    [Fact]
    public async Task Sweep_TakesACredentialActiveToExpiringToLapsed_AndARerunOnTheSameDayChangesNothing()
    {
        var now = hub.Factory.Clock.GetUtcNow();
        var member = new Member { AmsMemberId = "SW-1", Email = "sw-1@example.org", FirstName = "Sasha", LastName = "Weir", CreatedAt = now, UpdatedAt = now };
        var program = new CredentialProgram
        {
            Code = "SWEEP", Name = "Sweep on SQLite", Kind = ProgramKind.Certification, ValidityPeriod = "P1Y", Status = ProgramStatus.Published,
            Recertification = new RecertificationRules { TotalCeHours = 10, GracePeriodDays = 10, ExpiringNoticeDays = [30, 7] }, CreatedAt = now,
        };
        var credential = Credential.Award("CERT-2025-900001", member.Id, program.Id, now.AddDays(40).AddYears(-1), now.AddDays(40), "test");
        await hub.Factory.WithDbAsync(async db =>
        {
            db.Members.Add(member);
            db.Programs.Add(program);
            db.Credentials.Add(credential);
            await db.SaveChangesAsync();
        });

        await SweepAsync();
        var statusBefore = await StatusAsync(credential.Id);
        hub.Factory.Clock.Advance(TimeSpan.FromDays(11));
        var expiringDay = await SweepAsync();
        var expiringDayAgain = await SweepAsync();
        var statusExpiring = await StatusAsync(credential.Id);
        hub.Factory.Clock.Advance(TimeSpan.FromDays(25));
        var sevenDayNotice = await SweepAsync();
        hub.Factory.Clock.Advance(TimeSpan.FromDays(10));
        await SweepAsync();
        var statusInGrace = await StatusAsync(credential.Id);
        hub.Factory.Clock.Advance(TimeSpan.FromDays(5));
        var lapsedDay = await SweepAsync();
        var lapsedDayAgain = await SweepAsync();
        var statusLapsed = await StatusAsync(credential.Id);
        var (history, notices) = await hub.Factory.WithDbAsync(async db => (
            await db.CredentialStatusChanges.Where(c => c.CredentialId == credential.Id).OrderBy(c => c.Id).Select(c => c.To).ToListAsync(),
            await db.CredentialNotices.Where(n => n.CredentialId == credential.Id).OrderBy(n => n.SentAt).Select(n => n.DaysBefore).ToListAsync()));

        Assert.Equal(CredentialStatus.Active, statusBefore);
        Assert.True(expiringDay.Expiring >= 1 && expiringDay.NoticesRaised >= 1, $"{expiringDay}");
        Assert.Equal((0, 0, 0), (expiringDayAgain.Expiring, expiringDayAgain.Lapsed, expiringDayAgain.NoticesRaised));
        Assert.Equal(CredentialStatus.Expiring, statusExpiring);
        Assert.True(sevenDayNotice.NoticesRaised >= 1, $"{sevenDayNotice}");
        Assert.Equal(CredentialStatus.Expiring, statusInGrace);
        Assert.True(lapsedDay.Lapsed >= 1, $"{lapsedDay}");
        Assert.Equal((0, 0, 0), (lapsedDayAgain.Expiring, lapsedDayAgain.Lapsed, lapsedDayAgain.NoticesRaised));
        Assert.Equal(CredentialStatus.Lapsed, statusLapsed);
        Assert.Equal([CredentialStatus.Active, CredentialStatus.Expiring, CredentialStatus.Lapsed], history);
        Assert.Equal([30, 7], notices);
    }

    // Weeks pass between sweeps, longer than a sign-in lasts, so each sweep signs in afresh.
    private async Task<SweepCounts> SweepAsync()
    {
        var admin = hub.Factory.Anonymous();
        (await admin.PostAsync("/dev/sign-in/Admin", null)).EnsureSuccessStatusCode();
        return await (await admin.PostAsync("/api/v1/credentials/sweep", null)).ReadAsync<SweepCounts>();
    }

    private Task<CredentialStatus> StatusAsync(Guid id) =>
        hub.Factory.WithDbAsync(db => db.Credentials.AsNoTracking().Where(c => c.Id == id).Select(c => c.Status).SingleAsync());
}
