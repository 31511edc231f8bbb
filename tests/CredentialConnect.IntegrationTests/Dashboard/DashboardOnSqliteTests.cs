using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Dashboard;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CredentialConnect.IntegrationTests.Dashboard;

/// <summary>
/// The dashboard's grouped counts on the embedded default, which stores instants as numbers: the same data as on
/// PostgreSQL gives the same answers. The waiting threshold here is set to 3 days.
/// </summary>
public sealed class DashboardOnSqliteTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-dashboard-").FullName;
    private HubFactory _hub = null!;

    public Task InitializeAsync()
    {
        _hub = new HubFactory("Development", new Dictionary<string, string?>
        {
            [DataModule.SqlitePathKey] = Path.Combine(_folder, "hub.db"),
            [$"{DashboardOptions.Section}:{nameof(DashboardOptions.WaitingDays)}"] = "3",
        });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task EveryChart_CountsOnSqlite_AsOnPostgres()
    {
        var admin = _hub.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await admin.PostAsync("/dev/sign-in/Admin", null)).EnsureSuccessStatusCode();
        var now = _hub.Clock.GetUtcNow();
        var data = new DashboardData(now);
        await _hub.WithDbAsync(async db =>
        {
            data.AddPeople(db, 5);
            data.AddExams(db);
            data.AddCycles(db, now);
            db.Applications.AddRange(
                data.Application(data.A, 0, now.AddDays(-4), ApplicationStatus.Submitted),
                data.Application(data.A, 1, now.AddDays(-2), ApplicationStatus.Submitted));
            await db.SaveChangesAsync();
        });
        string Period(int from, int to) => $"from={data.MonthName(from)}&to={data.MonthName(to)}&programId={data.A.Id}";

        var exams = await (await admin.GetAsync($"/api/v1/dashboard/exams?{Period(-3, 0)}")).ReadAsync<ExamFiguresResponse>();
        var renewals = await (await admin.GetAsync($"/api/v1/dashboard/renewals?{Period(-3, 1)}")).ReadAsync<RenewalMonth[]>();
        var lapses = await (await admin.GetAsync($"/api/v1/dashboard/lapse-rate?{Period(-3, 1)}")).ReadAsync<LapseRateResponse>();
        var issued = await (await admin.GetAsync($"/api/v1/dashboard/credentials-issued?{Period(-14, -11)}")).ReadAsync<MonthCount[]>();
        var funnel = await (await admin.GetAsync($"/api/v1/dashboard/applications-funnel?{Period(-1, 0)}")).ReadAsync<ApplicationsFunnelResponse>();
        var engagement = await (await admin.GetAsync("/api/v1/dashboard/engagement")).ReadAsync<EngagementResponse>();
        var attention = await (await admin.GetAsync($"/api/v1/dashboard/attention?programId={data.A.Id}")).ReadAsync<AttentionResponse>();

        DashboardApiTests.AssertExamsOfA(data, exams);
        DashboardApiTests.AssertRenewalsOfA(data, renewals);
        DashboardApiTests.AssertLapsesOfA(lapses);
        // Program A's cycles were issued 14, 13 (three) and 11 months ago.
        Assert.Equal([1, 3, 0, 1], issued.Select(m => m.Count));
        Assert.Equal(new ApplicationsFunnelResponse(2, 2, 0), funnel);
        Assert.Equal(12, engagement.Months.Length);
        Assert.Equal(3, attention.WaitingDays);
        Assert.Equal((1, "/admin/applications?status=waiting&olderThanDays=3"),
            attention.Items.Where(i => i.Key == "applications-waiting").Select(i => (i.Count, i.Link)).Single());
    }
}
