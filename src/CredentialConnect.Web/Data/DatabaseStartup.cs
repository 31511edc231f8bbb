using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.Demo;
using Microsoft.AspNetCore.Identity;

namespace CredentialConnect.Web.Data;

/// <summary>Thrown when the hub must not take traffic as configured (no way to administer it); the host stops and says why.</summary>
public sealed class StartupRefusedException(string message) : Exception(message);

/// <summary>
/// What happens to the database before the hub takes traffic. Auto-migration runs in Development and on the embedded
/// default (one process owns that file); PostgreSQL outside Development runs the <c>migrate</c> verb as a deploy step.
/// The demo is seeded only in Development on the embedded default, or when <c>--seed-demo</c> asks for it.
/// </summary>
public static class DatabaseStartup
{
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool reseedDemo)
    {
        var database = app.Services.GetRequiredService<HubDatabase>();
        if (app.Environment.IsDevelopment() || database.IsEmbeddedDefault)
            await DatabaseMigrator.MigrateAsync(app.Services);
        else
            await DatabaseMigrator.EnsureUpToDateAsync(app.Services);

        await using var scope = app.Services.CreateAsyncScope();
        await EnsureRolesAsync(scope.ServiceProvider);
        await EnsureFirstAdminAsync(scope.ServiceProvider, app.Configuration, app.Logger);

        // Settings saved in the admin console (the association's, the connectors') join the configuration before options are validated.
        foreach (var saved in scope.ServiceProvider.GetServices<ISavedSettings>()) await saved.LoadAsync(CancellationToken.None);

        // A newcomer's first run gets the demo once; a real association's database, SQLite included, never gets it unasked.
        var demoByDefault = app.Environment.IsDevelopment() && database.IsEmbeddedDefault;
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        var seeded = reseedDemo || demoByDefault && !await seeder.HasDemoDataAsync(CancellationToken.None);
        if (reseedDemo) await seeder.ReseedAsync(CancellationToken.None);
        else if (seeded) await seeder.SeedAsync(CancellationToken.None);
        // The demo's credentials show their badges from the first page view, not after the first issuing pass.
        if (seeded) await scope.ServiceProvider.GetRequiredService<BadgeIssuance>().IssueMissingAsync(IssueMissingBadgesJob.BatchSize, CancellationToken.None);

        if (app.Environment.IsProduction()) await RefuseWithoutAdminAsync(scope.ServiceProvider);

        StartupBanner.PrintOnceListening(app, database, withDemoSignIn: demoByDefault || reseedDemo);
    }

    private static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in HubRoles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }

    /// <summary>
    /// A new production install has no accounts. When <c>Bootstrap__AdminEmail</c> and <c>Bootstrap__AdminPassword</c>
    /// are set and no Admin exists yet, the first Admin is created from them; afterwards they are ignored.
    /// </summary>
    private static async Task EnsureFirstAdminAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var email = configuration[BootstrapAdminEmailKey];
        var password = configuration[BootstrapAdminPasswordKey];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return;

        var users = services.GetRequiredService<UserManager<UserAccount>>();
        if ((await users.GetUsersInRoleAsync(HubRoles.Admin)).Count > 0) return;

        var (_, created) = await users.CreateAccountAsync(email, "Administrator", HubRoles.Admin, password);
        if (!created.Succeeded) throw new StartupRefusedException($"Cannot create the first Admin from Bootstrap__AdminEmail: {created.Describe()}");
        // Logs never carry personal data such as an email address.
        logger.LogInformation("Created the first Admin account from the Bootstrap settings.");
    }

    /// <summary>The setting that names the first Admin's email on a new install.</summary>
    public const string BootstrapAdminEmailKey = "Bootstrap:AdminEmail";

    /// <summary>The setting that holds the first Admin's password on a new install.</summary>
    public const string BootstrapAdminPasswordKey = "Bootstrap:AdminPassword";

    // A production hub nobody can sign in to administer would look healthy while being useless; say so before it listens.
    private static async Task RefuseWithoutAdminAsync(IServiceProvider services)
    {
        var users = services.GetRequiredService<UserManager<UserAccount>>();
        if ((await users.GetUsersInRoleAsync(HubRoles.Admin)).Count > 0) return;
        throw new StartupRefusedException(
            "This hub has no Admin account, so nobody could administer it. Set Bootstrap__AdminEmail and Bootstrap__AdminPassword " +
            "(at least 12 characters) for its first start; the first Admin is created from them, and they are ignored once an Admin exists.");
    }
}
