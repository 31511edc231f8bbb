using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CredentialConnect.Web.Data;

namespace CredentialConnect.IntegrationTests.Infrastructure;

/// <summary>
/// The hub as its own operating-system process, the way a node runs in production: <c>dotnet CredentialConnect.Web.dll</c>
/// on a free loopback port, in the Testing environment unless a test picks another, configured only through environment variables. The scheduler
/// and the delivery worker run unless a test turns them off. <see cref="KillAsync"/> ends it with SIGKILL, as a crash
/// or a lost machine would: no shutdown hooks, no finished requests, no released leases.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    /// <summary>How long a node may take to start on a busy machine; a limit for giving up, not a timing assertion.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private const int KeptOutputLines = 300;

    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Scheduling:Enabled"] = "true",
        ["Delivery:WorkerEnabled"] = "true",
        ["Sandbox:Enabled"] = "false",
        // Every database gets a fresh key ring, unencrypted as on a developer's machine; that is expected here.
        ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
    };

    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private readonly List<(string Text, TaskCompletionSource<string> Seen)> _waits = [];

    private HubProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the node wrote to stdout and stderr, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output) return string.Join(Environment.NewLine, _output);
        }
    }

    /// <summary>
    /// Starts a node on <paramref name="connectionString"/> and returns once <c>/health/ready</c> says it is healthy.
    /// Settings use configuration keys (<c>Delivery:WorkerEnabled</c>) and override the defaults. The database must
    /// already be migrated: outside Development the hub refuses to start on a schema that is behind.
    /// </summary>
    public static Task<HubProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync("Testing", new Dictionary<string, string?> { [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = connectionString }, settings);

    /// <summary>
    /// Starts a node on the embedded default, as an operator starts one without a connection string: the SQLite file at
    /// <paramref name="sqlitePath"/>, in <paramref name="environment"/>; returns once it is healthy.
    /// </summary>
    public static Task<HubProcess> StartOnSqliteAsync(string sqlitePath, string environment, IReadOnlyDictionary<string, string?>? settings = null) =>
        StartAsync(environment, new Dictionary<string, string?> { [DataModule.SqlitePathKey] = sqlitePath }, settings);

    private static async Task<HubProcess> StartAsync(string environment, IReadOnlyDictionary<string, string?> database, IReadOnlyDictionary<string, string?>? settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo(DotnetHost(), $"\"{HubAssembly()}\"")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString();
        foreach (var (key, value) in database) start.Environment[EnvironmentName(key)] = value;
        foreach (var (key, value) in Defaults.Where(d => settings?.ContainsKey(d.Key) != true).Concat(settings ?? new Dictionary<string, string?>()))
            start.Environment[EnvironmentName(key)] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var hub = new HubProcess(process, baseAddress);
        process.OutputDataReceived += (_, line) => hub.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => hub.Keep(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await hub.WaitUntilHealthyAsync();
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
        return hub;
    }

    public HttpClient Client() => SessionClients.For(BaseAddress);

    /// <summary>
    /// Waits until the node has written a line containing <paramref name="text"/> and returns it; lines written at
    /// start-up may trail the first healthy answer. Gives up after <paramref name="timeout"/>, naming what it saw.
    /// </summary>
    public async Task<string> WaitForOutputLineAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } already) return already;
            _waits.Add((text, seen));
        }
        try
        {
            return await seen.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The hub wrote no line containing '{text}' within {timeout}:{Environment.NewLine}{Output}");
        }
    }

    /// <summary>Ends the node and everything it started with SIGKILL, and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // It never started, or it is already gone.
        }
        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var giveUp = Stopwatch.StartNew();
        var last = "no answer yet";
        while (giveUp.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                // The last lines it wrote (why it stopped) may still be on their way through the pipe: read them all first.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"The hub process exited with code {_process.ExitCode} before it was healthy:{Environment.NewLine}{Output}");
            }
            try
            {
                using var response = await http.GetAsync("/health/ready");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && body == "Healthy") return;
                last = $"{(int)response.StatusCode} {body}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
        throw new TimeoutException($"The hub process was not healthy after {StartTimeout} (last answer: {last}):{Environment.NewLine}{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines) _output.Dequeue();
            foreach (var wait in _waits.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                wait.Seen.TrySetResult(line);
                _waits.Remove(wait);
            }
        }
    }

    /// <summary>The configuration key as an environment variable: <c>Delivery:WorkerEnabled</c> → <c>Delivery__WorkerEnabled</c>.</summary>
    private static string EnvironmentName(string key) => key.Replace(":", "__");

    // The test project references the web project, so its build output (assembly, deps and runtimeconfig) sits beside ours.
    private static string HubAssembly()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "CredentialConnect.Web.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"The hub's build output is missing: {path}. Build the integration tests first.");
    }

    // The same dotnet that runs the tests; the SDK names it in DOTNET_HOST_PATH.
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
