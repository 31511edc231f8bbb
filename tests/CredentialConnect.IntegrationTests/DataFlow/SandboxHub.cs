using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Sandbox;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Demo;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.DataFlow;

/// <summary>
/// A hub on its own PostgreSQL database, wired to the simulated partners (AMS, LRS, community) over real HTTP.
/// The partners know <paramref name="peopleCount"/> people; the hub starts with the demo programs and their LMS mapping.
/// </summary>
public sealed class SandboxHub : IAsyncDisposable
{
    private readonly SandboxPartners _partners;

    private SandboxHub(HubFactory factory, SandboxPartners partners, IReadOnlyList<SandboxPerson> people)
    {
        Factory = factory;
        _partners = partners;
        People = people;
    }

    public HubFactory Factory { get; }
    public IReadOnlyList<SandboxPerson> People { get; }
    public SandboxAssociation Association => _partners.Association;
    public T Partner<T>() where T : ISandboxPartner => _partners.Partners.OfType<T>().Single();

    public static async Task<SandboxHub> StartAsync(
        HubFixture fixture, string database, int peopleCount = 30, Action<IServiceCollection>? services = null,
        Action<Dictionary<string, string?>>? settingsOverride = null)
    {
        var connectionString = await fixture.Server.CreateDatabaseAsync(database);
        await using (var db = new PostgresAppDbContext(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql(connectionString).Options))
            await db.Database.MigrateAsync();

        var settings = new Dictionary<string, string?> { [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = connectionString };
        var factory = new HubFactory("Testing", settings, services);
        var association = new SandboxAssociation(factory.Clock);
        var now = factory.Clock.GetUtcNow();
        var people = Enumerable.Range(1, peopleCount).Select(i => new SandboxPerson(
            DemoAssociation.AmsMemberId(i), $"person{i}@example.org", $"Person", $"Number{i}", "Professional", "Active",
            new DateOnly(2020, 1, 1), new DateOnly(2027, 1, 1), now.AddDays(-i))).ToList();
        association.Populate(people);
        var partners = new SandboxPartners(association, SandboxPartners.All());
        foreach (var (key, value) in partners.ConnectorSettings) settings[key] = value;
        settingsOverride?.Invoke(settings);

        _ = factory.Server;
        var hub = new SandboxHub(factory, partners, people);
        await hub.WithDbAsync(async db =>
        {
            foreach (var code in new[] { "GWE", "NFM", "CNP" })
                db.Programs.Add(new CredentialProgram
                {
                    Code = code, Name = $"Program {code}", Status = ProgramStatus.Published, CreatedAt = now,
                    Learning = DemoAssociation.LearningFor(code),
                });
            await db.SaveChangesAsync();
        });
        return hub;
    }

    public Task<HttpClient> AdminAsync() => Factory.SignedInAsync(HubRoles.Admin);

    public Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work) => Factory.WithDbAsync(work);

    public Task WithDbAsync(Func<AppDbContext, Task> work) => Factory.WithDbAsync(work);

    /// <summary>Runs the delivery loop until nothing is left to do now, moving the clock past retry waits.</summary>
    public async Task DeliverEverythingAsync()
    {
        var worker = Factory.Services.GetRequiredService<DeliveryWorker>();
        for (var round = 0; round < 12; round++)
        {
            await worker.RunOnceAsync(CancellationToken.None);
            var pending = await WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending));
            if (pending == 0) return;
            Factory.Clock.Advance(TimeSpan.FromHours(1));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        _partners.Dispose();
    }
}
