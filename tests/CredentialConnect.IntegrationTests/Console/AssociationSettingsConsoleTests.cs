using System.Net.Http.Json;
using CredentialConnect.Badges.Baking;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.Web.Features.Association;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>An Admin makes the hub the association's own: its name, colours and logo, on the console and the public pages.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class AssociationSettingsConsoleTests(HubProcessDatabases databases)
{
    [Fact]
    public async Task AnAdmin_RenamesTheAssociation_FixesATooLightColour_UploadsALogo_AndThePublicPagesShowThem()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/administration/settings");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Association settings" })).ToBeVisibleAsync();
            var form = page.GetByRole(AriaRole.Form, new() { Name = "Association settings" });
            await form.GetByRole(AriaRole.Textbox, new() { Name = "Name" }).FillAsync("Society of Safety Engineers");
            await form.GetByRole(AriaRole.Textbox, new() { Name = "Primary colour" }).FillAsync("#ffdd55");
            await form.GetByRole(AriaRole.Textbox, new() { Name = "Time zone" }).FillAsync("America/Chicago");
            // The ratio shows while typing; the hub's own rule answers on the field, and what was typed stays.
            await Assertions.Expect(form.GetByText("too light; needs at least 4.5:1")).ToBeVisibleAsync();
            await form.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Assertions.Expect(form.GetByText("its contrast with white is")).ToBeVisibleAsync();
            await Assertions.Expect(form.GetByRole(AriaRole.Textbox, new() { Name = "Name" })).ToHaveValueAsync("Society of Safety Engineers");
            await ConsoleBrowser.CheckScreenAsync(page, "console-association-settings-error-desktop");

            await form.GetByRole(AriaRole.Textbox, new() { Name = "Primary colour" }).FillAsync("#5c2d91");
            await form.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Saved." })).ToBeVisibleAsync();
            var saved = (await api.GetFromJsonAsync<AssociationSettingsResponse>("/api/v1/association/settings", HttpExtensions.Json))!;
            Assert.Equal(("Society of Safety Engineers", "#5c2d91", "America/Chicago", 1), (saved.Name, saved.PrimaryColour, saved.TimeZone, saved.Version));

            var logo = page.GetByRole(AriaRole.Region, new() { Name = "Logo" });
            await logo.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = BadgeArtwork.Png("SSE") });
            await logo.GetByRole(AriaRole.Button, new() { Name = "Upload logo" }).ClickAsync();
            await Assertions.Expect(logo.GetByText("Logo uploaded: the public pages now show it.")).ToBeVisibleAsync();
            await Assertions.Expect(logo.GetByRole(AriaRole.Img, new() { Name = "The association's current logo" })).ToBeVisibleAsync();
            await page.ReloadAsync();
            // The console's own header carries the new name.
            await Assertions.Expect(page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Heading, new() { Name = "Society of Safety Engineers" })).ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(page, "console-association-settings-desktop");

            // Moving the public address asks for a confirmation that says what it means.
            var address = form.GetByRole(AriaRole.Textbox, new() { Name = "Public base URL" });
            await address.FillAsync("https://credentials.sse.example");
            await Assertions.Expect(form.GetByText("keep that address reaching this hub")).ToBeVisibleAsync();
            await Assertions.Expect(form.GetByRole(AriaRole.Button, new() { Name = "Save settings" })).ToBeDisabledAsync();
            await page.SetViewportSizeAsync(390, 844);
            await ConsoleBrowser.CheckScreenAsync(page, "console-association-settings-phone");
            await page.SetViewportSizeAsync(1280, 800);
            await form.GetByRole(AriaRole.Button, new() { Name = "Discard changes" }).ClickAsync();

            // Someone else saves meanwhile: this edit is refused, and Reload brings their version.
            var theirs = saved with { Name = "Renamed Elsewhere" };
            (await api.PutAsJsonAsync("/api/v1/association/settings", new AssociationSettingsWrite(theirs.Name, theirs.Website, theirs.Email, theirs.TimeZone,
                theirs.Locale, theirs.PrimaryColour, theirs.AccentColour, theirs.PublicBaseUrl, theirs.Version), HttpExtensions.Json)).EnsureSuccessStatusCode();
            await form.GetByRole(AriaRole.Textbox, new() { Name = "Email" }).FillAsync("credentials@sse.example");
            await form.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            var stale = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Someone else changed these settings" });
            await Assertions.Expect(stale).ToBeVisibleAsync();
            await stale.GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();
            await Assertions.Expect(form.GetByRole(AriaRole.Textbox, new() { Name = "Name" })).ToHaveValueAsync("Renamed Elsewhere");

            // The public pages follow: the name in the header band, the logo, the colour.
            foreach (var path in new[] { "/verify", "/directory" })
            {
                await page.GotoAsync(path);
                var masthead = page.GetByRole(AriaRole.Banner);
                await Assertions.Expect(masthead).ToContainTextAsync("Renamed Elsewhere");
                await Assertions.Expect(masthead.Locator("img")).ToBeVisibleAsync();
                Assert.Equal("rgb(92, 45, 145)", await masthead.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
                await ConsoleBrowser.AssertAccessibleAsync(page, path);
            }
            await ConsoleBrowser.ScreenshotAsync(page, "public-directory-branded-desktop");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-association-settings");
            throw;
        }
    }

    [Fact]
    public async Task AReviewer_IsToldTheSettingsAreForAdmins_AndTheNavigationDoesNotOfferThem()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        await hub.AddReviewerAsync(api);
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);

        await ConsoleHub.SignInAsync(page, "/admin/administration/settings", ConsoleHub.ReviewerEmail);

        await Assertions.Expect(page.GetByText("Not allowed", new() { Exact = false }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Association settings" })).ToHaveCountAsync(0);
    }
}
