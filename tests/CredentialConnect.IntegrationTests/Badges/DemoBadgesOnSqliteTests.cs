using System.Text.Json.Nodes;
using CredentialConnect.Badges.DataIntegrity;
using CredentialConnect.IntegrationTests.Hosting;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Badges;

/// <summary>The demo association on the embedded default has its badges from the start.</summary>
public sealed class DemoBadgesOnSqliteTests(SqliteHub hub) : IClassFixture<SqliteHub>
{
    [Fact]
    public async Task EveryDemoCredential_HasTheBadgeOfItsCurrentCycle_SignedByThePublishedKey()
    {
        var credentials = await hub.Factory.WithDbAsync(db => db.Credentials.AsNoTracking().Select(c => new { c.Id, c.CurrentCycle, c.Status }).ToListAsync());
        var badges = await hub.Factory.WithDbAsync(db => db.IssuedBadges.AsNoTracking().ToListAsync());
        await using var scope = hub.Factory.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<IssuerKeyRing>().DirectoryAsync(CancellationToken.None);
        var revoked = credentials.First(c => c.Status == CredentialStatus.Revoked);

        Assert.NotEmpty(credentials);
        Assert.All(credentials, c => Assert.Contains(badges, b => b.CredentialId == c.Id && b.Cycle == c.CurrentCycle));
        var sample = badges.First(b => b.CredentialId == revoked.Id);
        Assert.True(EddsaRdfc2022.Verify(JsonNode.Parse(sample.SignedJson)!.AsObject(), keys.Ed25519PublicKey).Passed);
        var list = await scope.ServiceProvider.GetRequiredService<StatusLists>().FindAsync("http://localhost:5080/status-lists/revocation/1", CancellationToken.None);
        var index = await hub.Factory.WithDbAsync(db => db.StatusListAllocations.Where(a => a.CredentialId == revoked.Id).Select(a => a.Index).SingleAsync());
        Assert.True(CredentialConnect.Badges.StatusList.BitstringStatusList.Decode(list!["credentialSubject"]!["encodedList"]!.GetValue<string>())[index]);
    }
}
