using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using CredentialConnect.IntegrationTests.Email;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.IntegrationTests.Stories.RealInstall;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Connectors;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Email;
using Microsoft.Playwright;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>The connectors screens in real Chromium against a hub process on PostgreSQL and partner stubs.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class ConnectorConsoleTests(HubProcessDatabases databases)
{
    // A generous limit for a multi-page sync on a busy machine, not a timing assertion.
    private static readonly LocatorAssertionsToHaveTextOptions LongWait = new() { Timeout = 120_000 };

    [Fact]
    public async Task AnAdmin_SyncsNow_AndWatchesTheRunLiveToTheEnd_WhoseCountsAreTheApis()
    {
        using var ams = new AmsPartner { WithMalformedContact = false, ContactsDelay = TimeSpan.FromSeconds(2) };
        var now = DateTimeOffset.UtcNow;
        ams.Add(Enumerable.Range(1, 8).Select(i => new AmsContact(70100 + i, $"planner{i}@example.org", "Planner", $"Number{i}", "Professional", "Active", now.AddDays(-i))).ToArray());
        await using var hub = await ConsoleHub.StartAsync(databases, WildApricotAt(ams.Url));
        using var api = await hub.SignedInAsync();
        // The schedule polls every feed soon after a node starts; its run goes first, so Sync now never overlaps it.
        await WaitUntilAsync(async () => (await RunsAsync(api)).Items.Any(r => r.Trigger == "schedule" && r.Status != "Running"), hub);
        var scheduled = Assert.Single((await RunsAsync(api)).Items);
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/connectors");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "wild-apricot" });
            await Assertions.Expect(row).ToContainTextAsync($"Succeeded: {scheduled.Received} records in {scheduled.Pages} pages");
            await ConsoleBrowser.CheckScreenAsync(page, "console-connectors-desktop");

            await row.GetByRole(AriaRole.Link, new() { Name = "wild-apricot" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/connectors/wild-apricot$"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Connector wild-apricot" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("ApiKey: set")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Run history" }).Locator("tbody tr")).ToHaveCountAsync(1);
            await ConsoleBrowser.CheckScreenAsync(page, "console-connector-desktop");

            // Each page of contacts takes the partner a moment, so the run is seen part-way, then finished.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sync now" }).ClickAsync();
            var progress = page.GetByTestId("sync-progress");
            await Assertions.Expect(progress).ToHaveTextAsync(new Regex("^Running: 1 page fetched"), LongWait);
            await Assertions.Expect(progress).ToHaveTextAsync(new Regex("^Running: 2 pages fetched"), LongWait);
            await ConsoleBrowser.CheckScreenAsync(page, "console-connector-live-run-desktop");
            await Assertions.Expect(progress).ToHaveTextAsync(new Regex("^Succeeded:"), LongWait);

            var runs = await RunsAsync(api);
            Assert.Equal(2, runs.Items.Count);
            var run = runs.Items[0];
            Assert.Equal(("on-demand", "Succeeded"), (run.Trigger, run.Status));
            Assert.True(run.Pages >= 3, $"The stub was meant to take several pages; the run took {run.Pages}.");
            await Assertions.Expect(progress).ToHaveTextAsync($"Succeeded: {run.Pages} pages fetched, {run.Received} records received, {run.Skipped} records skipped (already applied or unreadable)");
            var history = page.GetByRole(AriaRole.Region, new() { Name = "Run history" }).Locator("tbody tr");
            await Assertions.Expect(history).ToHaveCountAsync(2);
            await Assertions.Expect(history.First).ToContainTextAsync("Succeeded");
            await Assertions.Expect(history.First.Locator("td").Nth(4)).ToHaveTextAsync(run.Pages.ToString());
            await Assertions.Expect(history.First.Locator("td").Nth(6)).ToHaveTextAsync(run.Created.ToString());

            await page.GotoAsync("/admin/connectors");
            await Assertions.Expect(row).ToContainTextAsync($"Succeeded: {run.Received} records in {run.Pages} pages");
            foreach (var (path, heading, screen) in new[]
            {
                ("outbox", "Outbox", "outbox"), ("held-events", "Held events", "held-events"), ("match-reviews", "Match reviews", "match-reviews"),
            })
            {
                await page.GetByRole(AriaRole.Navigation, new() { Name = "Connectors sections" }).GetByRole(AriaRole.Link, new() { Name = heading }).ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/connectors/{path}$"));
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true })).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await ConsoleBrowser.CheckScreenAsync(page, $"console-{screen}-desktop");
            }
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-connector-sync");
            throw;
        }

        var phone = await browser.OpenAsync(hub.BaseAddress, 390, 844);
        try
        {
            await ConsoleHub.SignInAsync(phone, "/admin/connectors/wild-apricot");
            await Assertions.Expect(phone.GetByRole(AriaRole.Region, new() { Name = "Run history" })).ToContainTextAsync("Succeeded");
            await ConsoleBrowser.CheckScreenAsync(phone, "console-connector-phone");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(phone, "failed-connector-phone");
            throw;
        }
    }

    [Fact]
    public async Task AnAdmin_ReplaysADeadLetter_OnceThePartnerAnswers_AndItIsDelivered()
    {
        var smtp = await TestSmtpServer.StartAsync(null, OutboxRows.Encouragement.To);
        await using var hub = await ConsoleHub.StartAsync(databases, new Dictionary<string, string?>
        {
            ["Delivery:PollInterval"] = "00:00:00.200",
            ["Email:Mode"] = nameof(EmailMode.Smtp),
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(),
            ["Email:Smtp:UseStartTls"] = "false",
            ["Email:From:Address"] = "certification@example.org",
        });
        using var api = await hub.SignedInAsync();
        var outbox = new OutboxRows(hub.ConnectionString);
        var queued = await outbox.EnqueueEmailAsync();
        // The mail server refuses the mailbox for good: the delivery is given up at once.
        await WaitUntilAsync(async () => (await outbox.ReadAsync(queued.Id)).Status == OutboxStatus.DeadLettered, hub);

        // The mailbox exists again: the same server address now accepts it.
        var port = smtp.Port;
        await smtp.DisposeAsync();
        await using var fixedSmtp = await TestSmtpServer.StartAsync(port);

        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/connectors/dead-letters");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = OutboxKinds.Email });
            await Assertions.Expect(row).ToContainTextAsync("550");
            await ConsoleBrowser.CheckScreenAsync(page, "console-dead-letters-desktop");

            await row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Replay ") }).ClickAsync();
            await Assertions.Expect(row).ToContainTextAsync(new Regex($"Replayed .* by .*{Regex.Escape(ConsoleHub.AdminEmail)}"));
            await outbox.WaitUntilDeliveredAsync(queued.Id, hub.Process);
            Assert.Single(fixedSmtp.Received);

            var delivered = (await api.GetFromJsonAsync<Page<OutboxMessageResponse>>("/api/v1/outbox?status=Delivered", HttpExtensions.Json))!;
            Assert.Equal(queued.Id, Assert.Single(delivered.Items).Id);
            await page.GotoAsync("/admin/connectors/outbox?status=Delivered");
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = queued.IdempotencyKey })).ToContainTextAsync("Delivered");
            await ConsoleBrowser.CheckScreenAsync(page, "console-outbox-delivered-desktop");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-dead-letter");
            throw;
        }
    }

    [Fact]
    public async Task Faults_ABadAddressIsRefusedOnItsField_APartnerRefusalIsSaidInWords_AnUnknownRunIs404_AndAReviewerChangesNothing()
    {
        // The partner hands out tokens but refuses every call made with them.
        using var partner = WireMockServer.Start();
        partner.Given(Request.Create().WithPath("/auth/token").UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json").WithBody("""{"access_token":"t","token_type":"Bearer","expires_in":1800}"""));
        partner.Given(Request.Create().WithPath("/v2.2/*").UsingGet()).RespondWith(Response.Create().WithStatusCode(401)
            .WithHeader("Content-Type", "application/json").WithBody("""{"message":"Access token is invalid or expired"}"""));
        await using var hub = await ConsoleHub.StartAsync(databases, WildApricotAt(partner.Url!));
        using var api = await hub.SignedInAsync();
        await hub.AddReviewerAsync(api);

        // The API's own words for the refusal, to find on the page.
        var refused = await api.PutAsJsonAsync("/api/v1/connectors/wild-apricot/settings", new { settings = new Dictionary<string, string> { ["BaseUrl"] = "file:///etc/passwd" } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var reason = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("settings.BaseUrl")[0].GetString()!;

        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/connectors/wild-apricot");
            var baseUrl = page.GetByRole(AriaRole.Textbox, new() { Name = "BaseUrl" });
            await baseUrl.FillAsync("file:///etc/passwd");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Assertions.Expect(page.GetByText(reason)).ToBeVisibleAsync();
            await Assertions.Expect(baseUrl).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(baseUrl).ToHaveValueAsync("file:///etc/passwd");
            await ConsoleBrowser.CheckScreenAsync(page, "console-connector-settings-refused-desktop");
            var saved = await api.GetFromJsonAsync<ConnectorResponse>("/api/v1/connectors/wild-apricot", HttpExtensions.Json);
            Assert.Equal(partner.Url + "/", saved!.Settings["BaseUrl"]);

            await page.GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
            var result = page.GetByRole(AriaRole.Status, new() { Name = "Connection test result" });
            await Assertions.Expect(result).ToContainTextAsync("The connection failed");
            await Assertions.Expect(result).ToContainTextAsync("401");
            await ConsoleBrowser.CheckScreenAsync(page, "console-connector-test-failed-desktop");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-connector-faults");
            throw;
        }

        // No run by that id: 404, a ProblemDetails, not an endless stream.
        var unknown = await api.GetAsync($"/api/v1/connectors/wild-apricot/runs/{Guid.NewGuid()}/progress");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);

        // A Reviewer is told the screen is not theirs, and the API refuses their change.
        using var reviewer = await hub.SignedInAsync(ConsoleHub.ReviewerEmail);
        var change = await reviewer.PutAsJsonAsync("/api/v1/connectors/wild-apricot/settings", new { settings = new Dictionary<string, string> { ["PageSize"] = "50" } });
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
        var reviewerPage = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(reviewerPage, "/admin/connectors/wild-apricot", ConsoleHub.ReviewerEmail);
            await Assertions.Expect(reviewerPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not allowed");
            await Assertions.Expect(reviewerPage.GetByRole(AriaRole.Button, new() { Name = "Save settings" })).ToHaveCountAsync(0);
            await Assertions.Expect(reviewerPage.GetByRole(AriaRole.Link, new() { Name = "Connectors" })).ToHaveCountAsync(0);
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(reviewerPage, "failed-connector-reviewer");
            throw;
        }
    }

    private static Dictionary<string, string?> WildApricotAt(string url) => new()
    {
        ["Connectors:AllowLoopbackHttp"] = "true",
        ["Connectors:WildApricot:Enabled"] = "true",
        ["Connectors:WildApricot:BaseUrl"] = url + "/",
        ["Connectors:WildApricot:AuthUrl"] = url + "/",
        ["Connectors:WildApricot:ApiKey"] = AmsPartner.ApiKey,
        ["Connectors:WildApricot:AccountId"] = AmsPartner.AccountId.ToString(),
        ["Connectors:WildApricot:PageSize"] = "3",
    };

    private static async Task<Page<SyncRunResponse>> RunsAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<Page<SyncRunResponse>>("/api/v1/connectors/wild-apricot/runs", HttpExtensions.Json))!;

    // Background work has no page to watch; a limit for giving up, not a timing assertion.
    private static async Task WaitUntilAsync(Func<Task<bool>> done, ConsoleHub hub)
    {
        var giveUp = Stopwatch.StartNew();
        while (!await done())
        {
            Assert.True(giveUp.Elapsed < HubProcess.StartTimeout, $"Nothing happened within {HubProcess.StartTimeout}:{Environment.NewLine}{hub.Process.Output}");
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }
}
