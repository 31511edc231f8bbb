using System.Diagnostics;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Processes;

/// <summary>Two hub nodes on one PostgreSQL share one clustered schedule: every due timer resumes its instance once.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class TwoHubsResumeDueTimersTests(HubProcessDatabases databases)
{
    private const int Timers = 10_000;

    [Fact]
    public async Task TwoNodes_With10000DueTimers_ResumeEachInstanceExactlyOnce()
    {
        var database = await databases.CreateMigratedAsync();
        await DueTimers.SeedAsync(database, Timers);

        // Both nodes fire Quartz triggers and run the overdue sweep, so they race for the same bookmarks.
        var node = new Dictionary<string, string?>
        {
            ["Workflows:OverdueSweepInterval"] = "00:00:01",
            ["Workflows:OverdueGrace"] = "00:00:00",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var first = await HubProcess.StartAsync(database, node);
        await using var second = await HubProcess.StartAsync(database, node);
        await WaitUntilNoTimerIsLeftAsync(database, first, second);
        await first.KillAsync();
        await second.KillAsync();

        var resumes = await DueTimers.ResumesAsync(database);
        Assert.Equal(Timers, resumes.Count);
        Assert.All(resumes, r => Assert.Equal(1, r.Value));
        await using var db = HubProcessDatabases.Open(database);
        Assert.Equal(Timers, await db.WorkflowInstances.CountAsync(i => i.Status == WorkflowStatus.Finished));
        Assert.Equal(Timers, await db.OutboxMessages.Where(m => m.Kind == OutboxKinds.Email).Select(m => m.IdempotencyKey).Distinct().CountAsync());
    }

    private static async Task WaitUntilNoTimerIsLeftAsync(string database, params HubProcess[] nodes)
    {
        var giveUp = Stopwatch.StartNew();
        var limit = TimeSpan.FromMinutes(10);
        while (await DueTimers.WaitingAsync(database) is var waiting && waiting > 0)
        {
            Assert.True(giveUp.Elapsed < limit, $"{waiting} timers were still waiting after {limit}:{Environment.NewLine}{string.Join(Environment.NewLine, nodes.Select(n => n.Output))}");
            Assert.True(nodes.All(n => !n.HasExited), $"A node exited:{Environment.NewLine}{string.Join(Environment.NewLine, nodes.Select(n => n.Output))}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }
}
