using CredentialConnect.Connectors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static CredentialConnect.ConnectorTests.WildApricot.WildApricotStubs;

namespace CredentialConnect.ConnectorTests.WildApricot;

public sealed class WildApricotTokenTests : WildApricotConnection
{
    private void GivenContacts() =>
        Server.Given(Contacts(ContactsPath)).RespondWith(ContactsResponse(new WildApricotContactBuilder(1)));

    private List<string?> BearerTokensSent() =>
        [.. Server.ContactRequests(ContactsPath).Select(request => request.Header("Authorization"))];

    [Fact]
    public async Task GetChanges_FetchesOneTokenWithTheApiKeyAndReusesItForLaterCalls()
    {
        Server.GivenTokens(ApiKey);
        GivenContacts();
        var source = Source();

        await source.GetChangesAsync(SyncCursor.Start, CancellationToken.None);
        await source.GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        var token = Assert.Single(Server.TokenRequests()).RequestMessage;
        Assert.Equal(BasicApiKey(ApiKey), token.Header("Authorization"));
        Assert.StartsWith("application/x-www-form-urlencoded", token.Header("Content-Type"));
        Assert.Equal("grant_type=client_credentials&scope=auto", token.Body);
        Assert.Equal(["Bearer token-1", "Bearer token-1"], BearerTokensSent());
    }

    [Fact]
    public async Task GetChanges_WhenTheTokenIsAboutToExpire_FetchesANewOneBeforeCalling()
    {
        Server.GivenTokens(ApiKey, expiresIn: 1800);
        GivenContacts();
        var source = Source();
        await source.GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        Clock.Advance(TimeSpan.FromSeconds(1700));
        await source.GetChangesAsync(SyncCursor.Start, CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(50));
        await source.GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        // 1,750 s into a 1,800 s token is inside the last minute: renewed before it could expire in flight.
        Assert.Equal(["Bearer token-1", "Bearer token-1", "Bearer token-2"], BearerTokensSent());
        Assert.Equal(2, Server.TokenRequests().Count);
    }

    [Fact]
    public async Task GetChanges_WhenTheApiRefusesTheToken_FetchesANewOneAndRetriesOnce()
    {
        Server.GivenTokens(ApiKey);
        Server.Given(Contacts(ContactsPath).WithHeader("Authorization", "Bearer token-1"))
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("""{"message":"Authorization has been denied for this request."}"""));
        Server.Given(Contacts(ContactsPath).WithHeader("Authorization", "Bearer token-2"))
            .RespondWith(ContactsResponse(new WildApricotContactBuilder(1)));

        var fetch = await Source().GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        Assert.Null(fetch.Failure);
        Assert.Equal(["1"], fetch.Value!.Items.Select(member => member.AmsMemberId));
        Assert.Equal(["Bearer token-1", "Bearer token-2"], BearerTokensSent());
    }

    [Fact]
    public async Task GetChanges_WhenTheApiRefusesEveryToken_ReturnsPermanentAfterOneRenewal()
    {
        Server.GivenTokens(ApiKey);
        Server.Given(Contacts(ContactsPath)).RespondWith(Response.Create().WithStatusCode(401));

        var fetch = await Source().GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        Assert.IsType<Outcome.Permanent>(fetch.Failure);
        Assert.Equal(2, Server.ContactRequests(ContactsPath).Count);
    }

    [Fact]
    public async Task GetChanges_WhenTheApiKeyIsRefused_ReturnsPermanentWithoutCallingTheApi()
    {
        Server.GivenTokens("the-real-key");
        GivenContacts();

        var fetch = await Source().GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        var permanent = Assert.IsType<Outcome.Permanent>(fetch.Failure);
        Assert.Contains("token", permanent.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Server.ContactRequests(ContactsPath));
    }

    [Fact]
    public async Task TestConnection_FetchesATokenAndReadsTheAccount()
    {
        Server.GivenTokens(ApiKey);
        Server.Given(Request.Create().WithPath("/v2.2/accounts/123456").UsingGet().WithHeader("Authorization", "Bearer token-1"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"Id":123456,"Url":"https://api.wildapricot.org/v2.2/accounts/123456","PrimaryDomainName":"example.wildapricot.org","Name":"Example Society"}"""));

        var outcome = await Source().TestConnectionAsync(CancellationToken.None);

        var done = Assert.IsType<Outcome.Done>(outcome);
        Assert.Equal("Example Society", done.Reference);
        Assert.Single(Server.TokenRequests());
    }

    [Fact]
    public async Task TestConnection_WhenTheApiKeyIsRefused_ReturnsPermanent()
    {
        Server.GivenTokens("the-real-key");

        var outcome = await Source().TestConnectionAsync(CancellationToken.None);

        Assert.IsType<Outcome.Permanent>(outcome);
    }
}
