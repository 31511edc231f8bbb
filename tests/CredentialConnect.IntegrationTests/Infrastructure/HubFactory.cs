using CredentialConnect.Web.Data;
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
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in Quiet.Where(q => !settings.ContainsKey(q.Key)).Concat(settings)) builder.UseSetting(key, value);
        builder.ConfigureServices(s =>
        {
            s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services?.Invoke(s);
        });
    }
}
