using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Dashboard;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>The dashboard in real Chromium: every chart is drawn, and its table view shows the API's numbers.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class DashboardConsoleTests(HubProcessDatabases databases)
{
    [Fact]
    public async Task TheDashboard_DrawsEveryChart_WhoseTableIsTheApis_AndLinksWhatNeedsAttention()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        var program = await SeedAsync(api);
        // From last month to a year ahead: this year's awards come due for renewal then.
        var now = DateTimeOffset.UtcNow;
        var period = $"from={now.AddMonths(-1):yyyy-MM}&to={now.AddMonths(12):yyyy-MM}&program={program.Id}";
        var query = $"from={now.AddMonths(-1):yyyy-MM}&to={now.AddMonths(12):yyyy-MM}&programId={program.Id}";
        var expected = await ExpectedTablesAsync(api, query);
        var attention = (await api.GetFromJsonAsync<AttentionResponse>($"/api/v1/dashboard/attention?programId={program.Id}", HttpExtensions.Json))!;

        await using var browser = await ConsoleBrowser.LaunchAsync();
        foreach (var (name, width, height) in ConsoleBrowser.Widths)
        {
            var page = await browser.OpenAsync(hub.BaseAddress, width, height);
            try
            {
                await ConsoleHub.SignInAsync(page, $"/admin/?{period}");
                await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "Program" })).ToHaveValueAsync($"{program.Code} · {program.Name}");
                foreach (var chart in expected.Keys)
                {
                    var card = page.GetByRole(AriaRole.Region, new() { Name = chart, Exact = true });
                    await Assertions.Expect(card.Locator(".recharts-surface").First).ToBeVisibleAsync();
                }
                foreach (var item in attention.Items)
                    await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = item.Label, Exact = true })).ToHaveAttributeAsync("href", item.Link);
                await ConsoleBrowser.CheckScreenAsync(page, $"console-dashboard-charts-{name}");

                foreach (var (chart, rows) in expected)
                {
                    var card = page.GetByRole(AriaRole.Region, new() { Name = chart, Exact = true });
                    await card.GetByText("Table", new() { Exact = true }).ClickAsync();
                    var shown = card.GetByRole(AriaRole.Table, new() { Name = chart }).Locator("tbody tr");
                    await Assertions.Expect(shown).ToHaveCountAsync(rows.Length);
                    var cells = await shown.EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.textContent))");
                    Assert.Equal(rows, cells);
                }
                await ConsoleBrowser.CheckScreenAsync(page, $"console-dashboard-tables-{name}");
            }
            catch
            {
                await ConsoleBrowser.ScreenshotAsync(page, $"failed-dashboard-{name}");
                throw;
            }
            await page.Context.CloseAsync();
        }
    }

    // Each chart's rows as the console should show them, from the API's answers.
    private static async Task<Dictionary<string, string[][]>> ExpectedTablesAsync(HttpClient api, string query)
    {
        async Task<T> Get<T>(string chart) => (await api.GetFromJsonAsync<T>($"/api/v1/dashboard/{chart}?{query}", HttpExtensions.Json))!;
        var issued = await Get<MonthCount[]>("credentials-issued");
        var funnel = await Get<ApplicationsFunnelResponse>("applications-funnel");
        var exams = await Get<ExamFiguresResponse>("exams");
        var renewals = await Get<RenewalMonth[]>("renewals");
        var lapses = await Get<LapseRateResponse>("lapse-rate");
        var engagement = await Get<EngagementResponse>("engagement");
        // The seeded data shows in the figures, so the comparison is of numbers that are there.
        Assert.True(issued.Sum(m => m.Count) >= 2 && funnel.Started == 2 && exams.Attempts == 3 && exams.Retakes.Failed == 2
            && renewals.Sum(m => m.Due) >= 2 && engagement is { Downloads: 1, LinkedInShares: 1, VerificationViews: 1 },
            "The seeded data is not in the figures.");

        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : "—";
        static double? Share(int part, int whole) => whole == 0 ? null : (double)part / whole;
        return new()
        {
            ["Credentials issued per month"] = [.. issued.Select(m => new[] { m.Month, N(m.Count) })],
            ["Applications funnel"] = [["Started", N(funnel.Started)], ["Submitted", N(funnel.Submitted)], ["Approved", N(funnel.Approved)]],
            ["Exam pass rate"] = [.. exams.Months.Select(m => new[] { m.Month, N(m.Attempts), N(m.Passed), Percent(Share(m.Passed, m.Attempts)) })],
            ["After a failed exam"] = [["Failed", N(exams.Retakes.Failed)], ["Retook", N(exams.Retakes.Retook)], ["Then passed", N(exams.Retakes.Passed)]],
            ["Renewals due and done"] = [.. renewals.Select(m => new[] { m.Month, N(m.Due), N(m.Done) })],
            ["Lapse rate"] = [.. lapses.Months.Select(m => new[] { m.Month, N(m.Due), N(m.Lapsed), Percent(Share(m.Lapsed, m.Due)) })],
            ["Badge engagement"] = [.. engagement.Months.Select(m => new[] { m.Month, N(m.Downloads), N(m.LinkedInShares), N(m.VerificationViews) })],
        };
    }

    // A published program with a one-year cycle and an exam; two awards by hand, three exam sittings (one fail then pass, one fail), two
    // applications (one submitted), and a download, a share and a verification of one award.
    private static async Task<ProgramResponse> SeedAsync(HttpClient api)
    {
        var program = await (await api.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("DSH").WithValidity("P1Y").Build()))
            .ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        program = await (await api.PostJsonAsync($"/api/v1/programs/{program.Id}/publish", new { version = program.Version })).ReadAsync<ProgramResponse>();
        var members = new List<MemberResponse>();
        foreach (var (first, i) in new[] { "Ada", "Grace", "Alan" }.Select((f, i) => (f, i)))
            members.Add(await (await api.PostJsonAsync("/api/v1/members", new { amsMemberId = $"DSH-{i}", email = $"{first.ToLowerInvariant()}@example.org", firstName = first, lastName = "Member" }))
                .ReadAsync<MemberResponse>(HttpStatusCode.Created));

        var awarded = new List<CredentialResponse>();
        foreach (var member in members.Take(2))
            awarded.Add((await (await api.PostJsonAsync("/api/v1/credentials", new { memberId = member.Id, programId = program.Id, reason = "Granted by the board." }))
                .ReadAsync<CredentialAwardResponse>(HttpStatusCode.Created)).Credential);

        var now = DateTimeOffset.UtcNow;
        foreach (var (member, score, daysAgo) in new[] { (members[1], 40, 20), (members[1], 90, 2), (members[2], 30, 3) })
            await (await api.PostJsonAsync("/api/v1/exam-attempts", new { memberId = member.Id, programId = program.Id, score, maxScore = 100, takenAt = now.AddDays(-daysAgo) }))
                .ExpectAsync(HttpStatusCode.Created);

        foreach (var (member, submit) in new[] { (members[2], true), (members[0], false) })
        {
            var draft = await (await api.PostJsonAsync("/api/v1/applications", new { programId = program.Id, memberId = member.Id, answers = new { } }))
                .ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
            if (submit) await (await api.PostJsonAsync($"/api/v1/applications/{draft.Id}/submit", new { version = draft.Version })).ExpectAsync();
        }

        var credential = awarded[0];
        await (await api.GetAsync($"/api/v1/credentials/{credential.Id}/badge.png")).ExpectAsync();
        await (await api.GetAsync($"/api/v1/credentials/{credential.Id}/share")).ExpectAsync();
        await (await api.GetAsync($"/api/v1/verify/{credential.Number}")).ExpectAsync();
        return program;
    }
}
