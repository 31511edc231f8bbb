using System.Globalization;
using CredentialConnect.IntegrationTests.Infrastructure;

namespace CredentialConnect.Benchmarks;

/// <summary>A count of durable operations and the time they took.</summary>
internal sealed record WorkflowFigure(string Name, long Count, TimeSpan Elapsed)
{
    public double PerSecond => Count / Elapsed.TotalSeconds;
}

// dotnet run -c Release --project benchmarks/CredentialConnect.Benchmarks -- workflows [--instances 100000]
// Workflow starts and timer resumes through the hub's engine on PostgreSQL, against PostgreSQL's rate for the same
// number of single-row insert-and-update transactions, in one run.
internal static class WorkflowBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var instances = args.SkipWhile(a => a != "--instances").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(100_000);
        Console.WriteLine($"Workflow benchmark: {instances:N0} instances and timers; {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
            $"{(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC.");

        await using var postgres = await PostgresServer.StartAsync();
        Console.WriteLine("Warm-up: the limit on a small table...");
        await WorkflowLimit.MeasureAsync(await postgres.CreateDatabaseAsync("workflow_limit_warmup"), Math.Min(instances, 2_000));
        Console.WriteLine("Measuring the limit...");
        var limit = await WorkflowLimit.MeasureAsync(await postgres.CreateDatabaseAsync("workflow_limit"), instances);
        Console.WriteLine($"  {limit.Count:N0} transactions in {limit.Elapsed.TotalSeconds:F1} s: {limit.PerSecond:N0}/s");

        var hub = await WorkflowHubMeasurements.RunAsync(await postgres.CreateDatabaseAsync("workflow_hub"), instances);

        Console.WriteLine();
        Console.WriteLine("| Measurement | Count | Time | Per second | Share of the limit |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var figure in hub.Prepend(limit))
            Console.WriteLine($"| {figure.Name} | {figure.Count:N0} | {figure.Elapsed.TotalSeconds:F1} s | {figure.PerSecond:N0} | {figure.PerSecond / limit.PerSecond:P0} |");
        if (hub.Count == 0) Console.WriteLine("| Hub: start the nurture flow to its first wait; resume due timers | | | | not measured: needs the workflow engine host |");
        if (File.Exists("/proc/loadavg")) Console.WriteLine($"Load average at the end (1, 5, 15 min): {string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        return 0;
    }
}
