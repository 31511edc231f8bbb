using CredentialConnect.Connectors;
using WireMock.ResponseBuilders;
using static CredentialConnect.ConnectorTests.WildApricot.WildApricotStubs;

namespace CredentialConnect.ConnectorTests.WildApricot;

public sealed class WildApricotPagingTests : WildApricotConnection
{
    public WildApricotPagingTests() => Server.GivenTokens(ApiKey);

    private static WildApricotContactBuilder Contact(int id, string updated = "2024-02-20T10:00:00-05:00") => new WildApricotContactBuilder(id).UpdatedAt(updated);

    private void GivenPage(int skip, params WildApricotContactBuilder[] contacts) =>
        Server.Given(Contacts(ContactsPath).WithQuery("$skip", skip.ToString())).RespondWith(ContactsResponse(contacts));

    private static async Task<List<SourcePage<MemberRecord>>> ReadUntilCaughtUpAsync(IMemberSource source, SyncCursor cursor)
    {
        var pages = new List<SourcePage<MemberRecord>>();
        do
        {
            var fetch = await source.GetChangesAsync(cursor, CancellationToken.None);
            Assert.Null(fetch.Failure);
            pages.Add(fetch.Value!);
            cursor = fetch.Value!.Next;
        }
        while (pages[^1].HasMore && pages.Count < 20);
        return pages;
    }

    [Fact]
    public async Task GetChanges_FromStart_PagesWithTopAndOverlappingSkipUntilAShortPage()
    {
        GivenPage(0, Contact(1), Contact(2), Contact(3));
        GivenPage(2, Contact(3), Contact(4), Contact(5));
        GivenPage(4, Contact(5), Contact(6));

        var pages = await ReadUntilCaughtUpAsync(Source(), SyncCursor.Start);

        Assert.Equal([true, true, false], pages.Select(page => page.HasMore));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], pages.SelectMany(page => page.Items).Select(member => member.AmsMemberId));
        var requests = Server.ContactRequests(ContactsPath);
        Assert.Equal(["0", "2", "4"], requests.Select(request => request.Param("$skip")));
        Assert.All(requests, request =>
        {
            Assert.Equal("false", request.Param("$async"));
            Assert.Equal("3", request.Param("$top"));
            Assert.Null(request.Param("$filter"));
            Assert.Equal("Bearer token-1", request.Header("Authorization"));
        });
    }

    [Fact]
    public async Task GetChanges_AfterAQueryEnds_NextQueryFiltersFromTheNewestChangeItDelivered()
    {
        GivenPage(0, Contact(1, "2024-02-20T10:00:00-05:00"), Contact(2, "2024-02-21T09:30:15.250-05:00"));
        var source = Source();
        var first = await source.GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        await source.GetChangesAsync(first.Value!.Next, CancellationToken.None);

        var next = Server.ContactRequests(ContactsPath)[^1];
        Assert.Equal("'Profile last updated' ge 2024-02-21T14:30:15Z", next.Param("$filter"));
        Assert.Equal("0", next.Param("$skip"));
    }

    [Fact]
    public async Task GetChanges_WhenAContactChangedWhileTheQueryRan_NextQueryReachesBackBeforeTheQueryBegan()
    {
        // The query starts at 15:00 UTC; contact 4 was saved at 15:02, after the first page was read.
        GivenPage(0, Contact(1), Contact(2), Contact(3));
        GivenPage(2, Contact(3), Contact(4, "2024-03-01T10:02:00-05:00"));
        var pages = await ReadUntilCaughtUpAsync(Source(), SyncCursor.Start);

        await Source().GetChangesAsync(pages[^1].Next, CancellationToken.None);

        // Five minutes (ChangeOverlap) before 15:00: a change to contact 1 or 2 saved during the query is read again.
        Assert.Equal("'Profile last updated' ge 2024-03-01T14:55:00Z", Server.ContactRequests(ContactsPath)[^1].Param("$filter"));
    }

    [Fact]
    public async Task GetChanges_WithTheCursorRestoredInAnotherProcess_ContinuesAfterTheLastDeliveredContact()
    {
        GivenPage(0, Contact(1), Contact(2), Contact(3));
        GivenPage(2, Contact(3), Contact(4));
        var first = await Source().GetChangesAsync(SyncCursor.Start, CancellationToken.None);
        var stored = first.Value!.Next.Value;

        var second = await Source().GetChangesAsync(new SyncCursor(stored), CancellationToken.None);

        Assert.Equal(["1", "2", "3"], first.Value!.Items.Select(member => member.AmsMemberId));
        Assert.Equal(["4"], second.Value!.Items.Select(member => member.AmsMemberId));
        Assert.False(second.Value!.HasMore);
        Assert.Equal("2", Server.ContactRequests(ContactsPath)[^1].Param("$skip"));
    }

    [Fact]
    public async Task GetChanges_WhenAContactLeftTheResultBetweenPages_StartsTheQueryAgainInsteadOfSkippingOne()
    {
        // Contact 2 was deleted after the first page: contact 4 moved up into the place the next page starts at.
        GivenPage(0, Contact(1), Contact(2), Contact(3));
        GivenPage(2, Contact(4), Contact(5));
        var source = Source();
        var first = await source.GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        var second = await source.GetChangesAsync(first.Value!.Next, CancellationToken.None);
        Server.Reset();
        Server.GivenTokens(ApiKey);
        GivenPage(0, Contact(1), Contact(3), Contact(4));
        GivenPage(2, Contact(4), Contact(5));
        var restarted = await ReadUntilCaughtUpAsync(source, second.Value!.Next);

        Assert.True(second.Value!.HasMore);
        Assert.Equal(["0", "2"], Server.ContactRequests(ContactsPath).Select(request => request.Param("$skip")));
        var delivered = new[] { first.Value!, second.Value! }.Concat(restarted).SelectMany(page => page.Items).Select(member => member.AmsMemberId).ToHashSet();
        Assert.Equal(["1", "2", "3", "4", "5"], delivered.Order());
    }

    [Fact]
    public async Task GetChanges_WhenTheQueryRestarts_TheNextQueryStillReachesBackBeforeTheFirstStart()
    {
        GivenPage(0, Contact(1), Contact(2), Contact(3));
        var source = Source();
        var first = await source.GetChangesAsync(SyncCursor.Start, CancellationToken.None);
        Server.Reset();
        Server.GivenTokens(ApiKey);
        GivenPage(2, Contact(9));
        GivenPage(0, Contact(1, "2024-03-01T10:59:00-05:00"));
        Clock.Advance(TimeSpan.FromHours(1));

        var shifted = await source.GetChangesAsync(first.Value!.Next, CancellationToken.None);
        var restarted = await source.GetChangesAsync(shifted.Value!.Next, CancellationToken.None);
        await source.GetChangesAsync(restarted.Value!.Next, CancellationToken.None);

        // Five minutes before the first start (15:00), not before the restart (16:00).
        Assert.False(restarted.Value!.HasMore);
        Assert.Equal("'Profile last updated' ge 2024-03-01T14:55:00Z", Server.ContactRequests(ContactsPath)[^1].Param("$filter"));
    }

    [Fact]
    public async Task GetChanges_WhenTheCursorIsNotOneItWrote_ReturnsPermanent()
    {
        var fetch = await Source().GetChangesAsync(new SyncCursor("page=7"), CancellationToken.None);

        Assert.IsType<Outcome.Permanent>(fetch.Failure);
        Assert.Empty(Server.ContactRequests(ContactsPath));
    }

    [Fact]
    public async Task GetChanges_WithAsyncQueries_PollsTheResultUntilItIsComplete()
    {
        var resultUrl = $"{Server.Url}{ContactsPath}?resultId=r-42";
        Server.Given(Contacts(ContactsPath).WithQuery("$async", "true"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"ResultId":"r-42","ResultUrl":"{{resultUrl}}","Requested":"2024-03-01T10:00:00-05:00","State":"Waiting"}"""));
        Server.Given(Contacts(ContactsPath).WithQuery("resultId", "r-42")).InScenario("async").WillSetStateTo("processing")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"ResultId":"r-42","ResultUrl":"{{resultUrl}}","State":"Processing"}"""));
        Server.Given(Contacts(ContactsPath).WithQuery("resultId", "r-42")).InScenario("async").WhenStateIs("processing")
            .RespondWith(ContactsResponse(Contact(1), Contact(2)));

        var fetch = await Source(new Dictionary<string, string?> { ["UseAsyncQueries"] = "true" }).GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        Assert.Null(fetch.Failure);
        Assert.Equal(["1", "2"], fetch.Value!.Items.Select(member => member.AmsMemberId));
        var requests = Server.ContactRequests(ContactsPath);
        Assert.Equal(3, requests.Count);
        Assert.Equal(("true", "3", "0"), (requests[0].Param("$async"), requests[0].Param("$top"), requests[0].Param("$skip")));
        Assert.All(requests.Skip(1), poll => Assert.Equal("r-42", poll.Param("resultId")));
    }

    [Theory]
    [InlineData("Processing")]
    [InlineData("Failed")]
    public async Task GetChanges_WhenTheAsyncQueryDoesNotComplete_ReturnsRetryable(string state)
    {
        Server.Given(Contacts(ContactsPath))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"ResultId":"r-7","ResultUrl":"{{Server.Url}}{{ContactsPath}}?resultId=r-7","State":"{{state}}"}"""));

        var fetch = await Source(new Dictionary<string, string?> { ["UseAsyncQueries"] = "true" }).GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        Assert.IsType<Outcome.Retryable>(fetch.Failure);
        // The query itself, then at most AsyncMaxPolls (3) polls.
        Assert.Equal(state == "Failed" ? 1 : 4, Server.ContactRequests(ContactsPath).Count);
    }
}
