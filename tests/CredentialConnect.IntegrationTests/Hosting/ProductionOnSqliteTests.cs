using System.Net;
using System.Net.Http.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Demo;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Hosting;

/// <summary>
/// A small association running for real on the embedded default: a Production node as its own process on SQLite,
/// configured only by environment variables. It migrates its file, starts empty with the Bootstrap Admin, never
/// seeds or prints the demo, and says where it really listens.
/// </summary>
public sealed class ProductionOnSqliteTests : IDisposable
{
    private const string AdminEmail = "office@association.example.org";
    private const string AdminPassword = "a long first passphrase";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cc-production-sqlite-");

    [Fact]
    public async Task Start_InProductionOnSqlite_StartsEmptyWithTheBootstrapAdmin_AndPrintsTheRealUrl()
    {
        await using var hub = await HubProcess.StartOnSqliteAsync(Path.Combine(_folder.FullName, "hub.db"), "Production", Production(withAdmin: true));
        using var admin = hub.Client();
        using var demo = hub.Client();

        var signIn = await admin.PostAsJsonAsync("/auth/sign-in", new { email = AdminEmail, password = AdminPassword });
        var members = await (await admin.GetAsync("/api/v1/members?pageSize=1")).ReadAsync<Page<MemberSummary>>();
        var programs = await (await admin.GetAsync("/api/v1/programs?pageSize=1")).ReadAsync<Page<ProgramSummary>>();
        var demoSignIn = await demo.PostAsJsonAsync("/auth/sign-in", new { email = DemoAssociation.AdminEmail, password = DemoAssociation.Password });
        var listening = await hub.WaitForOutputLineAsync("Listening on", HubProcess.StartTimeout);

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Contains("Admin", await signIn.Content.ReadAsStringAsync());
        Assert.Equal((0, 0), (members.TotalCount, programs.TotalCount));
        Assert.Equal(HttpStatusCode.Unauthorized, demoSignIn.StatusCode);
        Assert.EndsWith($"Listening on {hub.BaseAddress.ToString().TrimEnd('/')}", listening);
        Assert.DoesNotContain(DemoAssociation.Password, hub.Output);
    }

    [Fact]
    public async Task Start_InProductionWithNoAdminAndNoBootstrapSettings_RefusesAndSaysWhatToSet()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            HubProcess.StartOnSqliteAsync(Path.Combine(_folder.FullName, "hub.db"), "Production", Production(withAdmin: false)));

        Assert.Contains("exited with code 1 before it was healthy", failure.Message);
        Assert.Contains("no Admin account", failure.Message);
        Assert.Contains("Bootstrap__AdminEmail", failure.Message);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static Dictionary<string, string?> Production(bool withAdmin) => new()
    {
        // Production requires the public address every badge id starts with.
        ["Badges:PublicBaseUrl"] = "https://credentials.association.example.org",
        ["Scheduling:Enabled"] = "false",
        ["Delivery:WorkerEnabled"] = "false",
        ["Bootstrap:AdminEmail"] = withAdmin ? AdminEmail : null,
        ["Bootstrap:AdminPassword"] = withAdmin ? AdminPassword : null,
    };
}
