using System.Net;
using System.Text.Json;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.PublicDirectory;

namespace CredentialConnect.IntegrationTests.PublicDirectory;

public sealed class DirectoryApiTests(HubFixture hub) : HubTest(hub)
{
    [Theory]
    [MemberData(nameof(DirectoryScenario.Searches), MemberType = typeof(DirectoryScenario))]
    public async Task Search_FindsOnlyWhatMembersChoseToShow(string query, string[] expected)
    {
        await DirectoryScenario.SeedAsync(Hub.Factory);

        var page = await (await Hub.Anonymous().GetAsync($"/api/v1/directory?{query}")).ReadAsync<Page<DirectoryEntry>>();

        Assert.Equal(expected, DirectoryScenario.Names(page));
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task Directory_NeverShowsAMemberWhoDidNotOptIn()
    {
        await DirectoryScenario.SeedAsync(Hub.Factory);
        var anonymous = Hub.Anonymous();
        string[] searches = ["", "?q=zora", "?q=zora+quist", "?q=quist", "?location=toronto", "?credential=CFRE", "?status=Active", "?credential=CFRE&status=Active"];

        var bodies = new List<string>();
        foreach (var search in searches)
        {
            bodies.Add(await (await anonymous.GetAsync($"/api/v1/directory{search}")).Content.ReadAsStringAsync());
            // The page repeats the search in its form; what it lists comes after the form.
            var page = await (await anonymous.GetAsync($"/directory{search}")).Content.ReadAsStringAsync();
            bodies.Add(page[page.IndexOf("</form>", StringComparison.Ordinal)..]);
        }

        Assert.All(bodies, body =>
        {
            Assert.DoesNotContain("Zora", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Quist", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("CERT-2026-000105", body);
            Assert.DoesNotContain("Nadia", body);
            Assert.DoesNotContain("CERT-2026-000106", body);
        });
    }

    [Fact]
    public async Task Directory_AfterAMemberOptsOut_NoLongerListsThem()
    {
        var member = await Hub.AddMemberAsync(m => (m.FirstName, m.LastName, m.Directory) = ("Freya", "Lindqvist", DirectoryScenario.Everything));
        var self = await Hub.SignedInAsync(HubRoles.Member, member.Id);
        var before = await (await Hub.Anonymous().GetAsync("/api/v1/directory?q=freya")).ReadAsync<Page<DirectoryEntry>>();

        var optOut = await self.PutJsonAsync($"/api/v1/members/{member.Id}/directory", new DirectoryConsentWrite(false, true, true, true, true, member.Version));
        var after = await (await Hub.Anonymous().GetAsync("/api/v1/directory?q=freya")).ReadAsync<Page<DirectoryEntry>>();
        var all = await (await Hub.Anonymous().GetAsync("/api/v1/directory")).ReadAsync<Page<DirectoryEntry>>();

        Assert.Equal(["Freya Lindqvist"], DirectoryScenario.Names(before));
        Assert.Equal(HttpStatusCode.OK, optOut.StatusCode);
        Assert.Empty(after.Items);
        Assert.Equal(0, all.TotalCount);
    }

    [Theory]
    [InlineData("name", "?q=tanaka", "Tanaka", DirectoryScenario.HiddenName)]
    [InlineData("location", "?location=montreal", "Montreal", "Bruno Moreau")]
    [InlineData("credentials", "?credential=CFRE", "CERT-2026-000102", "Adam Okonkwo")]
    [InlineData("credentials", "?status=Active", "CERT-2026-000102", "Adam Okonkwo")]
    [InlineData("email", "?q=example", "adam.okonkwo@example.org", "Adam Okonkwo")]
    public async Task HiddenField_IsAbsentFromTheEntry_AndCannotBeSearchedFor(string field, string search, string hiddenText, string hider)
    {
        await DirectoryScenario.SeedAsync(Hub.Factory);
        var anonymous = Hub.Anonymous();

        var listing = await (await anonymous.GetAsync("/api/v1/directory")).Content.ReadAsStringAsync();
        var entries = JsonDocument.Parse(listing).RootElement.GetProperty("items").EnumerateArray().ToList();
        var searched = await (await anonymous.GetAsync($"/api/v1/directory{search}")).ReadAsync<Page<DirectoryEntry>>();

        Assert.DoesNotContain(hiddenText, listing, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(entries, e => !e.TryGetProperty(field, out _));
        Assert.All(entries, e => Assert.True(!e.TryGetProperty(field, out var value) || value.ValueKind != JsonValueKind.Null,
            $"A hidden field is left out, never sent as null: {e}"));
        Assert.DoesNotContain(hider, DirectoryScenario.Names(searched));
    }

    [Fact]
    public async Task OptedInMember_ShowsEveryConsentedField_AndEachCredentialLinksToVerification()
    {
        await DirectoryScenario.SeedAsync(Hub.Factory);

        var page = await (await Hub.Anonymous().GetAsync("/api/v1/directory?q=ada+okafor")).ReadAsync<Page<DirectoryEntry>>();

        var ada = Assert.Single(page.Items);
        Assert.Equal("Ada Okafor", ada.Name);
        Assert.Equal("ada.okafor@example.org", ada.Email);
        Assert.Equal(new DirectoryLocation("Toronto", "ON", "Canada"), ada.Location);
        var credential = Assert.Single(ada.Credentials!);
        Assert.Equal(new DirectoryCredential("CFRE", "Certified Fund Raising Executive", "CERT-2026-000101", CredentialStatus.Active, "/verify/CERT-2026-000101"),
            credential);
    }

    [Fact]
    public async Task Paging_WalksEveryMatchOnceInNameOrder()
    {
        string[] last = ["Reyes", "Fischer", "Osei", "Kowalski", "Nakamura", "Abara", "Lindqvist"];
        foreach (var name in last)
            await Hub.AddMemberAsync(m => (m.FirstName, m.LastName, m.Directory) = ("Kofi", name, DirectoryScenario.Everything));
        await Hub.AddMemberAsync(m => (m.FirstName, m.LastName, m.Directory) = ("Hidden", "Aaron", DirectoryConsent.Given(true, false, true, false, false)));
        var anonymous = Hub.Anonymous();

        var pages = new List<Page<DirectoryEntry>>();
        for (var page = 1; page <= 4; page++)
            pages.Add(await (await anonymous.GetAsync($"/api/v1/directory?q=&page={page}&pageSize=3")).ReadAsync<Page<DirectoryEntry>>());

        Assert.All(pages, p => Assert.Equal((8, 3), (p.TotalCount, p.TotalPages)));
        Assert.Equal([3, 3, 2, 0], pages.Select(p => p.Items.Count));
        Assert.Equal(last.Order().Select(l => $"Kofi {l}").Append(DirectoryScenario.HiddenName), pages.SelectMany(DirectoryScenario.Names));
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=10000", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("status=Bogus", "status")]
    [InlineData("status=1", "status")]
    [InlineData("sort=-name", "sort")]
    [InlineData("credential=ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "credential")]
    [InlineData("q=a+b+c+d+e+f+g+h+i", "q")]
    public async Task Search_WithBadInput_Returns400NamingTheField(string query, string field)
    {
        var response = await Hub.Anonymous().GetAsync($"/api/v1/directory?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task Search_WithTooLongText_Returns400()
    {
        var problem = await (await Hub.Anonymous().GetAsync($"/api/v1/directory?location={new string('x', 201)}"))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("location"));
    }

    [Fact]
    public async Task PublicEndpoints_PastTheLimit_Answer429WithRetryAfter()
    {
        await using var limited = new HubFactory("Testing", new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = Hub.ConnectionString,
            [$"{PublicRateLimitOptions.Section}:PermitLimit"] = "3",
            [$"{PublicRateLimitOptions.Section}:WindowSeconds"] = "3600",
        });
        var client = limited.Anonymous();

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) allowed.Add((await client.GetAsync(i % 2 == 0 ? "/api/v1/directory" : "/directory")).StatusCode);
        var refused = await client.GetAsync("/api/v1/directory");
        var page = await client.GetAsync("/directory");

        Assert.All(allowed, s => Assert.Equal(HttpStatusCode.OK, s));
        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests, Problems.TooManyRequests);
        Assert.Contains("Try again", problem.GetProperty("detail").GetString());
        Assert.InRange(refused.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }

    [Fact]
    public async Task Page_RendersResults_WithVerificationLinks_AndEncodesWhatMembersWrote()
    {
        await DirectoryScenario.SeedAsync(Hub.Factory);
        await Hub.AddMemberAsync(m => (m.FirstName, m.LastName, m.City, m.Directory) =
            ("<script>alert(1)</script>", "Okafor & Sons", "\"Toronto\"", DirectoryScenario.Everything));

        var response = await Hub.Anonymous().GetAsync("/directory?q=okafor");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("""<a href="/verify/CERT-2026-000101">credential and licensure attestation</a>""", html);
        Assert.Contains("<strong>Ada Okafor</strong>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Okafor &amp; Sons", html);
        Assert.Contains("&quot;Toronto&quot;", html);
        Assert.DoesNotContain("<script>alert(1)</script>", html);
        Assert.Contains("""aria-live="polite">2 members found. Page 1 of 1.""", html);
        Assert.Contains("""<label for="q">Name</label>""", html);
        Assert.Contains("""<form method="get" action="/directory" """, html);
    }

    [Fact]
    public async Task Page_LinksToTheNextPage_AndKeepsTheSearch()
    {
        await DirectoryScenario.SeedAsync(Hub.Factory);

        var first = await (await Hub.Anonymous().GetAsync("/directory?q=ada&pageSize=1")).Content.ReadAsStringAsync();
        var second = await (await Hub.Anonymous().GetAsync("/directory?q=ada&page=2&pageSize=1")).Content.ReadAsStringAsync();

        Assert.Contains("Page 1 of 2", first);
        Assert.Contains("""<a href="/directory?q=ada&amp;page=2&amp;pageSize=1" rel="next">Next page</a>""", first);
        Assert.Contains("Page 2 of 2", second);
        Assert.Contains("Adam Okonkwo", second);
        Assert.Contains("""rel="prev">Previous page</a>""", second);
    }

    [Fact]
    public async Task Page_WithBadInput_Answers400AndSaysWhy()
    {
        var response = await Hub.Anonymous().GetAsync("/directory?status=%3Cb%3EBogus");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("status: Status must be one of", html);
        Assert.DoesNotContain("<b>Bogus", html);
    }
}
