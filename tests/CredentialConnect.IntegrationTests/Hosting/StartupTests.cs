using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;

namespace CredentialConnect.IntegrationTests.Hosting;

/// <summary>The hub either starts on a usable database or does not start at all, and says why.</summary>
[Collection(HubCollection.Name)]
public sealed class StartupTests(HubFixture hub)
{
    [Fact]
    public void Start_WhenTheDatabaseIsUnreachable_StopsWithAClearMigrationMessage()
    {
        using var factory = HubFactory.OnPostgres("Host=127.0.0.1;Port=1;Database=nowhere;Username=x;Password=y;Timeout=2", environment: "Development");

        var migration = StartupFailure(factory);

        Assert.Contains("Database migration failed", migration.Message);
        Assert.Contains("-- migrate", migration.Message);
    }

    [Fact]
    public async Task Start_InProductionOnAnUnmigratedDatabase_RefusesAndNamesThePendingMigrations()
    {
        var empty = await hub.Server.CreateDatabaseAsync("credentialconnect_unmigrated");
        using var factory = HubFactory.OnPostgres(empty, environment: "Production");

        var migration = StartupFailure(factory);

        Assert.Contains("migration(s) behind", migration.Message);
        Assert.Contains("Initial", migration.Message);
    }

    [Fact]
    public async Task Start_InDevelopmentOnAnEmptyDatabase_MigratesItself()
    {
        var empty = await hub.Server.CreateDatabaseAsync("credentialconnect_dev");
        using var factory = HubFactory.OnPostgres(empty, environment: "Development");

        var ready = await factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Start_WithBootstrapSettingsAndNoAdmin_CreatesTheFirstAdmin()
    {
        var database = await hub.Server.CreateDatabaseAsync("credentialconnect_bootstrap");
        using var factory = HubFactory.OnPostgres(database, environment: "Development")
            .WithWebHostBuilder(b => b
                .UseSetting("Bootstrap:AdminEmail", "first.admin@example.org")
                .UseSetting("Bootstrap:AdminPassword", "a-long-first-password"));

        var signIn = await factory.CreateClient().PostAsJsonAsync("/auth/sign-in", new { email = "first.admin@example.org", password = "a-long-first-password" });

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Admin", await signIn.Content.ReadAsStringAsync());
    }

    /// <summary>Starts the hub, expecting it to refuse; returns the migration error it refused with.</summary>
    [Fact]
    public void Start_InProductionWithSandboxPartnersSwitchedOn_Refuses()
    {
        var folder = Directory.CreateTempSubdirectory("cc-sandbox-");
        using var factory = new HubFactory("Production", new Dictionary<string, string?>
        {
            [DataModule.SqlitePathKey] = Path.Combine(folder.FullName, "hub.db"),
            ["Sandbox:Enabled"] = "true",
        });

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);
        while (failure is not InvalidOperationException && failure.InnerException is { } inner) failure = inner;

        Assert.Contains("never started in Production", Assert.IsType<InvalidOperationException>(failure).Message);
    }

    [Fact]
    public async Task Start_InDevelopmentOnTheEmbeddedDefault_RunsTheSandboxAndLabelsEveryResponse()
    {
        var folder = Directory.CreateTempSubdirectory("cc-sandbox-");
        using var factory = new HubFactory("Development", new Dictionary<string, string?>
        {
            [DataModule.SqlitePathKey] = Path.Combine(folder.FullName, "hub.db"),
            ["Sandbox:Enabled"] = null,
        });

        var ready = await factory.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(ready.Headers.Contains("X-CredentialConnect-Sandbox"));
    }

    private static DatabaseMigrationException StartupFailure(HubFactory factory)
    {
        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);
        while (failure is not DatabaseMigrationException && failure.InnerException is { } inner) failure = inner;
        return Assert.IsType<DatabaseMigrationException>(failure);
    }
}
