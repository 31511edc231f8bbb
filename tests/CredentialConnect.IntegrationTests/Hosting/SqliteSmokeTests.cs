using System.Net;
using System.Net.Http.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Demo;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Hosting;

/// <summary>
/// The embedded default, as a newcomer's first <c>dotnet run</c> sees it: SQLite, migrated and seeded with the
/// demo association on first start, with the development sign-in.
/// </summary>
public sealed class SqliteSmokeTests(SqliteHub hub) : IClassFixture<SqliteHub>
{
    private readonly HubFactory _factory = hub.Factory;
    private readonly HttpClient _admin = hub.Admin;

    [Fact]
    public async Task FirstStart_IsReadyAndSeedsOneProgramOfEachKindAndAPathway()
    {
        var programs = await (await _admin.GetAsync("/api/v1/programs?sort=kind")).ReadAsync<Page<ProgramSummary>>();

        Assert.Equal("Healthy", await _factory.CreateClient().GetStringAsync("/health/ready"));
        Assert.Equal([ProgramKind.Certification, ProgramKind.Certificate, ProgramKind.Certificate, ProgramKind.MicroCredential], programs.Items.Select(p => p.Kind).Order());
    }

    [Fact]
    public async Task FirstStart_SeedsTwoHundredMembersWithExpiringAndLapsedCredentials()
    {
        var members = await (await _admin.GetAsync("/api/v1/members?pageSize=1")).ReadAsync<Page<MemberSummary>>();
        var expiringSoon = await (await _admin.GetAsync($"/api/v1/credentials?status=Expiring&expiresBefore={Uri.EscapeDataString(HubFactory.Start.AddDays(90).ToString("O"))}&sort=expiresAt"))
            .ReadAsync<Page<CredentialSummary>>();
        var lapsed = await (await _admin.GetAsync("/api/v1/credentials?status=Lapsed")).ReadAsync<Page<CredentialSummary>>();

        Assert.Equal(DemoAssociation.MemberCount, members.TotalCount);
        Assert.True(expiringSoon.TotalCount > 0, "The demo should show credentials expiring soon.");
        Assert.True(lapsed.TotalCount > 0, "The demo should show lapsed credentials.");
        Assert.Equal(expiringSoon.Items.OrderBy(c => c.ExpiresAt).Select(c => c.Id), expiringSoon.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task SeedDemoAgain_ReplacesTheDemoRatherThanDoublingIt()
    {
        await using (var scope = _factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().ReseedAsync(CancellationToken.None);
        var client = SessionClients.For(_factory);
        (await client.PostAsync("/dev/sign-in/Admin", null)).EnsureSuccessStatusCode();

        var members = await (await client.GetAsync("/api/v1/members?pageSize=1")).ReadAsync<Page<MemberSummary>>();
        var programs = await (await client.GetAsync("/api/v1/programs")).ReadAsync<Page<ProgramSummary>>();

        Assert.Equal(DemoAssociation.MemberCount, members.TotalCount);
        Assert.Equal(4, programs.TotalCount);
    }

    [Fact]
    public async Task DemoStaffCanSignInWithThePrintedPassword()
    {
        var client = SessionClients.For(_factory);

        var response = await client.PostAsJsonAsync("/auth/sign-in", new { email = DemoAssociation.ReviewerEmail, password = DemoAssociation.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task DemoMember_SeesOnlyTheirOwnCredentials()
    {
        var member = SessionClients.For(_factory);
        (await member.PostAsync("/dev/sign-in/Member", null)).EnsureSuccessStatusCode();

        var me = await (await member.GetAsync("/api/v1/members/me")).ReadAsync<MemberResponse>();
        var credentials = await (await member.GetAsync("/api/v1/credentials?pageSize=200")).ReadAsync<Page<CredentialSummary>>();

        Assert.All(credentials.Items, c => Assert.Equal(me.Id, c.MemberId));
    }

    [Fact]
    public async Task SignInPage_MarksTheDevelopmentSignInClearly()
    {
        var page = await _factory.CreateClient().GetStringAsync("/sign-in");

        Assert.Contains("DEVELOPMENT ENVIRONMENT", page);
        Assert.Contains("Development sign-in", page);
    }
}

/// <summary>One embedded-default hub for the smoke suite, started the way a newcomer's first run starts it.</summary>
public sealed class SqliteHub : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cc-sqlite-").FullName;

    public HubFactory Factory { get; private set; } = null!;
    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Factory = HubFactory.OnSqlite(Path.Combine(_folder, "hub.db"));
        Admin = SessionClients.For(Factory);
        (await Admin.PostAsync("/dev/sign-in/Admin", null)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
