using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using Npgsql;

namespace CredentialConnect.IntegrationTests.Hosting;

[Collection(HubCollection.Name)]
public sealed class DatabaseOutageTests(HubFixture hub)
{
    [Fact]
    public async Task WhenTheDatabaseGoesAway_AnApiCallIsA503WithRetryAfter_NotAServerError()
    {
        var database = new NpgsqlConnectionStringBuilder(await hub.Server.CreateDatabaseAsync("credentialconnect_outage"));
        await using var relay = new TcpRelay(database.Host!, database.Port);
        database.Host = "127.0.0.1";
        database.Port = relay.Port;
        database.Pooling = false;
        await using var factory = HubFactory.OnPostgres(database.ConnectionString, environment: "Development");
        var client = await factory.SignedInAsync(HubRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/programs")).StatusCode);

        relay.Cut();
        var response = await client.GetAsync("/api/v1/programs");

        var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable, Problems.Unavailable);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.Contains("Nothing was changed", problem.GetProperty("detail").GetString());
    }
}
