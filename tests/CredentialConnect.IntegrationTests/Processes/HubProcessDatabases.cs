using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace CredentialConnect.IntegrationTests.Processes;

[CollectionDefinition(Name)]
public sealed class HubProcessCollection : ICollectionFixture<HubProcessDatabases>
{
    public const string Name = "Hub processes on PostgreSQL";
}

/// <summary>
/// One PostgreSQL server for the multi-process tests, and a fresh database per test: hub processes hold connections
/// and run background work, so their tests cannot share tables. The schema is migrated once, as the <c>migrate</c> verb
/// would, into a template that each new database is copied from.
/// </summary>
public sealed class HubProcessDatabases : IAsyncLifetime
{
    private const string Template = "credentialconnect_processes_template";

    private int _created;

    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.StartAsync();
        var template = await Server.CreateDatabaseAsync(Template);
        var options = new DbContextOptionsBuilder<PostgresAppDbContext>()
            .UseNpgsql(new NpgsqlConnectionStringBuilder(template) { Pooling = false }.ConnectionString)
            .Options;
        await using var db = new PostgresAppDbContext(options);
        await db.Database.MigrateAsync();
    }

    /// <summary>A new database with the current schema and no rows, for one test's hub processes.</summary>
    public async Task<string> CreateMigratedAsync()
    {
        var name = $"credentialconnect_process_{Interlocked.Increment(ref _created)}";
        await using var connection = new NpgsqlConnection(Server.AdminConnectionString);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\"", connection))
            await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(Server.AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A new database with no schema at all, as before the first deploy's <c>migrate</c>.</summary>
    public Task<string> CreateEmptyAsync() => Server.CreateDatabaseAsync($"credentialconnect_process_{Interlocked.Increment(ref _created)}");

    /// <summary>The hub's context on one test's database, for arranging and counting from outside the nodes.</summary>
    public static PostgresAppDbContext Open(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
