using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Scheduling;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;

namespace CredentialConnect.IntegrationTests.Processes;

/// <summary>
/// Seeds instances of <see cref="DueTimerFlow"/> through the host's own engine and store, each waiting on a timer that
/// is already due, with the Quartz trigger the host would schedule for it, and counts afterwards how often each was resumed.
/// </summary>
public static class DueTimers
{
    private const int Workers = 4;

    /// <summary>
    /// Publishes the flow and starts <paramref name="count"/> instances in a hub that runs nothing in the background, then
    /// writes one trigger per timer to the clustered job store from a scheduler that is never started, so the triggers
    /// wait for the nodes under test to fire them.
    /// </summary>
    public static async Task SeedAsync(string connectionString, int count)
    {
        var now = DateTimeOffset.UtcNow;
        await using var hub = HubFactory.OnPostgres(connectionString);
        await hub.WithDbAsync(async db =>
        {
            var definition = DueTimerFlow.Definition();
            db.WorkflowDefinitions.Add(new StoredWorkflowDefinition
            {
                DefinitionId = definition.DefinitionId, DefinitionVersion = definition.Version, Name = definition.Name,
                Json = WorkflowDefinitionJson.Write(definition), IsPublished = true, IsLatestPublished = true,
                CreatedAt = now, CreatedBy = "seed", PublishedAt = now,
            });
            await db.SaveChangesAsync();
        });

        var timers = new List<(Guid InstanceId, Bookmark Bookmark)>();
        var numbers = Enumerable.Range(1, count).Chunk((count + Workers - 1) / Workers);
        var started = await Task.WhenAll(numbers.Select(chunk => Task.Run(async () =>
        {
            var created = new List<(Guid, Bookmark)>();
            foreach (var number in chunk)
            {
                await using var scope = hub.Services.CreateAsyncScope();
                var unit = scope.ServiceProvider.GetRequiredService<WorkflowUnit>();
                var step = await unit.RunAsync(engine => engine.StartAsync(DueTimerFlow.Definition(), DueTimerFlow.Trigger(number, now)), CancellationToken.None)
                    ?? throw new InvalidOperationException($"Instance {number} of '{DueTimerFlow.DefinitionId}' did not start.");
                created.Add((step.State.InstanceId, Assert.Single(step.BookmarksCreated)));
            }
            return created;
        })));
        foreach (var chunk in started) timers.AddRange(chunk);

        var quartz = new WorkflowTimerScheduler(hub.Services.GetRequiredService<ISchedulerFactory>(), Options.Create(new HubSchedule { Enabled = true }));
        foreach (var batch in timers.Chunk(500)) await quartz.ApplyAsync(batch, [], CancellationToken.None);
    }

    /// <summary>How many times each instance's timer was resumed, from the journal the engine commits with every resume.</summary>
    public static async Task<IReadOnlyDictionary<Guid, int>> ResumesAsync(string connectionString)
    {
        await using var db = HubProcessDatabases.Open(connectionString);
        return await db.WorkflowJournal
            .Where(e => e.ActivityId == DueTimerFlow.WaitActivity && e.Event == "Resumed")
            .GroupBy(e => e.InstanceId).Select(g => new { InstanceId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.InstanceId, g => g.Count);
    }

    /// <summary>Timers still waiting; zero once every seeded instance has been resumed.</summary>
    public static async Task<int> WaitingAsync(string connectionString)
    {
        await using var db = HubProcessDatabases.Open(connectionString);
        return await db.WorkflowBookmarks.CountAsync();
    }
}
