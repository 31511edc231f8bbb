using System.Text.RegularExpressions;
using CredentialConnect.IntegrationTests.Processes;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>When the hub fails, cannot be reached, or the session ends, the console says what happened and what to do; never a blank page.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class ConsoleFaultTests(HubProcessDatabases databases)
{
    [Fact]
    public async Task AServerError_ANetworkFailure_AnUnknownAddress_AndAnEndedSession_EachTellTheUserWhatToDo()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/programs");

            // A 500 from the hub: the screen keeps its place and says the hub failed, in the hub's words.
            await page.RouteAsync(new Regex("/api/v1/programs\\?"), route => route.FulfillAsync(new()
            {
                Status = 500, ContentType = "application/problem+json",
                Body = """{"type":"https://credentialconnect.org/problems/server-error","title":"Something went wrong on our side.","status":500,"detail":"The error has been logged."}""",
            }));
            await page.ReloadAsync();
            var alert = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Programs could not be loaded" });
            await Assertions.Expect(alert).ToContainTextAsync("The error has been logged.");
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console" })).ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(page, "console-fault-server-error-desktop");

            // The hub cannot be reached at all: the screen says so, rather than a generic failure.
            await page.UnrouteAllAsync();
            await page.RouteAsync(new Regex("/api/v1/programs\\?"), route => route.AbortAsync("connectionrefused"));
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Search programs" }).FillAsync("nothing-cached");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Programs could not be loaded" }))
                .ToContainTextAsync("could not be reached");
            await page.UnrouteAllAsync();

            // An address that is no screen says so, inside the console.
            await page.GotoAsync("/admin/no-such-screen");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("No such screen");
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console" })).ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(page, "console-fault-no-such-screen-desktop");

            // The session ends (signed out elsewhere, or expired): the next screen sends the person to sign in, then back.
            await page.Context.ClearCookiesAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "Members" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/sign-in\\?returnTo=%2Fadmin%2Fmembers"));
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Email" }).FillAsync(ConsoleHub.AdminEmail);
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Password" }).FillAsync(ConsoleHub.Password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/members$"));
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-faults");
            throw;
        }
    }
}
