using System.Diagnostics;
using System.Text.Json.Nodes;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Benchmarks;

/// <summary>
/// The hub's side of the workflow benchmark, through its own engine and store on PostgreSQL: ExamFailed events start
/// the failed-exam nurture flow, which runs to its first wait (a three-day Delay); then every one of those timers is
/// resumed by <see cref="WorkflowTimers.RunDueAsync"/>, which runs each instance on to its next wait.
/// </summary>
internal static class WorkflowHubMeasurements
{
    public static async Task<IReadOnlyList<WorkflowFigure>> RunAsync(string connectionString, int instances)
    {
        await using var host = await HubHost.StartAsync(connectionString, new Dictionary<string, string?>());
        var members = await SeedAsync(connectionString, instances);
        // The events happened three days and a minute ago, so every nurture timer is due when the resume is measured.
        var failedAt = DateTimeOffset.UtcNow.AddDays(-3).AddMinutes(-1);

        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < members.Count)
            {
                await using var scope = host.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WorkflowUnit>()
                    .RunAsync(engine => engine.HandleEventAsync(ExamFailed(members[i], failedAt)), CancellationToken.None);
            }
        })));
        var started = new WorkflowFigure("Hub: ExamFailed starts the nurture flow, run to its first wait", instances, clock.Elapsed);

        clock.Restart();
        var resumed = await host.Services.GetRequiredService<WorkflowTimers>().RunDueAsync(DateTimeOffset.UtcNow);
        var timers = new WorkflowFigure("Hub: resume due timers (RunDueAsync), run to the next wait", resumed, clock.Elapsed);

        await using var db = Open(connectionString);
        var waiting = await db.WorkflowInstances.CountAsync(i => i.Status == WorkflowStatus.Suspended);
        if (resumed != instances || waiting != instances)
            Console.WriteLine($"  note: {resumed:N0} timers resumed and {waiting:N0} instances waiting, expected {instances:N0} of each.");
        return [started, timers];
    }

    private static WorkflowTrigger ExamFailed(Guid memberId, DateTimeOffset at) => new("ExamFailed", memberId, Dataset.ExamPrograms[0], null,
        new JsonObject { ["attemptId"] = Guid.NewGuid().ToString(), ["programCode"] = Dataset.ExamPrograms[0], ["attemptNumber"] = 1, ["score"] = 61.5m, ["maxScore"] = 100 },
        at);

    /// <summary>The nurture template, published, and the members it runs for.</summary>
    private static async Task<IReadOnlyList<Guid>> SeedAsync(string connectionString, int count)
    {
        var now = DateTimeOffset.UtcNow;
        var definition = WorkflowDefinitionJson.Parse(await File.ReadAllTextAsync(Path.Combine(HubHost.RepositoryFolder(), "workflows", "templates", "failed-exam-nurture.json")))
            with { IsPublished = true };
        await using var db = Open(connectionString);
        var stored = new StoredWorkflowDefinition
        {
            DefinitionId = definition.DefinitionId, DefinitionVersion = definition.Version, Name = definition.Name,
            Json = WorkflowDefinitionJson.Write(definition), IsPublished = true, IsLatestPublished = true,
            CreatedAt = now, CreatedBy = "benchmark", PublishedAt = now,
        };
        db.WorkflowDefinitions.Add(stored);
        db.WorkflowTriggers.Add(new WorkflowTriggerEntry { DefinitionVersionId = stored.Id, TriggerType = "ExamFailed" });
        await db.SaveChangesAsync();

        var ids = new List<Guid>(count);
        foreach (var chunk in Enumerable.Range(1, count).Chunk(1_000))
        {
            await using var batch = Open(connectionString);
            var members = chunk.Select(n => new Member
            {
                AmsMemberId = $"WF-{n}", Email = $"candidate-{n}@example.org", FirstName = "Candidate", LastName = $"{n}", CreatedAt = now, UpdatedAt = now,
            }).ToList();
            batch.Members.AddRange(members);
            await batch.SaveChangesAsync();
            ids.AddRange(members.Select(m => m.Id));
        }
        return ids;
    }

    private static PostgresAppDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options);
}
