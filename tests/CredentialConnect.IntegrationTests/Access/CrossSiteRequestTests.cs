using System.Net;
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

    private static HttpContent JsonContent<T>(T body) => System.Net.Http.Json.JsonContent.Create(body, options: HttpExtensions.Json);
}
