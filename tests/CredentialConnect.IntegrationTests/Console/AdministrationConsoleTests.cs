using System.Net;
using System.Net.Http.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>An Admin runs the console's own people and reads who changed what.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class AdministrationConsoleTests(HubProcessDatabases databases)
{
    [Fact]
    public async Task AnAdmin_AddsAReviewer_ChangesTheirRole_DisablesThem_AndFindsItAllInTheAuditLog()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/administration/staff");
            var form = page.GetByRole(AriaRole.Form, new() { Name = "Add a staff member" });
            await form.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync("Riley Reviewer");
            await form.GetByRole(AriaRole.Textbox, new() { Name = "Email" }).FillAsync("riley@example.org");
            await form.GetByLabel("First password").FillAsync("short");
            await form.GetByRole(AriaRole.Button, new() { Name = "Add staff member" }).ClickAsync();
            // The API's password rule shows on the password field, and what was typed stays.
            await Assertions.Expect(form.GetByText("at least 12 characters", new() { Exact = false }).Last).ToBeVisibleAsync();
            await Assertions.Expect(form.GetByRole(AriaRole.Textbox, new() { Name = "Email" })).ToHaveValueAsync("riley@example.org");
            await ConsoleBrowser.CheckScreenAsync(page, "console-staff-error-desktop");

            await form.GetByLabel("First password").FillAsync(ConsoleHub.Password);
            await form.GetByRole(AriaRole.Button, new() { Name = "Add staff member" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Riley Reviewer can now sign in as Reviewer");
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "riley@example.org" });
            await Assertions.Expect(row).ToContainTextAsync("Active");

            await page.GetByRole(AriaRole.Button, new() { Name = "Change Riley Reviewer" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Role").First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Admin" }).ClickAsync();
            await dialog.GetByRole(AriaRole.Switch, new() { Name = "Can sign in" }).UncheckAsync(new() { Force = true });
            await ConsoleBrowser.CheckScreenAsync(page, "console-staff-change-desktop");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(row).ToContainTextAsync("Disabled");
            await Assertions.Expect(row).ToContainTextAsync("Admin");
            var riley = (await api.GetFromJsonAsync<StaffAccountSummary[]>("/api/v1/staff", HttpExtensions.Json))!.Single(a => a.Email == "riley@example.org");
            Assert.Equal([HubRoles.Admin], riley.Roles);
            Assert.False(riley.Enabled);
            var refused = await SessionClients.For(hub.BaseAddress).PostAsJsonAsync("/auth/sign-in", new { email = "riley@example.org", password = ConsoleHub.Password });
            Assert.Equal(HttpStatusCode.Locked, refused.StatusCode);

            // Nobody demotes themselves: the hub's reason shows in the dialog.
            await page.GetByRole(AriaRole.Button, new() { Name = "Change Administrator" }).ClickAsync();
            await dialog.GetByLabel("Role").First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Reviewer" }).ClickAsync();
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(dialog.GetByRole(AriaRole.Alert)).ToContainTextAsync("your own Admin role");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            await ConsoleBrowser.CheckScreenAsync(page, "console-staff-desktop");

            await page.GotoAsync("/admin/administration/audit-log");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit log" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Textbox, new() { Name = "What changed" }).FillAsync("UserAccount");
            await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("entityType=UserAccount"));
            var shown = page.GetByRole(AriaRole.Region, new() { Name = "Audit log" }).Locator("tbody tr");
            var expected = (await api.GetFromJsonAsync<Page<AuditLogEntryResponse>>("/api/v1/audit-log?entityType=UserAccount&pageSize=25", HttpExtensions.Json))!;
            Assert.NotEmpty(expected.Items);
            await Assertions.Expect(shown).ToHaveCountAsync(expected.Items.Count);
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{expected.TotalCount} change");
            await ConsoleBrowser.CheckScreenAsync(page, "console-audit-log-desktop");

            await page.SetViewportSizeAsync(390, 844);
            await ConsoleBrowser.CheckScreenAsync(page, "console-audit-log-phone");
            await page.GotoAsync("/admin/administration/staff");
            await Assertions.Expect(row).ToContainTextAsync("Disabled");
            await ConsoleBrowser.CheckScreenAsync(page, "console-staff-phone");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-administration");
            throw;
        }
    }
}
