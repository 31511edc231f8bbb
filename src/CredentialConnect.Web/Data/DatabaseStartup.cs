using CredentialConnect.Web.Features.Access;
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

        // The demo seeds itself only on the embedded default, and only once; --seed-demo asks for it explicitly.
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        if (reseedDemo) await seeder.ReseedAsync(CancellationToken.None);
        else if (database.IsEmbeddedDefault && !await seeder.HasDemoDataAsync(CancellationToken.None)) await seeder.SeedAsync(CancellationToken.None);

        if (database.IsEmbeddedDefault || reseedDemo) PrintDemoSignIn(app);
    }

    private static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in HubRoles.All)
            if (!await roles.RoleExistsAsync(role))
                await roles.CreateAsync(new IdentityRole(role));
    }

    private static void PrintDemoSignIn(WebApplication app) => Console.WriteLine($"""

        ┌─ {DemoAssociation.Name} (demo data) ─
        │ Staff and member sign-in — password for all three: {DemoAssociation.Password}
        │   Admin     {DemoAssociation.AdminEmail}
        │   Reviewer  {DemoAssociation.ReviewerEmail}
        │   Member    {DemoAssociation.MemberEmail}
        │ {(app.Environment.IsDevelopment() ? "Development sign-in (no password) is on the home page." : "")}
        └─ API reference: /scalar   Health: /health/ready

        """);
}
