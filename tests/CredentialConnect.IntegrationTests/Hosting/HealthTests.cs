using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;

namespace CredentialConnect.IntegrationTests.Hosting;

public sealed class HealthTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task LiveAndReady_AreHealthyOnAMigratedDatabase()
    {
        var client = Hub.Anonymous();

        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi()
    {
        var document = await Hub.Anonymous().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/programs", document);
        Assert.Contains("/api/v1/members/{id}", document);
        Assert.Contains("/api/v1/audit-log", document);
        Assert.Contains("\"ApiKey\"", document);
        Assert.Contains("CredentialConnect API", document);
    }

    [Fact]
    public async Task ScalarReference_IsServedAnonymously()
    {
        var page = await Hub.Anonymous().GetAsync("/scalar/");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("CredentialConnect API", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownRoute_GetsAProblemDetails()
    {
        var response = await Hub.Anonymous().GetAsync("/no/such/page");

        await response.ProblemAsync(HttpStatusCode.NotFound, CredentialConnect.Web.Api.Problems.NotFound);
    }
}
