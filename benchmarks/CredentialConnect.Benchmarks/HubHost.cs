using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Demo;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Sync;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Benchmarks;

/// <summary>
/// The hub in-process on its own PostgreSQL database, configured as in production except that nothing runs in the
/// background (no scheduler, no delivery loop, no sandbox): the benchmark drives the sync engine itself.
/// </summary>
internal sealed class HubHost(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<Program>
{
    public const string MembersStream = "wild-apricot/members";
    public const string LearningStream = "xapi/learning";

    /// <summary>Starts the hub in-process, or on Kestrel at <paramref name="kestrelPort"/> for an outside load generator.</summary>
    public static async Task<HubHost> StartAsync(string connectionString, IReadOnlyDictionary<string, string?> connectorSettings, int? kestrelPort = null)
    {
        await using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options))
        {
            await db.Database.MigrateAsync();
            var now = DateTimeOffset.UtcNow;
            foreach (var code in Dataset.ExamPrograms)
                db.Programs.Add(new CredentialProgram
                {
                    Code = code, Name = $"Program {code}", Status = ProgramStatus.Published, CreatedAt = now,
                    Learning = DemoAssociation.LearningFor(code),
                });
            await db.SaveChangesAsync();
        }

        var all = new Dictionary<string, string?>(connectorSettings)
        {
            [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = connectionString,
            ["Scheduling:Enabled"] = "false",
            ["Delivery:WorkerEnabled"] = "false",
            ["Sandbox:Enabled"] = "false",
            // Production requires the hub's public address (badges name it as their issuer).
            ["Badges:PublicBaseUrl"] = "https://credentials.example.org",
            // The hub logs a line per run; per-request HTTP client logging would only measure the console.
            ["Logging:LogLevel:Default"] = "Warning",
            // Every database gets a fresh key ring, unencrypted as on a developer's machine; that is expected here.
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        // The host's content root (its appsettings.json) is the Web project's folder, as when it is run from source.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CREDENTIALCONNECT_WEB", WebProjectFolder());
        var host = new HubHost(all);
        if (kestrelPort is { } port)
        {
            host.UseKestrel(port);
            host.StartServer();
        }
        _ = host.Services;
        return host;
    }

    public async Task<SyncRun> SyncAsync(string stream)
    {
        var run = await Services.GetRequiredService<SyncEngine>().RunAsync(stream, "on-demand", CancellationToken.None)
            ?? throw new InvalidOperationException($"The hub has no stream {stream}.");
        if (run.Status != SyncRunStatus.Succeeded) throw new InvalidOperationException($"{stream} failed: {run.Error}");
        return run;
    }

    private static string WebProjectFolder() => Path.Combine(RepositoryFolder(), "src", "CredentialConnect.Web");

    /// <summary>The repository the benchmark was built in: its templates and the hub's content root are read from there.</summary>
    public static string RepositoryFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (Directory.Exists(Path.Combine(folder.FullName, "src", "CredentialConnect.Web"))) return folder.FullName;
        throw new InvalidOperationException("Run the benchmark from the repository: the hub's content root is src/CredentialConnect.Web.");
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
    }
}
