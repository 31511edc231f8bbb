using CredentialConnect.IntegrationTests.Hosting;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.PublicDirectory;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.PublicDirectory;

/// <summary>The directory on the embedded default, where it searches with LIKE: the same cases as on PostgreSQL, the same results.</summary>
public sealed class DirectoryOnSqliteTests(DirectoryOnSqliteTests.SeededSqliteHub hub) : IClassFixture<DirectoryOnSqliteTests.SeededSqliteHub>
{
    [Theory]
    [MemberData(nameof(DirectoryScenario.Searches), MemberType = typeof(DirectoryScenario))]
    public async Task Search_FindsOnlyWhatMembersChoseToShow(string query, string[] expected)
    {
        var page = await (await hub.Factory.Anonymous().GetAsync($"/api/v1/directory?{query}")).ReadAsync<Page<DirectoryEntry>>();

        Assert.Equal(expected, DirectoryScenario.Names(page));
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task Search_IgnoresCase()
    {
        var upper = await (await hub.Factory.Anonymous().GetAsync("/api/v1/directory?q=OKAFOR&location=TORONTO")).ReadAsync<Page<DirectoryEntry>>();

        Assert.Equal(["Ada Okafor"], DirectoryScenario.Names(upper));
    }

    [Fact]
    public async Task KeysetPaging_WalksEveryMatchOnceInNameOrder()
    {
        var client = hub.Factory.Anonymous();
        var pages = new List<Page<DirectoryEntry>> { await (await client.GetAsync("/api/v1/directory?pageSize=2")).ReadAsync<Page<DirectoryEntry>>() };
        while (pages[^1].NextCursor is { } next && pages.Count < 10)
            pages.Add(await (await client.GetAsync($"/api/v1/directory?pageSize=2&after={Uri.EscapeDataString(next)}")).ReadAsync<Page<DirectoryEntry>>());

        Assert.Equal(["Dalia Haddad", "Bruno Moreau", "Ada Okafor", "Adam Okonkwo", DirectoryScenario.HiddenName], pages.SelectMany(DirectoryScenario.Names));
        Assert.Equal([1, 2, 3], pages.Select(p => p.PageNumber));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
    }

    [Fact]
    public async Task PageNumbers_PastTheFirstTenThousandMatches_Return400()
    {
        var response = await hub.Factory.Anonymous().GetAsync("/api/v1/directory?page=401");

        Assert.NotEmpty((await response.ProblemAsync(System.Net.HttpStatusCode.BadRequest, Problems.Validation)).FieldErrors("page"));
    }

    /// <summary>The SQLite hub, seeded once with the scenario: every case only reads.</summary>
    public sealed class SeededSqliteHub : IAsyncLifetime
    {
        private readonly SqliteHub _hub = new();

        public HubFactory Factory => _hub.Factory;

        public async Task InitializeAsync()
        {
            await _hub.InitializeAsync();
            // The embedded default in Development seeds the demo association, some of whom opt in: start from an empty directory.
            await _hub.Factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
                "UPDATE Members SET DirectoryOptedIn = 0, DirectoryShowName = 0, DirectoryShowEmail = 0, DirectoryShowLocation = 0, DirectoryShowCredentials = 0"));
            await DirectoryScenario.SeedAsync(_hub.Factory);
        }

        public Task DisposeAsync() => _hub.DisposeAsync();
    }
}
