using System.Net;
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

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        var migration = Assert.IsType<DatabaseMigrationException>(Unwrap(failure));
        Assert.Contains("Database migration failed", migration.Message);
        Assert.Contains("-- migrate", migration.Message);
    }

    [Fact]
    public async Task Start_InProductionOnAnUnmigratedDatabase_RefusesAndNamesThePendingMigrations()
    {
        var empty = await hub.Server.CreateDatabaseAsync("credentialconnect_unmigrated");
        using var factory = HubFactory.OnPostgres(empty, environment: "Production");

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        var migration = Assert.IsType<DatabaseMigrationException>(Unwrap(failure));
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

    private static Exception Unwrap(Exception e)
    {
        while (e is not DatabaseMigrationException && e.InnerException is { } inner) e = inner;
        return e;
    }
}
