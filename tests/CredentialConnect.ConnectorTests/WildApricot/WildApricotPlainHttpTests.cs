using CredentialConnect.ConnectorTests.Http;
using CredentialConnect.Connectors;
using static CredentialConnect.ConnectorTests.WildApricot.WildApricotStubs;

namespace CredentialConnect.ConnectorTests.WildApricot;

public sealed class WildApricotPlainHttpTests : WildApricotConnection
{
    [Fact]
    public async Task GetChanges_WhenTheServerRefusesBodiesWithoutContentLength_StillGetsATokenAndReadsContacts()
    {
        Server.RefuseChunkedBodies();
        Server.GivenTokens(ApiKey);
        Server.Given(Contacts(ContactsPath)).RespondWith(ContactsResponse(new WildApricotContactBuilder(1)));

        var page = await Source().GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        Assert.Null(page.Failure);
        Assert.Equal("1", Assert.Single(page.Value!.Items).AmsMemberId);
        var token = Assert.Single(Server.TokenRequests()).RequestMessage;
        Assert.Equal(token.BodyAsBytes!.Length.ToString(), token.Header("Content-Length"));
        Assert.Null(token.Header("Transfer-Encoding"));
    }
}
