using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Association;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.CeAudits;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Connectors;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Dashboard;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.PublicDirectory;
using CredentialConnect.Web.Features.Verification;
using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Demo;
using CredentialConnect.Web.Features.Email;
using CredentialConnect.Web.Features.Health;
using CredentialConnect.Web.Features.Home;
using CredentialConnect.Web.Features.Imports;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Recertification;
using CredentialConnect.Web.Features.Readiness;
using CredentialConnect.Web.Features.Sandbox;
using CredentialConnect.Web.Features.Scheduling;
using CredentialConnect.Web.Features.Sync;
using CredentialConnect.Web.Features.Webhooks;
using CredentialConnect.Web.Features.Workflows;

// Verbs: "migrate" brings the schema up to date and exits; "--seed-demo" re-seeds the demo association.
var verbs = HostVerbs.Parse(args);
var builder = WebApplication.CreateBuilder(verbs.RemainingArgs);

builder.AddData();
builder.AddAccess();
builder.AddTrustedProxies();
builder.AddPublicRateLimits();
builder.AddApi();
builder.AddHealth();
builder.AddSandbox();
builder.AddAssociation();
builder.AddConnectors();
builder.AddDataFlow();
builder.AddEmail();
builder.AddScheduling();
builder.AddImports();
builder.AddApplications();
builder.AddRecertification();
builder.AddEligibility();
builder.AddWorkflows();
builder.AddDirectory();
builder.AddBadges();
builder.AddVerification();
builder.AddDashboard();
builder.Services.AddScoped<DemoSeeder>();

var app = builder.Build();

try
{
    if (verbs.Migrate)
    {
        await DatabaseMigrator.MigrateAsync(app.Services);
        Console.WriteLine("Database is up to date.");
        return 0;
    }
    await app.PrepareDatabaseAsync(verbs.SeedDemo);
}
catch (Exception e) when (e is DatabaseMigrationException or StartupRefusedException)
{
    // Stop before Kestrel listens: a hub on a half-migrated database, or one nobody can administer, must never take traffic.
    app.Logger.LogCritical("{Message}", e.Message);
    if (HostVerbs.IsUnderTest) throw;
    return 1;
}

app.UseTrustedProxies();
app.UseSandboxLabel();
app.UseApi();
// The browser app's files (wwwroot/admin), built by `dotnet build`.
app.UseStaticFiles();
app.UseAuthentication();
app.UseAuthorization();
app.UseCrossSiteRefusal();
app.UsePublicRateLimits();

app.MapHomePages();
app.MapHealth();
app.MapApiDocs();
app.MapAccessApi();
app.MapAssociationApi();
app.MapProgramsApi();
app.MapMembersApi();
app.MapCredentialsApi();
app.MapCredentialActionsApi();
app.MapCredentialReviewApi();
app.MapExamsApi();
app.MapAuditApi();
app.MapConnectorsApi();
app.MapDeliveryApi();
app.MapMatchReviewsApi();
app.MapWebhooks();
app.MapImportsApi();
app.MapApplicationsApi();
app.MapCeCreditsApi();
app.MapRecertificationApi();
app.MapCeAuditsApi();
app.MapReadinessApi();
app.MapExamRegistrationsApi();
app.MapWorkflowsApi();
app.MapWorkflowActivitiesApi();
app.MapWorkflowDefinitionsApi();
app.MapWorkflowTemplatesApi();
app.MapDirectoryApi();
app.MapBadges();
app.MapVerificationApi();
app.MapDashboardApi();
// The staff console is one page app: every path under /admin is one of its screens.
app.MapFallbackToFile("/admin/{*screen:nonfile}", "admin/index.html").AllowAnonymous();

await app.RunAsync();
return 0;

public partial class Program;

/// <summary>The host's own command-line verbs, taken out before ASP.NET Core reads its configuration.</summary>
internal sealed record HostVerbs(bool Migrate, bool SeedDemo, string[] RemainingArgs)
{
    public static HostVerbs Parse(string[] args) => new(
        args.Contains("migrate"),
        args.Contains("--seed-demo"),
        args.Where(a => a is not ("migrate" or "--seed-demo")).ToArray());

    // WebApplicationFactory runs this entry point in-process; there an exit code would be swallowed, so rethrow.
    public static bool IsUnderTest => AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Microsoft.AspNetCore.Mvc.Testing");
}
