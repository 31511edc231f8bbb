using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using Microsoft.Playwright;

namespace CredentialConnect.Benchmarks;

// dotnet run -c Release --project benchmarks/CredentialConnect.Benchmarks -- designer [--runs 3]
// The workflow designer in Chromium (/usr/bin/chromium) on generated flows of 50, 150 and 300 activities: the time to
// first render, and the longest frame and longest task while dragging a node and while auto-laying the flow out. The
// floor, measured in the same run: the same number of plain boxes drawn by React alone, and a frame with nothing to do.
internal static class DesignerBenchmark
{
    private static readonly int[] Sizes = [50, 150, 300];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.SkipWhile(a => a != "--runs").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(3);
        var root = RepositoryRoot();
        Build(root);
        await using var site = await ServeAsync(Path.Combine(root, "workflows", "designer", "bench-dist"));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });

        var idle = await IdleFrameAsync(browser, site.Url);
        Console.WriteLine($"Chromium {browser.Version}, {Environment.ProcessorCount} cores; median of {runs} runs; an idle frame is {idle:0.0} ms.");
        Console.WriteLine();
        Console.WriteLine("| Activities | First render | Plain boxes (floor) | Ratio | Picking up: longest frame / task | Moving: longest frame / task | Auto-layout: longest frame / task |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var n in Sizes)
        {
            var samples = new List<Sample>();
            for (var run = 0; run < runs; run++) samples.Add(await MeasureAsync(browser, site.Url, n));
            double Median(Func<Sample, double> of) => samples.Select(of).Order().ElementAt(samples.Count / 2);
            var render = Median(s => s.FirstRender);
            var floor = Median(s => s.Baseline);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {n} | {render:0} ms | {floor:0} ms | {render / floor:0.0}× | {Median(s => s.PickUpFrame):0} / {Median(s => s.PickUpTask):0} ms | {Median(s => s.DragFrame):0} / {Median(s => s.DragTask):0} ms | {Median(s => s.LayoutFrame):0} / {Median(s => s.LayoutTask):0} ms |"));
        }
        Console.WriteLine();
        Console.WriteLine("A long task is one of 50 ms or more (the browser reports no shorter ones): 0 ms means none while measuring.");
        return 0;
    }

    private sealed record Sample(double FirstRender, double Baseline, double PickUpFrame, double PickUpTask, double DragFrame, double DragTask, double LayoutFrame, double LayoutTask);

    private static async Task<Sample> MeasureAsync(IBrowser browser, string url, int n)
    {
        var baseline = await FirstRenderAsync(browser, $"{url}?n={n}&baseline=1");
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => Console.Error.WriteLine($"page error: {e}");
        await page.GotoAsync($"{url}?n={n}");
        var render = await page.WaitForFunctionAsync("() => window.bench.firstRenderMs");
        var firstRender = await render.JsonValueAsync<double>();

        // Drag the first activity across the canvas in 40 steps, as a hand would.
        var node = page.Locator(".react-flow__node").First;
        var box = (await node.BoundingBoxAsync())!;
        // Picking it up selects it (its properties open); moving it is the rest of the drag.
        await page.EvaluateAsync("() => window.bench.record()");
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 20);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + 28, box.Y + 25);
        await page.WaitForTimeoutAsync(300);
        var pickUp = await page.EvaluateAsync<Recorded>("() => window.bench.stop()");
        await page.EvaluateAsync("() => window.bench.record()");
        for (var step = 2; step <= 40; step++) await page.Mouse.MoveAsync(box.X + 20 + step * 8, box.Y + 20 + step * 5);
        await page.Mouse.UpAsync();
        await page.WaitForTimeoutAsync(300);
        var drag = await page.EvaluateAsync<Recorded>("() => window.bench.stop()");

        await page.EvaluateAsync("() => window.bench.record()");
        await page.GetByRole(AriaRole.Button, new() { Name = "Auto-layout" }).ClickAsync(new() { Timeout = 5000 });
        await page.WaitForTimeoutAsync(1000);
        var layout = await page.EvaluateAsync<Recorded>("() => window.bench.stop()");
        return new Sample(firstRender, baseline, pickUp.LongestFrameMs, pickUp.LongestTaskMs, drag.LongestFrameMs, drag.LongestTaskMs, layout.LongestFrameMs, layout.LongestTaskMs);
    }

    private sealed class Recorded
    {
        public double LongestFrameMs { get; set; }
        public double LongestTaskMs { get; set; }
    }

    private static async Task<double> FirstRenderAsync(IBrowser browser, string address)
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1440, Height = 1000 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(address);
        return await (await page.WaitForFunctionAsync("() => window.bench.firstRenderMs")).JsonValueAsync<double>();
    }

    // The longest frame gap over a second with nothing happening: the frame rate itself.
    private static async Task<double> IdleFrameAsync(IBrowser browser, string url)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{url}?n=1&baseline=1");
        await page.WaitForFunctionAsync("() => window.bench.firstRenderMs");
        await page.EvaluateAsync("() => window.bench.record()");
        await page.WaitForTimeoutAsync(1000);
        return (await page.EvaluateAsync<Recorded>("() => window.bench.stop()")).LongestFrameMs;
    }

    private static void Build(string root)
    {
        using var npm = Process.Start(new ProcessStartInfo("npm", "run bench:build --workspace @credentialconnect/designer") { WorkingDirectory = root })!;
        npm.WaitForExit();
        if (npm.ExitCode != 0) throw new InvalidOperationException("The designer benchmark page did not build (npm run bench:build).");
    }

    private sealed class Site(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;
        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    private static async Task<Site> ServeAsync(string folder)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = new PhysicalFileProvider(folder) });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(folder) });
        await app.StartAsync();
        return new Site(app, app.Urls.First() + "/");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "package-lock.json")) && Directory.Exists(Path.Combine(dir.FullName, "workflows"))) return dir.FullName;
        throw new InvalidOperationException("Run the benchmark from inside the repository.");
    }
}
