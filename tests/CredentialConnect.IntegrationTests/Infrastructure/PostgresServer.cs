using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CredentialConnect.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL for the integration tests. Uses <c>CC_TEST_POSTGRES</c> when set; otherwise starts a
/// throwaway cluster from this machine's PostgreSQL server binaries (initdb into a temp folder, a free
/// port) and removes it after the run. As root it runs the server as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string EnvironmentVariable = "CC_TEST_POSTGRES";

    private readonly string? _dataRoot;
    private readonly string? _binaries;
    private readonly bool _asPostgresUser;

    /// <summary>Connection string to the server's maintenance database.</summary>
    public string AdminConnectionString { get; }

    private PostgresServer(string adminConnectionString, string? dataRoot = null, string? binaries = null, bool asPostgresUser = false)
    {
        AdminConnectionString = adminConnectionString;
        _dataRoot = dataRoot;
        _binaries = binaries;
        _asPostgresUser = asPostgresUser;
    }

    /// <param name="settings">More server settings, as <c>-c name=value</c> options (a benchmark sizes the buffer cache as production would).</param>
    public static async Task<PostgresServer> StartAsync(string settings = "")
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
            return new PostgresServer(given);

        var binaries = FindServerBinaries() ?? throw new InvalidOperationException(
            $"No PostgreSQL for the integration tests. Either set {EnvironmentVariable} to a connection string " +
            "(e.g. 'Host=localhost;Username=postgres;Password=...'), or install the PostgreSQL server so the tests can " +
            "start their own: 'apt-get install -y postgresql' on Debian/Ubuntu, 'brew install postgresql@15' on macOS.");

        var asPostgresUser = Environment.UserName == "root";
        var root = Directory.CreateTempSubdirectory("cc-pg-").FullName;
        var data = Path.Combine(root, "data");
        var port = FreePort();
        if (asPostgresUser) Run("chown", $"postgres {root}", null);

        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true", root, binaries, asPostgresUser);
        server.RunServerTool("initdb", $"-D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync");
        server.RunServerTool("pg_ctl",
            $"-D {data} -l {Path.Combine(root, "server.log")} -w -t 60 " +
            $"-o \"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 {settings}\" start");
        await server.WaitUntilAcceptingAsync();
        return server;
    }

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection)) await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection)) await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    public ValueTask DisposeAsync()
    {
        if (_dataRoot is null) return ValueTask.CompletedTask;
        NpgsqlConnection.ClearAllPools();
        try { RunServerTool("pg_ctl", $"-D {Path.Combine(_dataRoot, "data")} -m immediate -w stop"); }
        finally { Directory.Delete(_dataRoot, recursive: true); }
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilAcceptingAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (NpgsqlException) when (attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private void RunServerTool(string tool, string arguments)
    {
        var path = Path.Combine(_binaries!, tool);
        if (_asPostgresUser) Run("runuser", $"-u postgres -- {path} {arguments}", _dataRoot);
        else Run(path, arguments, _dataRoot);
    }

    private static void Run(string file, string arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"'{file} {arguments}' did not finish in time.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{file} {arguments}' failed ({process.ExitCode}): {stderr.Result}{stdout.Result}");
    }

    private static string? FindServerBinaries()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            : Enumerable.Empty<string>();
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator);
        return candidates.Concat(onPath).Concat(["/usr/local/bin", "/opt/homebrew/bin"])
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
