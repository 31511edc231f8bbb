using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.Web.Features.Credentials;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>Credentials in the staff console: finding one, changing its status for a reason, its files, and revoking many at once.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class CredentialsConsoleTests(HubProcessDatabases databases)
{
    [Fact]
    public async Task AnAdmin_SuspendsAndReinstatesACredentialWithAReason_AndDownloadsItsBadge_WhileARevokeWithoutReasonIsRefusedOnTheField()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        var program = await ConsoleSeed.PublishedProgramAsync(api, "CSC");
        var credential = await ConsoleSeed.AwardAsync(api, program, "WA-2001", "Ada", "Lovelace");

        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/credentials");
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Number" }).FillAsync(credential.Number[^6..]);
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("number="));
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = credential.Number })).ToContainTextAsync("Ada Lovelace (WA-2001)");
            await ConsoleBrowser.CheckScreenAsync(page, "console-credentials-desktop");

            await page.GetByRole(AriaRole.Link, new() { Name = credential.Number }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = credential.Number })).ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(page, "console-credential-desktop");

            // A revoke without a reason: the hub's message shows on the Reason box, and nothing changes.
            await page.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Revoke credential" }).ClickAsync();
            await Assertions.Expect(dialog.GetByText("A reason is required")).ToBeVisibleAsync();
            await Assertions.Expect(dialog.GetByRole(AriaRole.Textbox, new() { Name = "Reason" })).ToHaveAttributeAsync("aria-invalid", "true");
            await ConsoleBrowser.CheckScreenAsync(page, "console-credential-revoke-needs-reason-desktop");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
            Assert.Equal(CredentialStatus.Active, (await ReadAsync(api, credential.Id)).Status);

            await ChangeStatusAsync(page, "Suspend", "Suspend credential", "Complaint under investigation.");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = credential.Number }).Locator("..")).ToContainTextAsync("Suspended");
            var suspended = await ReadAsync(api, credential.Id);
            Assert.Equal(CredentialStatus.Suspended, suspended.Status);
            Assert.Equal("Complaint under investigation.", suspended.StatusHistory[^1].Reason);

            await ChangeStatusAsync(page, "Reinstate", "Reinstate credential", "Investigation closed.");
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Status history" }).First).ToContainTextAsync("Investigation closed.");
            var reinstated = await ReadAsync(api, credential.Id);
            Assert.Equal(CredentialStatus.Active, reinstated.Status);
            Assert.Equal(("Investigation closed.", CredentialStatus.Suspended), (reinstated.StatusHistory[^1].Reason, reinstated.StatusHistory[^1].From));

            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Badge (PNG)" }).ClickAsync());
            Assert.Equal($"{credential.Number}-badge.png", download.SuggestedFilename);
            var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-credential-status");
            throw;
        }

        var phone = await browser.OpenAsync(hub.BaseAddress, 390, 844);
        try
        {
            await ConsoleHub.SignInAsync(phone, "/admin/credentials");
            await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = credential.Number })).ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(phone, "console-credentials-phone");
            await phone.GetByRole(AriaRole.Link, new() { Name = credential.Number }).ClickAsync();
            await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Status history" })).ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(phone, "console-credential-phone");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(phone, "failed-credential-phone");
            throw;
        }
    }

    [Fact]
    public async Task BulkRevoke_PreviewsTheCount_CancelRevokesNothing_ConfirmRevokesExactlyThose_AndAReviewerIsNotAllowed()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        await hub.AddReviewerAsync(api);
        var program = await ConsoleSeed.PublishedProgramAsync(api, "BLK");
        var first = await ConsoleSeed.AwardAsync(api, program, "WA-3001", "Grace", "Hopper");
        var second = await ConsoleSeed.AwardAsync(api, program, "WA-3002", "Alan", "Turing");
        var kept = await ConsoleSeed.AwardAsync(api, program, "WA-3003", "Edsger", "Dijkstra");

        await using var browser = await ConsoleBrowser.LaunchAsync();
        // On the phone the preview is cancelled; on the desktop it is confirmed.
        foreach (var (name, width, height) in Enumerable.Reverse(ConsoleBrowser.Widths))
        {
            var page = await browser.OpenAsync(hub.BaseAddress, width, height);
            try
            {
                await ConsoleHub.SignInAsync(page, "/admin/credentials/bulk-revoke");
                var numbers = page.GetByRole(AriaRole.Textbox, new() { Name = "Credential numbers" });
                await numbers.FillAsync($"{first.Number}\n{second.Number}");

                // No reason: the field says so, and the pasted numbers stay.
                await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
                await Assertions.Expect(page.GetByText("A reason is required")).ToBeVisibleAsync();
                await Assertions.Expect(numbers).ToHaveValueAsync($"{first.Number}\n{second.Number}");
                await ConsoleBrowser.CheckScreenAsync(page, $"console-bulk-revoke-needs-reason-{name}");

                await page.GetByRole(AriaRole.Textbox, new() { Name = "Reason" }).FillAsync("Issued against a withdrawn exam.");
                await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2 credentials would be revoked" })).ToBeVisibleAsync();
                var listed = page.GetByRole(AriaRole.Region, new() { Name = "Credentials that would be revoked" }).Locator("tbody tr");
                await Assertions.Expect(listed).ToHaveCountAsync(2);
                await Assertions.Expect(listed.Filter(new() { HasText = first.Number })).ToHaveCountAsync(1);
                await Assertions.Expect(listed.Filter(new() { HasText = second.Number })).ToHaveCountAsync(1);
                await ConsoleBrowser.CheckScreenAsync(page, $"console-bulk-revoke-preview-{name}");

                // Cancelling revokes nothing.
                await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Preview" })).ToBeVisibleAsync();
                foreach (var c in new[] { first, second, kept }) Assert.Equal(CredentialStatus.Active, (await ReadAsync(api, c.Id)).Status);
                if (name == "phone")
                {
                    await page.Context.CloseAsync();
                    continue;
                }

                await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
                var revoke = page.GetByRole(AriaRole.Button, new() { Name = "Revoke 2 credentials" });
                await Assertions.Expect(revoke).ToBeDisabledAsync();
                await page.GetByRole(AriaRole.Textbox, new() { Name = "Type 2 to confirm" }).FillAsync("2");
                await revoke.ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Revoked 2 credentials");
                await ConsoleBrowser.CheckScreenAsync(page, $"console-bulk-revoke-done-{name}");

                Assert.Equal(CredentialStatus.Revoked, (await ReadAsync(api, first.Id)).Status);
                Assert.Equal(CredentialStatus.Revoked, (await ReadAsync(api, second.Id)).Status);
                Assert.Equal(CredentialStatus.Active, (await ReadAsync(api, kept.Id)).Status);
                Assert.Equal("Issued against a withdrawn exam.", (await ReadAsync(api, first.Id)).StatusHistory[^1].Reason);
            }
            catch
            {
                await ConsoleBrowser.ScreenshotAsync(page, $"failed-bulk-revoke-{name}");
                throw;
            }
            await page.Context.CloseAsync();
        }

        // A Reviewer reads credentials but changes none: no bulk revoke, no status buttons, and the address says Not allowed.
        var reviewer = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(reviewer, "/admin/credentials", ConsoleHub.ReviewerEmail);
            await Assertions.Expect(reviewer.GetByRole(AriaRole.Link, new() { Name = kept.Number })).ToBeVisibleAsync();
            await Assertions.Expect(reviewer.GetByRole(AriaRole.Link, new() { Name = "Bulk revoke" })).ToHaveCountAsync(0);
            await reviewer.GetByRole(AriaRole.Link, new() { Name = kept.Number }).ClickAsync();
            await Assertions.Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "Status history" })).ToBeVisibleAsync();
            await Assertions.Expect(reviewer.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true })).ToHaveCountAsync(0);
            await reviewer.GotoAsync("/admin/credentials/bulk-revoke");
            await Assertions.Expect(reviewer.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not allowed");
            await ConsoleBrowser.CheckScreenAsync(reviewer, "console-bulk-revoke-reviewer-desktop");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(reviewer, "failed-bulk-revoke-reviewer");
            throw;
        }
    }

    private static async Task ChangeStatusAsync(IPage page, string action, string confirm, string reason)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByRole(AriaRole.Textbox, new() { Name = "Reason" }).FillAsync(reason);
        await dialog.GetByRole(AriaRole.Button, new() { Name = confirm }).ClickAsync();
        await Assertions.Expect(dialog).ToHaveCountAsync(0);
    }

    private static async Task<CredentialResponse> ReadAsync(HttpClient api, Guid id) =>
        (await api.GetFromJsonAsync<CredentialResponse>($"/api/v1/credentials/{id}", HttpExtensions.Json))!;
}
