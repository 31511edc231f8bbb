using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>
/// Debian's Chromium driven by Playwright, at the widths staff use: a desktop and a phone. Screenshots go to
/// <c>.ci/screenshots</c> (or <c>CREDENTIALCONNECT_SCREENSHOTS</c>), to be looked at.
/// </summary>
public sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public static readonly (string Name, int Width, int Height)[] Widths = [("desktop", 1280, 800), ("phone", 390, 844)];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser) => (_playwright, _browser) = (playwright, browser);

    public static async Task<ConsoleBrowser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"The browser tests drive Debian's Chromium at {ChromiumPath}: apt-get install -y chromium (.ci/run does).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = ["--no-sandbox"] });
        return new ConsoleBrowser(playwright, browser);
    }

    public async Task<IPage> OpenAsync(Uri hub, int width = 1280, int height = 800)
    {
        var context = await _browser.NewContextAsync(new() { BaseURL = hub.ToString(), ViewportSize = new() { Width = width, Height = height } });
        return await context.NewPageAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("CREDENTIALCONNECT_SCREENSHOTS") is { Length: > 0 } given
            ? given
            : Path.Combine(Contract.ApiContract.RepositoryRoot(), ".ci", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
    }

    /// <summary>No serious or critical accessibility violation on the page as it stands.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string screen)
    {
        var result = await page.RunAxe();
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, $"{screen}: " + string.Join("; ", blocking.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))}")));
    }

    /// <summary>A screen as it stands: no serious accessibility violation, nothing wider than the screen, and a screenshot to look at.</summary>
    public static async Task CheckScreenAsync(IPage page, string screenshot)
    {
        await AssertAccessibleAsync(page, screenshot);
        // Wide tables scroll inside their own region; the page itself never scrolls sideways, on a phone least of all.
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        Assert.True(widths[0] <= widths[1], $"{screenshot}: the page is {widths[0]} px wide on a {widths[1]} px screen.");
        await ScreenshotAsync(page, screenshot);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
