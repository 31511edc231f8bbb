using System.Net.Http.Json;
using CredentialConnect.Connectors;
using CredentialConnect.IntegrationTests.Contract;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace CredentialConnect.IntegrationTests.Infrastructure;

/// <summary>The hub in-process, on the database and environment a test chooses, with a fake clock.</summary>
public sealed class HubFactory(string environment, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);

    public static HubFactory OnPostgres(string connectionString, string environment = "Testing") =>
        new(environment, new Dictionary<string, string?> { [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = connectionString });

    public static HubFactory OnSqlite(string path, string environment = "Development") =>
        new(environment, new Dictionary<string, string?> { [DataModule.SqlitePathKey] = path });

    /// <summary>Tests drive background work themselves: no scheduler, no delivery loop, no sandbox unless a test asks.</summary>
    private static readonly Dictionary<string, string?> Quiet = new()
    {
        ["Scheduling:Enabled"] = "false",
        ["Delivery:WorkerEnabled"] = "false",
        ["Sandbox:Enabled"] = "false",
        // Partner stubs listen on http loopback.
        [ConnectorAddresses.AllowLoopbackHttpKey] = "true",
        // Every test shares one client address; a test of the public rate limit sets its own.
        [$"{PublicRateLimitOptions.Section}:PermitLimit"] = "1000000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in Quiet.Where(q => !settings.ContainsKey(q.Key)).Concat(settings)) builder.UseSetting(key, value);
        builder.ConfigureServices(s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            // Every response a test receives is held to the committed API document.
            s.Insert(0, ServiceDescriptor.Transient<IStartupFilter, ContractCheck>());
            services?.Invoke(s);
        });
    }

    /// <summary>The password of every account tests create.</summary>
    public const string Password = "integration-test-password";

    public HttpClient Anonymous() => SessionClients.For(this);

    /// <summary>A client signed in, through the real sign-in endpoint, as a new account holding <paramref name="role"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string role, Guid? memberId = null)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        await CreateAccountAsync(email, role, memberId);
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/auth/sign-in", new { email, password = Password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    public async Task CreateAccountAsync(string email, string role, Guid? memberId = null)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<UserAccount>>();
        var (_, created) = await users.CreateAccountAsync(email, email, role, Password, memberId);
        if (!created.Succeeded) throw new InvalidOperationException(created.Describe());
    }

    /// <summary>A client that sends a fresh API key holding <paramref name="scopes"/>.</summary>
    public async Task<(HttpClient Client, Guid KeyId)> WithApiKeyAsync(params string[] scopes)
    {
        var (key, plain) = ApiKey.Create($"test-{Guid.NewGuid():N}"[..20], scopes, "test", Clock.GetUtcNow());
        await WithDbAsync(async db =>
        {
            db.ApiKeys.Add(key);
            await db.SaveChangesAsync();
        });
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("ApiKey", plain);
        return (client, key.Id);
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
