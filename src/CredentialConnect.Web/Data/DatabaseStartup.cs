using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.Connectors;
using CredentialConnect.Web.Features.Demo;
using Microsoft.AspNetCore.Identity;

namespace CredentialConnect.Web.Data;

/// <summary>
/// What happens to the database before the hub takes traffic. Auto-migration runs only in Development
/// and on the embedded default; production runs the <c>migrate</c> verb as a deploy step.
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

        // Connector settings saved in the admin console join the configuration before options are validated.
        await scope.ServiceProvider.GetRequiredService<ConnectorSettingsStore>().LoadAsync(CancellationToken.None);

        // The demo seeds itself only on the embedded default, and only once; --seed-demo asks for it explicitly.
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        var seeded = reseedDemo || database.IsEmbeddedDefault && !await seeder.HasDemoDataAsync(CancellationToken.None);
        if (reseedDemo) await seeder.ReseedAsync(CancellationToken.None);
        else if (seeded) await seeder.SeedAsync(CancellationToken.None);
        // The demo's credentials show their badges from the first page view, not after the first issuing pass.
        if (seeded) await scope.ServiceProvider.GetRequiredService<BadgeIssuance>().IssueMissingAsync(IssueMissingBadgesJob.BatchSize, CancellationToken.None);

        if (database.IsEmbeddedDefault || reseedDemo) PrintDemoSignIn(app);
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
        var email = configuration["Bootstrap:AdminEmail"];
        var password = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password)) return;

        var users = services.GetRequiredService<UserManager<UserAccount>>();
        if ((await users.GetUsersInRoleAsync(HubRoles.Admin)).Count > 0) return;

        var (_, created) = await users.CreateAccountAsync(email, "Administrator", HubRoles.Admin, password);
        if (!created.Succeeded) throw new InvalidOperationException($"Cannot create the first Admin {email}: {created.Describe()}");
        // Logs never carry personal data such as an email address.
        logger.LogInformation("Created the first Admin account from the Bootstrap settings.");
    }

    private static void PrintDemoSignIn(WebApplication app) => Console.WriteLine($"""

        ┌─ {DemoAssociation.Name} (demo data) ─
        │ Staff and member sign-in — password for all three: {DemoAssociation.Password}
        │   Admin     {DemoAssociation.AdminEmail}
        │   Reviewer  {DemoAssociation.ReviewerEmail}
        │   Member    {DemoAssociation.MemberEmail}
        │ {(app.Environment.IsDevelopment() ? "Development sign-in (no password): http://localhost:5080/sign-in" : "")}
        └─ API reference: /scalar   Health: /health/ready

        """);
}
