using System.Diagnostics;
using CredentialConnect.IntegrationTests.Infrastructure;

namespace CredentialConnect.IntegrationTests.Processes;

/// <summary>The harness itself: a real node starts healthy, dies on SIGKILL, and a node that cannot start says why.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class HubProcessTests(HubProcessDatabases databases)
{
    [Fact]
    public async Task StartAsync_OnAMigratedDatabase_ServesReadyHealth_UntilKilled()
    {
        await using var hub = await HubProcess.StartAsync(await databases.CreateMigratedAsync());
        using var client = hub.Client();

        var ready = await client.GetStringAsync("/health/ready");
        await hub.KillAsync();

        Assert.Equal("Healthy", ready);
        Assert.True(hub.HasExited);
        Assert.Throws<ArgumentException>(() => Process.GetProcessById(hub.Id));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync("/health/live"));
    }

    [Fact]
    public async Task StartAsync_OnADatabaseThatWasNeverMigrated_FailsWithTheHubsOwnExplanation()
    {
        var empty = await databases.CreateEmptyAsync();

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => HubProcess.StartAsync(empty));

        Assert.Contains("exited with code 1 before it was healthy", failure.Message);
        Assert.Contains("migration(s) behind", failure.Message);
        Assert.Contains("migrate", failure.Message);
    }
}
