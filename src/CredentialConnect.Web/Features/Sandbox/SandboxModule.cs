using CredentialConnect.Sandbox;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Members;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Sandbox;

public static class SandboxModule
{
    public const string EnabledKey = "Sandbox:Enabled";

    /// <summary>
    /// Starts simulated partner systems (AMS, LMS, community) on loopback ports and points the connectors at
    /// them, so a newcomer running the embedded default sees members sync, completions arrive and badges
    /// post. On by default only in Development on the embedded database; never allowed in Production.
    /// </summary>
    public static IHostApplicationBuilder AddSandbox(this IHostApplicationBuilder builder)
    {
        var embedded = string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(DataModule.ConnectionStringName));
        var enabled = builder.Configuration.GetValue<bool?>(EnabledKey) ?? (embedded && builder.Environment.IsDevelopment());
        if (!enabled) return builder;
        if (builder.Environment.IsProduction())
            throw new InvalidOperationException("Sandbox partners are for trying the hub out and are never started in Production. Remove Sandbox:Enabled.");

        var association = new SandboxAssociation(TimeProvider.System);
        var sandbox = new SandboxPartners(association, SandboxPartners.All());

        // Sandbox settings first, so settings staff save in the admin console still win.
        builder.Configuration.AddInMemoryCollection(sandbox.ConnectorSettings);
        // The simulated partners listen on http loopback, which connectors otherwise accept only in Development.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduling:SyncInterval"] = "00:00:20",
            [CredentialConnect.Connectors.ConnectorAddresses.AllowLoopbackHttpKey] = "true",
        });
        builder.Services.AddSingleton(sandbox);
        builder.Services.AddHostedService<SandboxStory>();
        return builder;
    }

    /// <summary>True when this hub runs against simulated partners; pages and responses say so.</summary>
    public static bool IsSandbox(this IServiceProvider services) => services.GetService<SandboxPartners>() is not null;

    /// <summary>Labels every response from a sandbox hub, so nobody mistakes it for a live one.</summary>
    public static WebApplication UseSandboxLabel(this WebApplication app)
    {
        if (!app.Services.IsSandbox()) return app;
        app.Use((context, next) =>
        {
            context.Response.Headers["X-CredentialConnect-Sandbox"] = "simulated partners";
            return next(context);
        });
        return app;
    }
}

/// <summary>
/// Keeps the sandbox's story going: the AMS knows the association's members plus a few newcomers, and every
/// so often the partners change something (a renewal, a course completion) for the hub to pick up.
/// </summary>
internal sealed class SandboxStory(SandboxPartners sandbox, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SandboxStory> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await PopulateAsync(stoppingToken);
        Tick();
        foreach (var (connector, url) in sandbox.Urls) logger.LogWarning("SANDBOX: simulated {Connector} at {Url}", connector, url);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(30), clock, stoppingToken).ContinueWith(_ => { }, CancellationToken.None);
            Tick();
        }
    }

    private void Tick()
    {
        foreach (var partner in sandbox.Partners.OfType<ILiveSandboxPartner>()) partner.Tick();
    }

    private async Task PopulateAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var members = await db.Members.AsNoTracking().OrderBy(m => m.AmsMemberId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var people = members.Select(m => new SandboxPerson(m.AmsMemberId, m.Email, m.FirstName, m.LastName, m.MembershipLevel ?? "Professional",
            m.MembershipStatus is MembershipStatus.Lapsed ? "Lapsed" : "Active", m.MemberSince ?? DateOnly.FromDateTime(now.UtcDateTime.AddYears(-2)),
            m.MembershipRenewalDue ?? DateOnly.FromDateTime(now.UtcDateTime.AddMonths(6)), now.AddDays(-1))).ToList();
        // Newcomers who joined in the AMS since the hub last looked.
        people.AddRange(Enumerable.Range(1, 12).Select(i => new SandboxPerson((900000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"newcomer{i}@example.org", "New", $"Member {i}", "Associate", "Active", DateOnly.FromDateTime(now.UtcDateTime), DateOnly.FromDateTime(now.UtcDateTime.AddYears(1)), now)));
        sandbox.Association.Populate(people);
    }
}
