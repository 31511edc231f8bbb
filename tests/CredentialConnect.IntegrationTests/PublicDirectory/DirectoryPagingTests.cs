using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.PublicDirectory;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.PublicDirectory;

/// <summary>Deep pages and large result sets: the page-number cap, keyset paging with after=, and the bounded count.</summary>
public sealed class DirectoryPagingTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task KeysetPaging_WalksEveryMatchOnceInNameOrder_AndNumbersThePages()
    {
        string[] last = ["Reyes", "Fischer", "Osei", "Kowalski", "Nakamura", "Abara", "Lindqvist"];
        foreach (var name in last)
            await Hub.AddMemberAsync(m => (m.FirstName, m.LastName, m.Directory) = ("Kofi", name, DirectoryScenario.Everything));
        await Hub.AddMemberAsync(m => (m.FirstName, m.LastName, m.Directory) = ("Hidden", "Aaron", DirectoryConsent.Given(true, false, true, false, false)));
        await Hub.AddMemberAsync(m => (m.FirstName, m.LastName, m.Directory) = ("Also", "Hidden", DirectoryConsent.Given(true, false, false, true, false)));

        var pages = await WalkAsync(Hub.Anonymous(), "pageSize=3");

        Assert.Equal(last.Order().Select(l => $"Kofi {l}").Concat([DirectoryScenario.HiddenName, DirectoryScenario.HiddenName]), pages.SelectMany(DirectoryScenario.Names));
        Assert.Equal([1, 2, 3], pages.Select(p => p.PageNumber));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
        Assert.Null(pages[^1].NextCursor);
        Assert.All(pages, p => Assert.Equal((9, false), (p.TotalCount, p.TotalIsEstimate)));
    }

    [Fact]
    public async Task KeysetPaging_KeepsTheSearch()
    {
        await DirectoryScenario.SeedAsync(Hub.Factory);

        var pages = await WalkAsync(Hub.Anonymous(), "location=toronto&pageSize=1");

        Assert.Equal(["Ada Okafor", DirectoryScenario.HiddenName], pages.SelectMany(DirectoryScenario.Names));
    }

    [Theory]
    [InlineData("page=400")]
    [InlineData("page=50&pageSize=200")]
    public async Task PageNumbers_ReachTheFirstTenThousandMatches(string query)
    {
        var response = await Hub.Anonymous().GetAsync($"/api/v1/directory?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("page=401")]
    [InlineData("page=51&pageSize=200")]
    [InlineData("page=1000000")]
    public async Task PageNumbers_PastTheFirstTenThousandMatches_Return400PointingToAfter(string query)
    {
        var response = await Hub.Anonymous().GetAsync($"/api/v1/directory?{query}");
        var page = await Hub.Anonymous().GetAsync($"/directory?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains("after", Assert.Single(problem.FieldErrors("page")));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task After_ThatIsNotOurCursor_Returns400(string cursor)
    {
        var response = await Hub.Anonymous().GetAsync($"/api/v1/directory?after={cursor}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.NotEmpty(problem.FieldErrors("after"));
    }

    [Fact]
    public async Task After_WithAPageNumber_Returns400()
    {
        await DirectoryScenario.SeedAsync(Hub.Factory);
        var first = await (await Hub.Anonymous().GetAsync("/api/v1/directory?pageSize=1")).ReadAsync<Page<DirectoryEntry>>();

        var response = await Hub.Anonymous().GetAsync($"/api/v1/directory?page=2&after={Uri.EscapeDataString(first.NextCursor!)}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.NotEmpty(problem.FieldErrors("page"));
    }

    [Fact]
    public async Task Count_PastTheLimit_IsAnEstimate_AndThePageLinksOnWithTheCursor()
    {
        await AddListedMembersAsync(DirectoryRules.CountLimit + 1);
        var anonymous = Hub.Anonymous();

        var first = await (await anonymous.GetAsync("/api/v1/directory")).ReadAsync<Page<DirectoryEntry>>();
        var last = await (await anonymous.GetAsync("/api/v1/directory?page=400")).ReadAsync<Page<DirectoryEntry>>();
        var beyond = await (await anonymous.GetAsync($"/api/v1/directory?after={Uri.EscapeDataString(last.NextCursor!)}")).ReadAsync<Page<DirectoryEntry>>();
        var html = await (await anonymous.GetAsync("/directory?page=400")).Content.ReadAsStringAsync();

        Assert.Equal((DirectoryRules.CountLimit, true, true), (first.TotalCount, first.TotalIsEstimate, first.HasMore));
        Assert.Equal((400, 25, true), (last.PageNumber, last.Items.Count, last.HasMore));
        Assert.Equal((401, 1, false, null), (beyond.PageNumber, beyond.Items.Count, beyond.HasMore, beyond.NextCursor));
        Assert.Equal("Zed Member10001", Assert.Single(beyond.Items).Name);
        Assert.Contains("10,000+ members found. Page 400.", html);
        Assert.Contains("/directory?after=", html);
    }

    [Fact]
    public async Task Count_AtTheLimit_IsExact()
    {
        await AddListedMembersAsync(DirectoryRules.CountLimit);

        var page = await (await Hub.Anonymous().GetAsync("/api/v1/directory?page=400")).ReadAsync<Page<DirectoryEntry>>();

        Assert.Equal((DirectoryRules.CountLimit, false, false, 400), (page.TotalCount, page.TotalIsEstimate, page.HasMore, page.TotalPages));
        Assert.Null(page.NextCursor);
    }

    private static async Task<List<Page<DirectoryEntry>>> WalkAsync(HttpClient client, string query)
    {
        var pages = new List<Page<DirectoryEntry>> { await (await client.GetAsync($"/api/v1/directory?{query}")).ReadAsync<Page<DirectoryEntry>>() };
        while (pages[^1].NextCursor is { } next && pages.Count < 100)
            pages.Add(await (await client.GetAsync($"/api/v1/directory?{query}&after={Uri.EscapeDataString(next)}")).ReadAsync<Page<DirectoryEntry>>());
        return pages;
    }

    // Set-based, so ten thousand members take a moment: "Zed Member00001" to "Zed MemberNNNNN", in that order.
    private Task AddListedMembersAsync(int count) => Hub.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
        INSERT INTO "Members" ("Id", "AmsMemberId", "Email", "FirstName", "LastName", "MembershipStatus",
            "DirectoryOptedIn", "DirectoryShowName", "DirectoryShowEmail", "DirectoryShowLocation", "DirectoryShowCredentials",
            "CreatedAt", "UpdatedAt", "Version")
        SELECT gen_random_uuid(), 'BULK-' || n, 'member' || n || '@example.org', 'Zed', 'Member' || lpad(n::text, 5, '0'), 'Active',
            true, true, false, false, false, now(), now(), 0
        FROM generate_series(1, {0}) AS n
        """, count));
}
