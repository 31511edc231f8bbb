using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Workflows;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Processes;

/// <summary>
/// Two hub nodes on one PostgreSQL share the clustered schedule: a flow published with an On schedule trigger starts one
/// instance per occurrence, whichever node fires it, never one per node.
/// </summary>
[Collection(HubProcessCollection.Name)]
public sealed class TwoHubsRunScheduledFlowOncePerOccurrenceTests(HubProcessDatabases databases)
{
    private const string DefinitionId = "every-two-seconds";
    private const int Occurrences = 3;

    [Fact]
    public async Task TwoNodes_WithAFlowOnA2SecondCron_StartOneInstancePerOccurrence()
    {
        // Arrange
        var database = await databases.CreateMigratedAsync();
        var apiKey = await AddWorkflowAdminKeyAsync(database);
        var node = new Dictionary<string, string?> { ["Delivery:WorkerEnabled"] = "false", ["Logging:LogLevel:Default"] = "Warning" };
        await using var first = await HubProcess.StartAsync(database, node);
        await using var second = await HubProcess.StartAsync(database, node);

        // Act: published through one node; the trigger lands in the shared job store, so either node may fire it.
        using var client = first.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", apiKey);
        var created = await client.PostAsJsonAsync("/api/v1/workflow-definitions", Definition());
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var published = await client.PostAsJsonAsync($"/api/v1/workflow-definitions/{DefinitionId}/publish", new { version = 1 });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        await WaitForInstancesAsync(database, Occurrences, first, second);
        await first.KillAsync();
        await second.KillAsync();

        // Assert
        await using var db = HubProcessDatabases.Open(database);
        var instances = await db.WorkflowInstances.AsNoTracking().Where(i => i.DefinitionId == DefinitionId).ToListAsync();
        var occurrences = instances.Select(i => i.ReadState().Input["occurrence"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.True(occurrences.Count >= Occurrences, $"Only {occurrences.Count} occurrence(s) ran.");
        Assert.Equal(occurrences.Count, occurrences.Distinct().Count());
        // Each occurrence is the time the cron scheduled, not the moment a node happened to run it.
        Assert.All(occurrences, o => Assert.Equal(0, o.ToUnixTimeMilliseconds() % 2000));
        var starts = await db.WorkflowJournal.AsNoTracking()
            .Where(e => e.Event == "Started" && db.WorkflowInstances.Any(i => i.Id == e.InstanceId && i.DefinitionId == DefinitionId))
            .GroupBy(e => e.InstanceId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(instances.Count, starts.Count);
        Assert.All(starts, count => Assert.Equal(1, count));
    }

    private static JsonObject Definition() => JsonNode.Parse($$"""
        {
          "definitionId": "{{DefinitionId}}",
          "version": 1,
          "name": "Every two seconds",
          "root": {
            "activities": [
              { "id": "schedule", "type": "OnSchedule", "inputs": { "cron": "0/2 * * * * ?" } },
              { "id": "end", "type": "End" }
            ],
            "connections": [
              { "source": { "activity": "schedule", "port": "Done" }, "target": { "activity": "end", "port": "In" } }
            ]
          }
        }
        """)!.AsObject();

    private static async Task<string> AddWorkflowAdminKeyAsync(string database)
    {
        var (key, plain) = ApiKey.Create("scheduled-flow-test", [ApiScopes.WorkflowsAdmin], "test", DateTimeOffset.UtcNow);
        await using var db = HubProcessDatabases.Open(database);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return plain;
    }

    private static async Task WaitForInstancesAsync(string database, int count, params HubProcess[] nodes)
    {
        var giveUp = Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(60);
        while (await CountAsync(database) is var started && started < count)
        {
            Assert.True(giveUp.Elapsed < limit, $"{started} of {count} occurrences ran within {limit}:{Environment.NewLine}{string.Join(Environment.NewLine, nodes.Select(n => n.Output))}");
            Assert.True(nodes.All(n => !n.HasExited), $"A node exited:{Environment.NewLine}{string.Join(Environment.NewLine, nodes.Select(n => n.Output))}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private static async Task<int> CountAsync(string database)
    {
        await using var db = HubProcessDatabases.Open(database);
        return await db.WorkflowInstances.CountAsync(i => i.DefinitionId == DefinitionId);
    }
}
