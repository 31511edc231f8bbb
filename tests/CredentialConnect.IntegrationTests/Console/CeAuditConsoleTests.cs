using System.Net.Http.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.CeAudits;
using CredentialConnect.Web.Features.ContinuingEducation;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>CE audits in the staff console: drawing a reproducible sample and deciding on each credit's evidence.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class CeAuditConsoleTests(HubProcessDatabases databases)
{
    [Fact]
    public async Task AnAdmin_DrawsASampleWithItsSeedShown_AndAcceptsACreditsEvidence_WhileAReviewerCannotDraw()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        await hub.AddReviewerAsync(api);
        var program = await ConsoleSeed.PublishedProgramAsync(api, "AUD");
        var credential = await ConsoleSeed.AwardAsync(api, program, "WA-4001", "Katherine", "Johnson");
        var credit = await (await api.PostJsonAsync("/api/v1/ce-credits", new
        {
            memberId = credential.MemberId, activity = "Ethics in practice", category = "Ethics", hours = 3m,
            earnedAt = DateTimeOffset.UtcNow, sourceRecordId = "lms-ethics-1",
        })).ReadAsync<CeCreditResponse>(System.Net.HttpStatusCode.Created);

        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/ce-audits");
            await page.GetByLabel("Program").First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = $"{program.Code} · {program.Name}" }).ClickAsync();
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Sample percent" }).FillAsync("100");
            // The credential runs three years, so the window reaches its end.
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Renewing within (days)" }).FillAsync("1200");
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Seed" }).FillAsync("4242");
            await page.GetByRole(AriaRole.Button, new() { Name = "Draw sample" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sample drawn: 1 of 1 renewing certificants");
            await Assertions.Expect(page.GetByTestId("drawn-seed")).ToHaveTextAsync("4242");
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "CE audits" }).Locator("tbody tr")).ToHaveCountAsync(1);
            await ConsoleBrowser.CheckScreenAsync(page, "console-ce-audits-desktop");

            var audit = Assert.Single((await api.GetFromJsonAsync<Page<CeAuditSummary>>("/api/v1/ce-audits", HttpExtensions.Json))!.Items);
            Assert.Equal((4242, 1), (audit.Seed, audit.PopulationCount));
            var selection = Assert.Single((await api.GetFromJsonAsync<CeAuditResponse>($"/api/v1/ce-audits/{audit.Id}", HttpExtensions.Json))!.Selections);
            Assert.Equal(credential.Id, selection.CredentialId);
            // The member sends evidence from the portal; here, through the API.
            (await api.PostJsonAsync($"/api/v1/ce-audits/{audit.Id}/selections/{selection.Id}/evidence",
                new { creditId = credit.Id, evidence = "https://lms.example.org/certificates/ethics-1.pdf" })).EnsureSuccessStatusCode();

            await page.GetByRole(AriaRole.Link, new() { Name = "Open the audit" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("audit-seed")).ToHaveTextAsync("4242");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ethics in practice" });
            await Assertions.Expect(row).ToContainTextAsync("ethics-1.pdf");
            await ConsoleBrowser.CheckScreenAsync(page, "console-ce-audit-desktop");

            await row.GetByRole(AriaRole.Button, new() { Name = "Accept Ethics in practice" }).ClickAsync();
            await Assertions.Expect(row).ToContainTextAsync("Accepted");
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Katherine Johnson (WA-4001)" })).ToContainTextAsync("Passed");
            await ConsoleBrowser.CheckScreenAsync(page, "console-ce-audit-decided-desktop");

            var decided = Assert.Single((await api.GetFromJsonAsync<CeAuditResponse>($"/api/v1/ce-audits/{audit.Id}", HttpExtensions.Json))!.Selections);
            Assert.Equal(CeAuditSelectionStatus.Passed, decided.Status);
            Assert.Equal(CeAuditCreditDecision.Accepted, Assert.Single(decided.Credits).Decision);
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-ce-audit");
            throw;
        }

        var phone = await browser.OpenAsync(hub.BaseAddress, 390, 844);
        try
        {
            await ConsoleHub.SignInAsync(phone, "/admin/ce-audits", ConsoleHub.ReviewerEmail);
            await Assertions.Expect(phone.GetByRole(AriaRole.Region, new() { Name = "CE audits" }).Locator("tbody tr")).ToHaveCountAsync(1);
            await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Draw a sample" })).ToHaveCountAsync(0);
            await ConsoleBrowser.CheckScreenAsync(phone, "console-ce-audits-phone");
            await phone.GetByRole(AriaRole.Region, new() { Name = "CE audits" }).GetByRole(AriaRole.Link).First.ClickAsync();
            await Assertions.Expect(phone.GetByTestId("audit-seed")).ToHaveTextAsync("4242");
            await Assertions.Expect(phone.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ethics in practice" })).ToContainTextAsync("Accepted");
            await ConsoleBrowser.CheckScreenAsync(phone, "console-ce-audit-phone");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(phone, "failed-ce-audit-phone");
            throw;
        }
    }
}
