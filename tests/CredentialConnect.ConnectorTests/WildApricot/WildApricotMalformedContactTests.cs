using System.Text.Json.Nodes;
using CredentialConnect.ConnectorTests.Http;
using CredentialConnect.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.ResponseBuilders;
using static CredentialConnect.ConnectorTests.WildApricot.WildApricotStubs;

namespace CredentialConnect.ConnectorTests.WildApricot;

public sealed class WildApricotMalformedContactTests : WildApricotConnection
{
    [Fact]
    public async Task GetChanges_WhenAPageHoldsAMalformedContact_ReadsTheOthersAndLogsTheBadOneByIdOnly()
    {
        var logs = new CapturedLogs();
        Server.GivenTokens(ApiKey);
        var malformed = new WildApricotContactBuilder(2).WithEmail("secret.person@example.org").Build();
        malformed["MembershipLevel"] = "Gold";
        var body = new JsonObject
        {
            ["Contacts"] = new JsonArray(new WildApricotContactBuilder(1).Build(), malformed, new WildApricotContactBuilder(3).Build()),
        }.ToJsonString();
        Server.Given(Contacts(ContactsPath)).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));
        var services = Services();
        var source = ActivatorUtilities.CreateInstance<CredentialConnect.Connectors.WildApricot.WildApricotMemberSource>(
            services, LoggerFactory.Create(b => b.AddProvider(logs)).CreateLogger<CredentialConnect.Connectors.WildApricot.WildApricotMemberSource>());

        var page = await source.GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        Assert.Null(page.Failure);
        Assert.Equal(["1", "3"], page.Value!.Items.Select(m => m.AmsMemberId).Order());
        Assert.True(page.Value.HasMore);
        var warning = Assert.Single(logs.Warnings);
        Assert.Contains("position 1 (id 2)", warning);
        Assert.DoesNotContain("secret.person", warning);
    }
}
