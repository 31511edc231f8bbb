using System.Net.Http.Headers;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Members;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Respawn;

namespace CredentialConnect.IntegrationTests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<HubFixture>
{
    public const string Name = "Hub on PostgreSQL";
}

/// <summary>
/// One PostgreSQL server and one migrated hub database for the whole run. Each test starts from empty
/// tables (Respawn), keeping only the schema history and the role catalogue.
/// </summary>
public sealed class HubFixture : IAsyncLifetime
{
    public const string Password = HubFactory.Password;

    private Respawner? _respawner;

    public PostgresServer Server { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public HubFactory Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await PostgresServer.StartAsync();
        ConnectionString = await Server.CreateDatabaseAsync("credentialconnect_tests");

        // Production-like: the schema is migrated first, as the 'migrate' verb would, then the hub starts on it.
        await using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(ConnectionString).Options))
            await db.Database.MigrateAsync();

        Factory = HubFactory.OnPostgres(ConnectionString);
        _ = Factory.Server;

        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            TablesToIgnore = ["__EFMigrationsHistory", "AspNetRoles", "DataProtectionKeys"],
        });
    }

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await _respawner!.ResetAsync(connection);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Server.DisposeAsync();
    }

    /// <summary>The hub's clock. It only moves forward, so tests work relative to it.</summary>
    public DateTimeOffset Now => Factory.Clock.GetUtcNow();

    public HttpClient Anonymous() => Factory.Anonymous();

    /// <summary>A client signed in, through the real sign-in endpoint, as a new account holding <paramref name="role"/>.</summary>
    public Task<HttpClient> SignedInAsync(string role, Guid? memberId = null) => Factory.SignedInAsync(role, memberId);

    public Task CreateAccountAsync(string email, string role, Guid? memberId = null) => Factory.CreateAccountAsync(email, role, memberId);

    /// <summary>A client that sends a fresh API key holding <paramref name="scopes"/>.</summary>
    public Task<(HttpClient Client, Guid KeyId)> WithApiKeyAsync(params string[] scopes) => Factory.WithApiKeyAsync(scopes);

    public async Task<Member> AddMemberAsync(Action<Member>? change = null)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var member = new Member
        {
            AmsMemberId = $"WA-{suffix}", Email = $"m-{suffix}@example.org", FirstName = "Test", LastName = $"Member {suffix}",
            CreatedAt = Factory.Clock.GetUtcNow(), UpdatedAt = Factory.Clock.GetUtcNow(),
        };
        change?.Invoke(member);
        await WithDbAsync(async db =>
        {
            db.Members.Add(member);
            await db.SaveChangesAsync();
        });
        return member;
    }

    public Task WithDbAsync(Func<AppDbContext, Task> work) => Factory.WithDbAsync(work);

    public Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work) => Factory.WithDbAsync(work);
}

/// <summary>Base for tests on the shared hub: every test starts on empty tables.</summary>
[Collection(HubCollection.Name)]
public abstract class HubTest(HubFixture hub) : IAsyncLifetime
{
    protected HubFixture Hub { get; } = hub;

    public Task InitializeAsync() => Hub.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
