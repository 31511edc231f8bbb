using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CredentialConnect.Benchmarks;

// dotnet run -c Release --project benchmarks/CredentialConnect.Benchmarks -- verification [--credentials 3000] [--seconds 20] [--connections 16]
// GET /api/v1/verify/{number} for random numbers, on the hub served by Kestrel on PostgreSQL, loaded by wrk; then a
// bare Kestrel endpoint returning the same response bytes, loaded the same way in the same run.
internal static partial class VerificationBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var count = Option(args, "--credentials", 3_000);
        var seconds = Option(args, "--seconds", 20);
        var connections = Option(args, "--connections", 16);
        if (!File.Exists("/usr/bin/wrk") && !File.Exists("/usr/local/bin/wrk"))
        {
            Console.Error.WriteLine("The verification benchmark loads the endpoints with wrk: apt-get install -y wrk.");
            return 2;
        }
        Console.WriteLine($"Verification benchmark: {count:N0} credentials, wrk {connections} connections for {seconds} s per endpoint; " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, load average before {LoadAverage()}.");

        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("verification_bench");
        var hubPort = FreePort();
        await using var host = await HubHost.StartAsync(connectionString, new Dictionary<string, string?>
        {
            // wrk is one client address: the public limit would otherwise be the thing measured.
            [$"{PublicRateLimitOptions.Section}:PermitLimit"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
            [$"{BadgeOptions.Section}:PublicBaseUrl"] = "https://certify.example.org",
        }, kestrelPort: hubPort);

        var clock = Stopwatch.StartNew();
        var numbers = await SeedAsync(host, count);
        Console.WriteLine($"Seeded and signed {count:N0} credentials (2% revoked, 1% suspended) in {clock.Elapsed.TotalSeconds:F1} s.");

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{hubPort}") };
        var sample = await http.GetByteArrayAsync($"/api/v1/verify/{numbers[0]}");
        var script = WrkScript(numbers);

        Wrk(hubPort, script, 5, connections);   // warm-up: JIT, connection pools, context caches
        var hub = Wrk(hubPort, script, seconds, connections);
        Console.WriteLine($"Hub   GET /api/v1/verify/{{number}}: {hub.RequestsPerSecond:N0} requests/s, p99 {hub.P99Ms:F1} ms, {hub.Requests:N0} requests, {hub.Failures} not 200.");

        var barePort = FreePort();
        await using var bare = await BareEndpointAsync(barePort, sample);
        Wrk(barePort, script, 5, connections);
        var raw = Wrk(barePort, script, seconds, connections);
        Console.WriteLine($"Bare  Kestrel, the same {sample.Length:N0} bytes: {raw.RequestsPerSecond:N0} requests/s, p99 {raw.P99Ms:F2} ms, {raw.Requests:N0} requests.");

        var ratio = hub.RequestsPerSecond / raw.RequestsPerSecond;
        Console.WriteLine($"Verification endpoint at {ratio:P1} of the bare endpoint (goal 50%): {(ratio >= 0.5 ? "met" : "missed")}. Load average after {LoadAverage()}.");
        return 0;
    }

    private sealed record WrkResult(double RequestsPerSecond, double P99Ms, long Requests, long Failures);

    /// <summary>Members, a program and credentials in the hub's tables, then every badge signed by the hub's own issuing pass.</summary>
    private static async Task<string[]> SeedAsync(HubHost host, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var numbers = new string[count];
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var program = new CredentialProgram { Code = "VERIFY", Name = "Verified Practitioner", Status = ProgramStatus.Published, CreatedAt = now };
            db.Programs.Add(program);
            for (var i = 0; i < count; i++)
            {
                var member = new Member
                {
                    AmsMemberId = $"V-{i}", Email = $"v{i}@example.org", FirstName = "Member", LastName = $"{i}", CreatedAt = now, UpdatedAt = now,
                    Directory = DirectoryConsent.Given(i % 2 == 0, true, false, false, true),
                };
                db.Members.Add(member);
                numbers[i] = CredentialNumber.Format(ProgramKind.Certification, 2026, i + 1);
                var credential = Credential.Award(numbers[i], member.Id, program.Id, now.AddDays(-30), now.AddYears(3), "benchmark");
                if (i % 50 == 1) credential.ChangeStatus(CredentialStatus.Revoked, "Benchmark revocation.", "benchmark", now);
                else if (i % 100 == 3) credential.ChangeStatus(CredentialStatus.Suspended, "Benchmark suspension.", "benchmark", now);
                db.Credentials.Add(credential);
            }
            await db.SaveChangesAsync();
        }
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var pass = await scope.ServiceProvider.GetRequiredService<BadgeIssuance>().IssueMissingAsync(200, CancellationToken.None);
            if (pass.Failed > 0) throw new InvalidOperationException($"{pass.Failed} badges failed to sign.");
        }
        return numbers;
    }

    private static async Task<WebApplication> BareEndpointAsync(int port, byte[] body)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/api/v1/verify/{credentialNumber}", (string credentialNumber, HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.Bytes(body, "application/json");
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>A wrk Lua script that asks for a random known number each request and prints the exact p99.</summary>
    private static string WrkScript(string[] numbers)
    {
        var path = Path.Combine(Path.GetTempPath(), $"verify-{Guid.NewGuid():N}.lua");
        var lua = new StringBuilder("numbers = {");
        lua.AppendJoin(",", numbers.Select(n => $"\"{n}\"")).Append("}\n");
        lua.Append("""
            math.randomseed(7)
            request = function() return wrk.format("GET", "/api/v1/verify/" .. numbers[math.random(1, #numbers)]) end
            done = function(summary, latency, requests)
              io.write(string.format("p99_us=%d requests=%d\n", latency:percentile(99), summary.requests))
            end
            """);
        File.WriteAllText(path, lua.ToString());
        return path;
    }

    private static WrkResult Wrk(int port, string script, int seconds, int connections)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "-s", script, $"http://127.0.0.1:{port}" })
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        var rate = RequestsPerSecond().Match(output);
        var p99 = P99().Match(output);
        if (!rate.Success || !p99.Success) throw new InvalidOperationException($"wrk said:\n{output}");
        var failures = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture) / 1000.0,
            long.Parse(p99.Groups[2].Value, CultureInfo.InvariantCulture), failures);
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"p99_us=(\d+) requests=(\d+)")]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "n/a";

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
}
