using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Imports;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Imports;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>The import wizard in real Chromium, served by a real hub process on PostgreSQL.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class ImportWizardConsoleTests(HubProcessDatabases databases)
{
    private const int Members = 20;
    private const int CreditsEach = 200;
    private const long MaxFileBytes = 1024 * 1024;

    // A safety net for a run of thousands of rows on a busy machine; no assertion depends on how long it takes.
    private static readonly LocatorAssertionsToBeVisibleOptions LongRun = new() { Timeout = 180_000 };

    // Small checkpoints and quick reads, so a file of a few thousand rows passes through many visible states.
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Imports:MaxFileBytes"] = MaxFileBytes.ToString(),
        ["Imports:ProgressEvery"] = "100",
        ["Imports:ProgressReadIntervalMs"] = "50",
    };

    // Row 3 has hours that are no number; row 4 has more values than the header (an unquoted comma); row 5 names nobody.
    private const string BadFile = """
        member_id,email,activity,category,hours,earned_on,evidence
        WA-0001,,Ethics in practice,Ethics,1.5,2026-01-10,
        WA-0001,,Self-study module,Self-study,lots,2026-01-11,
        WA-0002,,Audit, risk and you,Ethics,2,2026-01-12,certificate.pdf
        WA-9999,,Ethics refresher,Ethics,1,2026-01-13,
        """;

    [Fact]
    public async Task AnAdmin_SeesABadFilesErrorsByRowAndAsCsv_ThenImportsAGoodOneWithProgress_AndWrongOrHugeFilesAreRefusedBeforeSending()
    {
        await using var hub = await ConsoleHub.StartAsync(databases, Settings);
        using var api = await hub.SignedInAsync();
        await SeedAsync(api);
        var good = GoodFile();
        Assert.InRange(good.Length, 100_000, MaxFileBytes);

        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        var uploads = new List<string>();
        page.Request += (_, request) => { if (request.Method == "POST" && request.Url.EndsWith("/api/v1/imports")) uploads.Add(request.Url); };
        Guid badId;
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/imports");
            await Assertions.Expect(page.GetByText("No spreadsheet has been imported yet.")).ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(page, "console-imports-upload-desktop");

            // A file of the wrong type, and one over the limit, are refused in the browser: nothing is sent.
            var notes = new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("hello") };
            var huge = new FilePayload { Name = "huge.csv", MimeType = "text/csv", Buffer = new byte[MaxFileBytes + 1] };
            await ChooseFileAsync(page, notes);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Only .csv and .xlsx files can be imported; \"notes.txt\" is neither.")).ToBeVisibleAsync();
            await ChooseFileAsync(page, huge);
            await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
            await Assertions.Expect(page.GetByText("The file is larger than the 1 MB an import accepts.")).ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(page, "console-imports-refused-desktop");
            Assert.Empty(uploads);
            // The hub refuses the same files again, should a client send them.
            await (await api.UploadAsync(notes.Buffer, notes.Name, "ce-credits")).ProblemAsync(HttpStatusCode.UnsupportedMediaType, Problems.UnsupportedMediaType);
            var tooLarge = await (await api.UploadAsync(huge.Buffer, huge.Name, "ce-credits")).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);
            Assert.Contains("1 MB", tooLarge.GetProperty("detail").GetString());

            // A bad file: its dry run lists every problem by row and column, and the CSV download holds the same.
            badId = await UploadAsync(page, "ce-bad.csv", Encoding.UTF8.GetBytes(BadFile));
            await ConsoleBrowser.CheckScreenAsync(page, "console-imports-uploaded-desktop");
            await page.GetByRole(AriaRole.Button, new() { Name = "Start the dry run" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("The dry run found \\d+ errors") })).ToBeVisibleAsync();
            var apiErrors = (await api.GetFromJsonAsync<Page<ImportRowErrorResponse>>($"/api/v1/imports/{badId}/errors?pageSize=200", HttpExtensions.Json))!.Items;
            var shown = await page.GetByRole(AriaRole.Table, new() { Name = "Errors by row" }).Locator("tbody tr")
                .EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.textContent))");
            Assert.Equal(apiErrors.Select(e => new[] { e.Row.ToString(), e.Column, e.Problem }), shown!);
            Assert.Contains(apiErrors, e => e is { Row: 3, Column: "hours" });
            Assert.Contains(apiErrors, e => e.Row == 4 && e.Column == "row" && e.Problem.Contains("values but the header names 7 columns"));
            Assert.Contains(apiErrors, e => e is { Row: 5, Column: "member_id" });
            await ConsoleBrowser.CheckScreenAsync(page, "console-imports-errors-desktop");

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the errors (CSV)" }).ClickAsync());
            var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
            Assert.Equal("row,column,problem", csv[0]);
            Assert.Equal(apiErrors.Count, csv.Length - 1);
            Assert.Contains(csv, line => line.StartsWith("4,row,The row has 8 values", StringComparison.Ordinal));

            // A good file of thousands of rows: the bar moves through the dry run and the commit, then the result matches the API's batch.
            await page.GetByRole(AriaRole.Link, new() { Name = "upload it again" }).ClickAsync();
            var goodId = await UploadAsync(page, "ce-history.csv", good);
            await page.EvaluateAsync("""
                () => {
                  window.progressSeen = [];
                  const record = () => document.querySelectorAll('[role=progressbar]').forEach(b => window.progressSeen.push(Number(b.getAttribute('aria-valuenow'))));
                  new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
                }
                """);
            await page.GetByRole(AriaRole.Button, new() { Name = "Start the dry run" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Progressbar).Or(page.GetByRole(AriaRole.Heading, new() { Name = "The dry run found no errors" })).First)
                .ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(page, "console-imports-dry-run-desktop");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "The dry run found no errors" })).ToBeVisibleAsync(LongRun);
            await ConsoleBrowser.CheckScreenAsync(page, "console-imports-validated-desktop");

            await page.GetByRole(AriaRole.Button, new() { Name = "Commit the import" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Progressbar).Or(page.GetByRole(AriaRole.Heading, new() { Name = "Imported", Exact = true })).First)
                .ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(page, "console-imports-committing-desktop");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Imported", Exact = true })).ToBeVisibleAsync(LongRun);
            await ConsoleBrowser.CheckScreenAsync(page, "console-imports-result-desktop");

            var seen = await page.EvaluateAsync<int[]>("() => window.progressSeen");
            Assert.Contains(seen, v => v is > 0 and < 100);
            var batch = await (await api.GetAsync($"/api/v1/imports/{goodId}")).ReadAsync<ImportBatchResponse>();
            Assert.Equal((ImportStatus.Committed, Members * CreditsEach), (batch.Status, batch.Counts.Created));
            var counts = page.GetByRole(AriaRole.Table, new() { Name = "What the import changed" });
            await Assertions.Expect(counts.GetByRole(AriaRole.Row, new() { Name = "Created" })).ToContainTextAsync(batch.Counts.Created.ToString("N0", CultureInfo.InvariantCulture));
            await Assertions.Expect(counts.GetByRole(AriaRole.Row, new() { Name = "Updated" })).ToContainTextAsync(batch.Counts.Updated.ToString("N0", CultureInfo.InvariantCulture));
            await Assertions.Expect(counts.GetByRole(AriaRole.Row, new() { Name = "Unchanged (skipped)" })).ToContainTextAsync(batch.Counts.Unchanged.ToString("N0", CultureInfo.InvariantCulture));

            // The list of past imports says where each stands.
            await page.GetByRole(AriaRole.Link, new() { Name = "Import another file" }).ClickAsync();
            var list = page.GetByRole(AriaRole.Region, new() { Name = "Past imports" });
            await Assertions.Expect(list.GetByRole(AriaRole.Row).Filter(new() { HasText = "ce-history.csv" })).ToContainTextAsync("Imported");
            await Assertions.Expect(list.GetByRole(AriaRole.Row).Filter(new() { HasText = "ce-bad.csv" })).ToContainTextAsync("Has errors");
            await ConsoleBrowser.CheckScreenAsync(page, "console-imports-list-desktop");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-imports-desktop");
            throw;
        }

        // On a phone: the upload form, and the bad file's errors read back from the hub on coming back to the batch.
        var phone = await browser.OpenAsync(hub.BaseAddress, 390, 844);
        try
        {
            await ConsoleHub.SignInAsync(phone, "/admin/imports");
            await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Upload and check" })).ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(phone, "console-imports-upload-phone");
            await phone.GotoAsync($"/admin/imports/{badId}");
            await Assertions.Expect(phone.GetByRole(AriaRole.Table, new() { Name = "Errors by row" })).ToContainTextAsync("values but the header names 7 columns");
            await ConsoleBrowser.CheckScreenAsync(phone, "console-imports-errors-phone");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(phone, "failed-imports-phone");
            throw;
        }
    }

    private static async Task ChooseFileAsync(IPage page, FilePayload file) =>
        await page.Locator("input[type=file]").SetInputFilesAsync(file);

    /// <summary>Uploads a CE-credit file through the form and returns the batch the page moved to.</summary>
    private static async Task<Guid> UploadAsync(IPage page, string name, byte[] content)
    {
        await page.GetByLabel("What the file holds").First.ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "CE credits" }).ClickAsync();
        await ChooseFileAsync(page, new FilePayload { Name = name, MimeType = "text/csv", Buffer = content });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/imports/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Import {name}" })).ToBeVisibleAsync();
        return Guid.Parse(page.Url[^36..]);
    }

    // A program with CE categories, and the members the files name, through the API as staff would.
    private static async Task SeedAsync(HttpClient api)
    {
        (await api.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("CNP").Build())).EnsureSuccessStatusCode();
        for (var i = 1; i <= Members; i++)
            (await api.PostJsonAsync("/api/v1/members", new { amsMemberId = $"WA-{i:D4}", email = $"member{i}@example.org", firstName = "Member", lastName = $"No. {i}" }))
                .EnsureSuccessStatusCode();
    }

    private static byte[] GoodFile()
    {
        var file = SpreadsheetBuilder.CeCredits();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        for (var member = 1; member <= Members; member++)
            for (var course = 1; course <= CreditsEach; course++)
                file.Credit($"WA-{member:D4}", $"Course {course}", course % 2 == 0 ? "Ethics" : "Self-study", "1.5",
                    today.AddDays(-course).ToString("yyyy-MM-dd"));
        return file.ToCsv();
    }
}
