using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CredentialConnect.Connectors;
using WireMock;
using WireMock.ResponseBuilders;
using static CredentialConnect.ConnectorTests.WildApricot.WildApricotStubs;

namespace CredentialConnect.ConnectorTests.WildApricot;

public sealed partial class WildApricotGetManyTests : WildApricotConnection
{
    // IIS's answer to a query string over its limit, as Wild Apricot's front end sends it.
    private const string QueryTooLong = """
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
        <html xmlns="http://www.w3.org/1999/xhtml"><head><title>IIS 10.0 Detailed Error - 404.15 - Not Found</title></head>
        <body><div id="content"><h3>HTTP Error 404.15 - Not Found</h3>
        <h4>The request filtering module is configured to deny a request where the query string is too long.</h4></div></body></html>
        """;

    public WildApricotGetManyTests() => Server.GivenTokens(ApiKey);

    private static IReadOnlyList<int> IdsIn(IRequestMessage request) =>
        IdFilter().Match(request.Param("$filter") ?? "") is { Success: true } match
            ? [.. match.Groups["ids"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse)]
            : [];

    // Answers every id it is asked for that is below 1000, like an account whose other contacts were deleted.
    private static ResponseMessage Known(IRequestMessage request) =>
        Json(HttpStatusCode.OK, new JsonObject
        {
            ["Contacts"] = new JsonArray([.. IdsIn(request).Where(id => id < 1000).Select(id => new WildApricotContactBuilder(id).Build())]),
        });

    [Fact]
    public async Task GetMany_AsksForAllIdsInOneFilteredRequest()
    {
        Server.Given(Contacts(ContactsPath)).RespondWith(Response.Create().WithCallback(Known));

        var fetch = await Source().GetManyAsync(["12", "11", "13"], CancellationToken.None);

        Assert.Equal(["11", "12", "13"], fetch.Value!.Select(member => member.AmsMemberId));
        var request = Assert.Single(Server.ContactRequests(ContactsPath));
        Assert.Equal("Id in [11,12,13]", request.Param("$filter"));
        Assert.Equal("false", request.Param("$async"));
    }

    [Fact]
    public async Task GetMany_LeavesOutIdsWildApricotDoesNotHave()
    {
        Server.Given(Contacts(ContactsPath)).RespondWith(Response.Create().WithCallback(Known));

        var fetch = await Source().GetManyAsync(["5", "5000", "not-a-contact"], CancellationToken.None);

        Assert.Equal(["5"], fetch.Value!.Select(member => member.AmsMemberId));
        Assert.Equal("Id in [5,5000]", Assert.Single(Server.ContactRequests(ContactsPath)).Param("$filter"));
    }

    [Fact]
    public async Task GetMany_WhenTheQueryStringIsTooLong_SplitsTheIdsInHalvesUntilEachPartIsAnswered()
    {
        // This front end refuses any filter with more than two ids.
        Server.Given(Contacts(ContactsPath)).RespondWith(Response.Create().WithCallback(request =>
            IdsIn(request).Count > 2
                ? new ResponseMessage
                {
                    StatusCode = 404,
                    Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("text/html") },
                    BodyData = new WireMock.Util.BodyData { BodyAsString = QueryTooLong, DetectedBodyType = WireMock.Types.BodyType.String },
                }
                : Known(request)));

        var fetch = await Source(new Dictionary<string, string?> { ["PageSize"] = "100" }).GetManyAsync(["1", "2", "3", "4", "5"], CancellationToken.None);

        Assert.Null(fetch.Failure);
        Assert.Equal(["1", "2", "3", "4", "5"], fetch.Value!.Select(member => member.AmsMemberId).Order());
        var answered = Server.LogEntries.Where(entry => entry.RequestMessage.Path == ContactsPath && entry.ResponseMessage.StatusCode is 200)
            .Select(entry => string.Join(',', IdsIn(entry.RequestMessage)));
        Assert.Equal(["1,2", "3", "4,5"], answered.Order());
    }

    [Fact]
    public async Task GetMany_WhenAPlain404Answers_ReturnsPermanent()
    {
        Server.Given(Contacts(ContactsPath)).RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"message":"Account not found."}"""));

        var fetch = await Source().GetManyAsync(["1", "2"], CancellationToken.None);

        Assert.IsType<Outcome.Permanent>(fetch.Failure);
        Assert.Single(Server.ContactRequests(ContactsPath));
    }

    [Fact]
    public async Task GetMany_SplitsLongIdListsBeforeSendingThem()
    {
        Server.Given(Contacts(ContactsPath)).RespondWith(Response.Create().WithCallback(Known));
        var ids = Enumerable.Range(10_000_000, 400).Select(id => id.ToString()).ToList();

        var fetch = await Source(new Dictionary<string, string?> { ["PageSize"] = "500" }).GetManyAsync(ids, CancellationToken.None);

        Assert.Null(fetch.Failure);
        var requests = Server.ContactRequests(ContactsPath);
        Assert.True(requests.Count > 1);
        Assert.All(requests, request => Assert.True(request.RawQuery!.Length < 2048, $"query of {request.RawQuery!.Length} characters"));
        Assert.Equal(ids, requests.SelectMany(IdsIn).Select(id => id.ToString()));
    }

    [GeneratedRegex(@"^Id in \[(?<ids>[\d,]*)\]$")]
    private static partial Regex IdFilter();
}
