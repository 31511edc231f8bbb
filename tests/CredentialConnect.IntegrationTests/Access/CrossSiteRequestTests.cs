using System.Net;
using System.Net.Http.Json;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;

namespace CredentialConnect.IntegrationTests.Access;

/// <summary>Another site's page cannot make a signed-in person's browser change anything; an API key is not a browser.</summary>
public sealed class CrossSiteRequestTests(HubFixture hub) : HubTest(hub)
{
    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task ABodilessPost_FromAnotherSitesPage_WithTheSessionCookie_IsRefusedAndChangesNothing(string header, string value)
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var signOut = new HttpRequestMessage(HttpMethod.Post, "/auth/sign-out") { Headers = { { header, value } } };
        var problem = await (await admin.SendAsync(signOut)).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);

        Assert.Contains("hub's own pages", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/auth/me")).StatusCode);
    }

    [Fact]
    public async Task AWrite_FromAnotherSitesPage_IsRefused_ButFromTheHubsOwnPagesItGoesThrough()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = new ProgramBuilder().WithCode("XSITE").Build();

        var forged = new HttpRequestMessage(HttpMethod.Post, "/api/v1/programs")
        {
            Content = JsonContent(program), Headers = { { "Origin", "https://evil.example" }, { "Sec-Fetch-Site", "cross-site" } },
        };
        await (await admin.SendAsync(forged)).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.Programs.Count())));

        var own = new HttpRequestMessage(HttpMethod.Post, "/api/v1/programs")
        {
            Content = JsonContent(program), Headers = { { "Origin", "http://localhost" }, { "Sec-Fetch-Site", "same-origin" } },
        };
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task AnApiKeyClient_IsNotABrowser_AndIsNotAffected()
    {
        var (client, _) = await Hub.WithApiKeyAsync(ApiScopes.ProgramsWrite, ApiScopes.ProgramsRead);

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/programs")
        {
            Content = JsonContent(new ProgramBuilder().WithCode("KEYED").Build()), Headers = { { "Origin", "https://partner.example" } },
        };

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task AChange_WithTheSessionCookie_ButWithoutTheAntiforgeryToken_IsRefusedAndChangesNothing()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.org";
        await Hub.CreateAccountAsync(email, HubRoles.Admin);
        // Keeps the cookies, as a browser does, but sends no token: what a form on another site could make a browser do.
        var browser = Hub.Factory.CreateClient();
        var signIn = await browser.PostAsJsonAsync("/auth/sign-in", new { email, password = HubFixture.Password });
        Assert.Contains(signIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith(CrossSiteRequests.TokenCookie + "=") && !c.Contains("httponly", StringComparison.OrdinalIgnoreCase));

        var problem = await (await browser.PostAsync("/api/v1/programs", JsonContent(new ProgramBuilder().WithCode("NOTOKEN").Build())))
            .ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);

        Assert.Contains(CrossSiteRequests.TokenHeader, problem.GetProperty("detail").GetString());
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.Programs.Count(p => p.Code == "NOTOKEN"))));
        await (await browser.PostAsync("/auth/sign-out", null)).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/auth/me")).StatusCode);
    }

    [Fact]
    public async Task AnotherPersonsToken_IsRefused_AndTheOwnTokenFromMe_GoesThrough()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var other = Hub.Factory.CreateClient();
        var email = $"reviewer-{Guid.NewGuid():N}@example.org";
        await Hub.CreateAccountAsync(email, HubRoles.Reviewer);
        // The header wins over the token this client would send: it carries the Reviewer's token with the Admin's cookie.
        var theirs = TokenOf(await other.PostAsJsonAsync("/auth/sign-in", new { email, password = HubFixture.Password }));

        var borrowed = new HttpRequestMessage(HttpMethod.Post, "/api/v1/programs")
        {
            Content = JsonContent(new ProgramBuilder().WithCode("BORROWED").Build()), Headers = { { CrossSiteRequests.TokenHeader, theirs } },
        };
        await (await admin.SendAsync(borrowed)).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);

        var own = TokenOf(await admin.GetAsync("/auth/me"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/programs")
        {
            Content = JsonContent(new ProgramBuilder().WithCode("OWNTOKEN").Build()), Headers = { { CrossSiteRequests.TokenHeader, own } },
        };
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(request)).StatusCode);
    }

    private static string TokenOf(HttpResponseMessage response) =>
        Uri.UnescapeDataString(response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CrossSiteRequests.TokenCookie + "="))
            .Split(';')[0][(CrossSiteRequests.TokenCookie.Length + 1)..]);

    private static HttpContent JsonContent<T>(T body) => System.Net.Http.Json.JsonContent.Create(body, options: HttpExtensions.Json);
}
