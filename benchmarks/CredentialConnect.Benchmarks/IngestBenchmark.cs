using System.Diagnostics;
using System.Globalization;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CredentialConnect.Benchmarks;

// dotnet run -c Release --project benchmarks/CredentialConnect.Benchmarks [-- --scale 0.1]   (or -- sweep | eligibility | workflows | issuance | directory | designer: see SweepBenchmark, EligibilityBenchmark, WorkflowBenchmark, IssuanceBenchmark, DirectoryBenchmark, DesignerBenchmark)
// Ingest into PostgreSQL through the hub's sync engine, against a binary COPY of the same rows, in one run.
internal static class IngestBenchmark
{
    private const int PageSize = 500;

    public static async Task<int> Main(string[] args)
    {
        if (args.FirstOrDefault() == "sweep") return await SweepBenchmark.RunAsync(args[1..]);
        if (args.FirstOrDefault() == "eligibility") return await EligibilityBenchmark.RunAsync(args[1..]);
        if (args.FirstOrDefault() == "workflows") return await WorkflowBenchmark.RunAsync(args[1..]);
        if (args.FirstOrDefault() == "issuance") return IssuanceBenchmark.Run(args[1..]);
        if (args.FirstOrDefault() == "directory") return await DirectoryBenchmark.RunAsync(args[1..]);
        if (args.FirstOrDefault() == "designer") return await DesignerBenchmark.RunAsync(args[1..]);
        if (args.FirstOrDefault() == "verification") return await VerificationBenchmark.RunAsync(args[1..]);
        var scale = args.SkipWhile(a => a != "--scale").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(1.0);
        var dataset = Dataset.Scaled(scale);
        var warmUp = Dataset.Scaled(Math.Min(scale, 0.01));

        Console.WriteLine($"Ingest benchmark: {dataset.Members:N0} members, {dataset.Statements:N0} xAPI statements (scale {scale}); " +
            $"{Environment.ProcessorCount} cores, .NET {Environment.Version}, {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC.");

        await using var postgres = await PostgresServer.StartAsync();
        await using var partners = await LocalPartners.StartAsync(warmUp);

        // Warm-up: the whole path once on a small dataset, so JIT and connection pools are not measured.
        Console.WriteLine($"Warm-up: {warmUp.Members:N0} members, {warmUp.Statements:N0} statements...");
        await RunHubAsync("warmup_hub", warmUp, measure: false);
        await RunCopyAsync("warmup_copy", warmUp);

        Console.WriteLine("Measuring the hub...");
        partners.Serve(dataset);
        var hub = await RunHubAsync("bench_hub", dataset, measure: true);
        Console.WriteLine("Measuring COPY...");
        var copy = await RunCopyAsync("bench_copy", dataset);

        Report(dataset, hub, copy);
        if (File.Exists("/proc/loadavg")) Console.WriteLine($"Load average at the end (1, 5, 15 min): {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        return 0;

        async Task<HubResult> RunHubAsync(string database, Dataset data, bool measure)
        {
            partners.Serve(data);
            var connectionString = await postgres.CreateDatabaseAsync(database);
            await using var host = await HubHost.StartAsync(connectionString, partners.ConnectorSettings(PageSize, PageSize));

            var members = await MeasureAsync(() => host.SyncAsync(HubHost.MembersStream), () => partners.Served / (double)data.Members);
            var memberRows = await CountAsync(connectionString, "Members", "InboxMessages");
        var memberRowsInAll = await CountAsync(connectionString, "Members", "InboxMessages", "DomainEvents", "AuditLog");
            partners.Serve(data);
            var statements = await MeasureAsync(() => host.SyncAsync(HubHost.LearningStream), () => partners.Served / (double)data.Statements);
            var learningRows = await CountAsync(connectionString, "InboxMessages", "ContinuingEducationCredits", "ExamAttempts") - memberRows / 2;
            var all = await CountAsync(connectionString, "Members", "InboxMessages", "ContinuingEducationCredits", "ExamAttempts", "DomainEvents", "AuditLog");
            if (measure)
            {
            Console.WriteLine($"  members: {members.Run.Pages} pages, {memberRowsInAll:N0} rows in all (domain events and audit entries included)");
            Console.WriteLine($"  statements: {statements.Run.Pages} pages, {all - memberRowsInAll:N0} rows in all (domain events, audit entries and member updates included)");
        }
            return new HubResult(members with { Rows = memberRows }, statements with { Rows = learningRows });
        }

        async Task<Measured> MeasureAsync(Func<Task<CredentialConnect.Web.Features.Sync.SyncRun>> sync, Func<double> progress)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var probe = new MemoryProbe(progress);
            var clock = Stopwatch.StartNew();
            var run = await sync();
            var elapsed = clock.Elapsed;
            await probe.DisposeAsync();
            return new Measured(run, run.Received, 0, elapsed, probe.AtTenPercent!.Value, probe.AtEnd!.Value);
        }

        async Task<(CopyLimit.Result Members, CopyLimit.Result Statements)> RunCopyAsync(string database, Dataset data)
        {
            var connectionString = await postgres.CreateDatabaseAsync(database);
            Dictionary<string, Guid> programs;
            await using (var host = await HubHost.StartAsync(connectionString, new Dictionary<string, string?>()))
            await using (var scope = host.Services.CreateAsyncScope())
                programs = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Programs.ToDictionaryAsync(p => p.Code, p => p.Id);
            var copy = new CopyLimit(connectionString, data, PageSize);
            var members = await copy.CopyMembersAsync();
            var statements = await copy.CopyStatementsAsync(programs);
            return (members, statements);
        }

        static async Task<long> CountAsync(string connectionString, params string[] tables)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            var total = 0L;
            foreach (var table in tables)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
                total += (long)(await count.ExecuteScalarAsync())!;
            }
            return total;
        }

        static void Report(Dataset data, HubResult hub, (CopyLimit.Result Members, CopyLimit.Result Statements) copy)
        {
            Console.WriteLine();
            Console.WriteLine("| Ingest | Records | Rows | Hub time | Hub rows/s | COPY time | COPY rows/s | Hub / COPY | Peak working set (10% / 100%) | Peak GC heap (10% / 100%) |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            Row($"{data.Members:N0} members (full sync)", data.Members, hub.Members, copy.Members);
            Row($"{data.Statements:N0} xAPI statements", data.Statements, hub.Statements, copy.Statements);

            static void Row(string name, long records, Measured hub, CopyLimit.Result copy)
            {
                if (hub.Rows != copy.Rows) Console.WriteLine($"  note: the hub wrote {hub.Rows:N0} of these rows, COPY {copy.Rows:N0}");
                Console.WriteLine($"| {name} | {records:N0} | {copy.Rows:N0} | {hub.Elapsed.TotalSeconds:F1} s | {hub.Rows / hub.Elapsed.TotalSeconds:N0} | " +
                    $"{copy.Elapsed.TotalSeconds:F1} s | {copy.Rows / copy.Elapsed.TotalSeconds:N0} | {copy.Elapsed / hub.Elapsed:P0} | " +
                    $"{Mb(hub.AtTenPercent.WorkingSet)} / {Mb(hub.AtEnd.WorkingSet)} | {Mb(hub.AtTenPercent.ManagedHeap)} / {Mb(hub.AtEnd.ManagedHeap)} |");
            }

            static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:N0} MB";
        }
    }
}

internal sealed record Measured(CredentialConnect.Web.Features.Sync.SyncRun Run, long Received, long Rows, TimeSpan Elapsed, MemoryProbe.Peaks AtTenPercent, MemoryProbe.Peaks AtEnd);

internal sealed record HubResult(Measured Members, Measured Statements);
