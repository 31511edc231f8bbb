using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Dashboard;
using CredentialConnect.Web.Features.Programs;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>The staff console in real Chromium, served by a real hub process on PostgreSQL.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class StaffConsoleTests(HubProcessDatabases databases)
{
    [Fact]
    public async Task AnAdmin_SignsIn_SeesTheDashboardWhoseTableMatchesTheApi_AndThePrograms()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        var program = await SeedAsync(api);
        var issued = (await api.GetFromJsonAsync<MonthCount[]>("/api/v1/dashboard/credentials-issued?months=12", HttpExtensions.Json))!;
        Assert.Equal(1, issued.Sum(m => m.Count));

        await using var browser = await ConsoleBrowser.LaunchAsync();
        foreach (var (name, width, height) in ConsoleBrowser.Widths)
        {
            var page = await browser.OpenAsync(hub.BaseAddress, width, height);
            try
            {
            // A person who is not signed in is sent to sign-in, then back to the page they asked for.
            await page.GotoAsync("/admin/programs");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/sign-in\\?returnTo="));
            await ConsoleBrowser.AssertAccessibleAsync(page, "Sign-in");
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Email" }).FillAsync(ConsoleHub.AdminEmail);
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Password" }).FillAsync("not the password");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not right");
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Password" }).FillAsync(ConsoleHub.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/programs$"));

            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = program.Code })).ToBeVisibleAsync();
            await ConsoleBrowser.AssertAccessibleAsync(page, "Programs");
            await ConsoleBrowser.ScreenshotAsync(page, $"console-programs-{name}");

            await page.GotoAsync("/admin/");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Credentials issued per month" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("Applications waiting over 7 days")).ToBeVisibleAsync();
            await page.Locator(".recharts-bar-rectangle path").First.WaitForAsync();
            await ConsoleBrowser.AssertAccessibleAsync(page, "Dashboard");
            await ConsoleBrowser.ScreenshotAsync(page, $"console-dashboard-{name}");

            // The chart's numbers, as a table, are the API's.
            await page.GetByRole(AriaRole.Region, new() { Name = "Credentials issued per month", Exact = true })
                .GetByText("Table", new() { Exact = true }).ClickAsync();
            var rows = page.GetByRole(AriaRole.Table, new() { Name = "Credentials issued per month" }).Locator("tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(issued.Length);
            var shown = await rows.EvaluateAllAsync<string[][]>("rows => rows.map(r => [...r.cells].map(c => c.textContent))");
            Assert.Equal(issued.Select(m => new[] { m.Month, m.Count.ToString() }), shown!);
            await ConsoleBrowser.AssertAccessibleAsync(page, "Dashboard as a table");

            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/sign-in\\?returnTo="));
            }
            catch
            {
                await ConsoleBrowser.ScreenshotAsync(page, $"failed-{name}");
                throw;
            }
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task AnAdmin_CreatesAKeyShownOnce_AndRevokesIt_WhileAReviewerIsNotAllowedThere()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        await hub.AddReviewerAsync(api);
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/administration/api-keys", ConsoleHub.AdminEmail);
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync("lms-sync");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
            await Assertions.Expect(page.GetByText("At least one scope is required")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Name" })).ToHaveValueAsync("lms-sync");

            await page.GetByLabel("Scopes").First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "members:read" }).ClickAsync();
            await page.Keyboard.PressAsync("Escape");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
            var plain = (await page.GetByTestId("plain-key").TextContentAsync())!;
            using var partner = new HttpClient { BaseAddress = hub.BaseAddress };
            partner.DefaultRequestHeaders.Authorization = new("ApiKey", plain);
            Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync("/api/v1/members")).StatusCode);
            await ConsoleBrowser.AssertAccessibleAsync(page, "API keys");
            await ConsoleBrowser.ScreenshotAsync(page, "console-api-keys-desktop");

            await page.GetByRole(AriaRole.Button, new() { Name = "Revoke lms-sync" }).ClickAsync();
            await ConsoleBrowser.AssertAccessibleAsync(page, "Revoke dialog");
            await page.GetByRole(AriaRole.Button, new() { Name = "Revoke key" }).ClickAsync();
            // The row no longer offers to revoke: it says when the key was revoked.
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Revoke lms-sync" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "lms-sync" })).ToContainTextAsync("Revoked");
            Assert.Equal(HttpStatusCode.Unauthorized, (await partner.GetAsync("/api/v1/members")).StatusCode);

            // A Reviewer has no such screen: no link to it, and the address says so.
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/sign-in\\?returnTo="));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await ConsoleHub.SignInAsync(page, "/admin/administration/api-keys", ConsoleHub.ReviewerEmail);
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not allowed");
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);
            await ConsoleBrowser.AssertAccessibleAsync(page, "Not allowed");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-api-keys");
            throw;
        }
    }

    // One published program and one credential awarded in it, through the API as staff would.
    private static async Task<ProgramResponse> SeedAsync(HttpClient api)
    {
        var program = await ConsoleSeed.PublishedProgramAsync(api, "CNP");
        await ConsoleSeed.AwardAsync(api, program, "WA-1001", "Grace", "Hopper");
        return program;
    }
}
