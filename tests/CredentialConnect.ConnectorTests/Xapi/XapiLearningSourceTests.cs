using System.Text;
using System.Text.Json.Nodes;
using CredentialConnect.Connectors;
using CredentialConnect.Connectors.Xapi;
using CredentialConnect.Sandbox.Xapi;
using Microsoft.Extensions.Time.Testing;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CredentialConnect.ConnectorTests.Xapi;

public sealed class XapiLearningSourceTests : IDisposable
{
    private const string Statements = "/xapi/statements";
    private const string FirstConsistentThrough = "2026-03-01T15:00:00.000Z";
    private const string LaterConsistentThrough = "2026-03-01T15:00:09.000Z";

    private readonly WireMockServer _lrs = WireMockServer.Start();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly XapiConnectorHarness _connector;

    public XapiLearningSourceTests() => _connector = new XapiConnectorHarness(_lrs.Url + "/xapi/", _clock);

    public void Dispose()
    {
        _connector.Dispose();
        _lrs.Stop();
    }

    [Fact]
    public async Task GetEvents_FromTheStart_SendsAscendingLimitVersionAndBasicAuth()
    {
        GivenQuery(StatementResult.Of(null));

        await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None);

        var request = Assert.Single(Requests);
        Assert.Equal(Statements, request.Path);
        Assert.Equal(new Dictionary<string, string> { ["ascending"] = "true", ["limit"] = "50" }, QueryOf(request));
        Assert.Equal("1.0.3", Header(request, "X-Experience-API-Version"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("hub-key:hub-secret")), Header(request, "Authorization"));
    }

    [Fact]
    public async Task GetEvents_FollowsMoreAcrossPages_ThenTheNextQueryStartsAtTheFirstConsistentThrough()
    {
        var first = new StatementBuilder().StoredAt("2026-03-01T14:00:00.000Z");
        var second = new StatementBuilder().StoredAt("2026-03-01T14:10:00.000Z");
        var third = new StatementBuilder().StoredAt("2026-03-01T15:00:05.000Z");
        GivenQuery(StatementResult.Of("/xapi/statements?more=p2", first), FirstConsistentThrough);
        GivenMore("p2", StatementResult.Of("/xapi/statements?more=p3", second), LaterConsistentThrough);
        GivenMore("p3", StatementResult.Of(null, third), LaterConsistentThrough);
        var source = _connector.Source();

        var pages = new List<SourcePage<LearningEvent>>();
        var cursor = SyncCursor.Start;
        for (var read = 0; read < 3; read++)
        {
            var page = (await source.GetEventsAsync(cursor, CancellationToken.None)).Value!;
            pages.Add(page);
            cursor = page.Next;
        }
        await source.GetEventsAsync(cursor, CancellationToken.None);

        Assert.Equal([first.Id, second.Id, third.Id], pages.SelectMany(p => p.Items).Select(e => e.EventId));
        Assert.Equal([true, true, false], pages.Select(p => p.HasMore));
        Assert.Equal(["p2", "p3"], Requests.Skip(1).Take(2).Select(r => QueryOf(r)["more"]));
        Assert.Equal(
            new Dictionary<string, string> { ["since"] = "2026-03-01T15:00:00Z", ["ascending"] = "true", ["limit"] = "50" },
            QueryOf(Requests[3]));
    }

    [Fact]
    public async Task GetEvents_WithACursorRestoredMidMore_ResumesAtThatMoreLink()
    {
        var first = new StatementBuilder();
        var second = new StatementBuilder();
        GivenQuery(StatementResult.Of("/xapi/statements?more=p2", first));
        GivenMore("p2", StatementResult.Of(null, second), LaterConsistentThrough);
        var saved = (await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!.Next.Value;

        using var restarted = new XapiConnectorHarness(_lrs.Url + "/xapi/", _clock);
        var page = (await restarted.Source().GetEventsAsync(new SyncCursor(saved), CancellationToken.None)).Value!;

        Assert.Equal(second.Id, Assert.Single(page.Items).EventId);
        Assert.Equal("p2", QueryOf(Requests[^1])["more"]);
        Assert.False(page.HasMore);
    }

    [Fact]
    public async Task GetEvents_WhenTheMoreLinkHasExpired_RunsTheQueryAgainFromItsSinceUpToItsUntil()
    {
        var first = new StatementBuilder();
        var second = new StatementBuilder().StoredAt("2026-03-01T14:59:00.000Z");
        GivenQuery(StatementResult.Of("/xapi/statements?more=p2", first));
        var cursor = (await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!.Next;
        _lrs.Given(Request.Create().WithPath(Statements).WithParam("more", "p2").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("More link expired or not found"));
        _lrs.Given(Request.Create().WithPath(Statements).WithParam("until").UsingGet())
            .RespondWith(Lrs(StatementResult.Of(null, first, second), LaterConsistentThrough));

        var page = (await _connector.Source().GetEventsAsync(cursor, CancellationToken.None)).Value!;

        Assert.Equal([first.Id, second.Id], page.Items.Select(e => e.EventId));
        Assert.Equal(
            new Dictionary<string, string> { ["until"] = "2026-03-01T15:00:00Z", ["ascending"] = "true", ["limit"] = "50" },
            QueryOf(Requests[^1]));
    }

    [Theory]
    [InlineData("/xapi/statements/more/7f3a9c", "/xapi/statements/more/7f3a9c")]
    [InlineData("statements?more=7f3a9c&format=exact", "/xapi/statements")]
    [InlineData("/lrs-paging/statements?more=7f3a9c", "/lrs-paging/statements")]
    [InlineData("{server}/xapi/statements?more=7f3a9c", "/xapi/statements")]
    public async Task GetEvents_FollowsMoreLinksOfEveryShapeTheSpecAllows(string more, string expectedPath)
    {
        GivenQuery(StatementResult.Of(more.Replace("{server}", _lrs.Url), new StatementBuilder()));
        var cursor = (await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!.Next;
        _lrs.Given(Request.Create().WithPath(expectedPath).UsingGet()).AtPriority(0)
            .RespondWith(Lrs(StatementResult.Of(null, new StatementBuilder()), LaterConsistentThrough));

        var page = (await _connector.Source().GetEventsAsync(cursor, CancellationToken.None)).Value!;

        Assert.Single(page.Items);
        Assert.Equal(expectedPath, Requests[^1].Path);
        Assert.Equal(more.Contains("?more=", StringComparison.Ordinal) ? "7f3a9c" : null, QueryOf(Requests[^1]).GetValueOrDefault("more"));
    }

    [Fact]
    public async Task GetEvents_WhenTheMoreLinkLeadsToAnotherHost_IsPermanentAndSendsNothingThere()
    {
        GivenQuery(StatementResult.Of("https://elsewhere.example.net/xapi/statements?more=p2", new StatementBuilder()));
        var cursor = (await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!.Next;

        var fetch = await _connector.Source().GetEventsAsync(cursor, CancellationToken.None);

        Assert.IsType<Outcome.Permanent>(fetch.Failure);
        Assert.Single(Requests);
    }

    [Theory]
    [InlineData(Cmi5.Completed, LearningVerb.Completed)]
    [InlineData(Cmi5.Passed, LearningVerb.Passed)]
    [InlineData(Cmi5.Failed, LearningVerb.Failed)]
    [InlineData(Cmi5.Satisfied, LearningVerb.Satisfied)]
    public async Task GetEvents_MapsEachCmi5VerbByItsIri(string verb, LearningVerb expected)
    {
        GivenQuery(StatementResult.Of(null, new StatementBuilder().WithVerb(verb)));

        var page = (await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!;

        Assert.Equal(expected, Assert.Single(page.Items).Verb);
    }

    [Fact]
    public async Task GetEvents_MapsAnExamResultWithItsScoreSuccessAndCompletion()
    {
        var passed = new StatementBuilder()
            .WithVerb(Cmi5.Passed)
            .WithActivity("https://lms.example.org/exams/CNP", new JsonObject { ["en-US"] = "CNP exam" })
            .WithScore(scaled: 0.82m, raw: 82, min: 0, max: 100, success: true, completion: true);
        var failed = new StatementBuilder().WithVerb(Cmi5.Failed).WithScore(-0.1m, 41, 0, 100, success: false, completion: null);
        GivenQuery(StatementResult.Of(null, passed, failed));

        var page = (await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!;

        var exam = page.Items[0];
        Assert.Equal(new LearningScore(0.82m, 82, 0, 100), exam.Score);
        Assert.Equal((true, true), (exam.Success, exam.Completion));
        Assert.Equal(("https://lms.example.org/exams/CNP", "CNP exam"), (exam.ActivityId, exam.ActivityName));
        Assert.Equal(new LearningScore(-0.1m, 41, 0, 100), page.Items[1].Score);
        Assert.Equal((false, (bool?)null), (page.Items[1].Success, page.Items[1].Completion));
    }

    [Fact]
    public async Task GetEvents_MapsACompletionWithoutAResult_WithNoScore()
    {
        GivenQuery(StatementResult.Of(null, new StatementBuilder()));

        var completion = Assert.Single((await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!.Items);

        Assert.Equal((null, null, null), (completion.Score, completion.Success, completion.Completion));
        Assert.Equal((StatementBuilder.CourseId, "Ethics in Practice"), (completion.ActivityId, completion.ActivityName));
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T14:30:00Z"), completion.OccurredAt);
        Assert.Equal(DateTimeOffset.Parse("2026-03-01T14:30:01.25Z"), completion.StoredAt);
    }

    [Fact]
    public async Task GetEvents_MapsAVoidingStatementToTheIdItVoids()
    {
        var completion = new StatementBuilder();
        var voiding = new StatementBuilder().Voiding(completion.Id!);
        GivenQuery(StatementResult.Of(null, voiding));

        var voided = Assert.Single((await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!.Items);

        Assert.Equal(LearningVerb.Voided, voided.Verb);
        Assert.Equal(completion.Id, voided.VoidedEventId);
        Assert.Equal(voiding.Id, voided.EventId);
    }

    [Fact]
    public async Task GetEvents_SkipsVerbsTheHubDoesNotUse_ButTheNextQueryStartsPastThem()
    {
        var unused = new[] { Cmi5.Launched, Cmi5.Initialized, Cmi5.Terminated, Cmi5.Abandoned, Cmi5.Waived, Cmi5.Experienced };
        GivenQuery(StatementResult.Of(null, unused.Select(v => new StatementBuilder().WithVerb(v)).ToArray()), FirstConsistentThrough);
        var source = _connector.Source();

        var page = (await source.GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!;
        await source.GetEventsAsync(page.Next, CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.False(page.HasMore);
        Assert.Equal("2026-03-01T15:00:00Z", QueryOf(Requests[^1])["since"]);
    }

    [Fact]
    public async Task GetEvents_SkipsStatementsWithoutAnIdOrObjectId_AndKeepsTheRestOfThePage()
    {
        var good = new StatementBuilder();
        GivenQuery(StatementResult.Of(
            null,
            new StatementBuilder().WithId(null),
            new StatementBuilder().WithActivity(null),
            new StatementBuilder().WithTimestamp("yesterday afternoon").StoredAt("not a time"),
            good));

        var page = (await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!;

        Assert.Equal(good.Id, Assert.Single(page.Items).EventId);
    }

    [Fact]
    public async Task GetEvents_ReadsTheLearnerFromTheirAccount()
    {
        GivenQuery(StatementResult.Of(null, new StatementBuilder().WithActor(StatementBuilder.Account("https://ams.example.org", "WA-100074", "Ravi Menon"))));

        var learner = Assert.Single((await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!.Items).Learner;

        Assert.Equal(new Learner("https://ams.example.org", "WA-100074", null, "Ravi Menon"), learner);
    }

    [Fact]
    public async Task GetEvents_ReadsTheLearnerFromTheirMbox_WithoutMailto()
    {
        GivenQuery(StatementResult.Of(null, new StatementBuilder().WithActor(StatementBuilder.Mbox("ravi.menon@example.org"))));

        var learner = Assert.Single((await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!.Items).Learner;

        Assert.Equal(new Learner(null, null, "ravi.menon@example.org", null), learner);
    }

    [Fact]
    public async Task GetEvents_WhenTimestampIsMissing_UsesStoredForWhenItHappened()
    {
        GivenQuery(StatementResult.Of(null, new StatementBuilder().WithTimestamp(null).StoredAt("2026-03-01T16:45:00.000Z")));

        var completion = Assert.Single((await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!.Items);

        Assert.Equal(DateTimeOffset.Parse("2026-03-01T16:45:00Z"), completion.OccurredAt);
    }

    [Fact]
    public async Task GetEvents_PrefersTheEnglishActivityName()
    {
        var names = new JsonObject { ["fr-CA"] = "L'éthique en pratique", ["en-GB"] = "Ethics in Practise", ["en-US"] = "Ethics in Practice" };
        GivenQuery(StatementResult.Of(null, new StatementBuilder().WithActivity(StatementBuilder.CourseId, names)));

        var completion = Assert.Single((await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None)).Value!.Items);

        Assert.Equal("Ethics in Practice", completion.ActivityName);
    }

    [Fact]
    public async Task GetEvents_When500ThenSuccess_ReturnsThePage()
    {
        var completion = new StatementBuilder();
        _lrs.Given(Request.Create().WithPath(Statements).UsingGet()).InScenario("outage").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("Internal Server Error"));
        _lrs.Given(Request.Create().WithPath(Statements).UsingGet()).InScenario("outage").WhenStateIs("recovered")
            .RespondWith(Lrs(StatementResult.Of(null, completion), FirstConsistentThrough));

        var fetch = await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None);

        Assert.Equal(completion.Id, Assert.Single(fetch.Value!.Items).EventId);
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public async Task GetEvents_WhenTheLrsKeepsFailingWith500_IsRetryableAfterTheRetries()
    {
        _lrs.Given(Request.Create().WithPath(Statements).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("Internal Server Error"));

        var fetch = await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None);

        Assert.IsType<Outcome.Retryable>(fetch.Failure);
        Assert.Equal(2, Requests.Count);
    }

    [Fact]
    public async Task GetEvents_WhenTheLrsAnswersTooSlowly_IsRetryable()
    {
        using var impatient = new XapiConnectorHarness(_lrs.Url + "/xapi/", _clock, new Dictionary<string, string?> { ["MaxRetries"] = "0" });
        _lrs.Given(Request.Create().WithPath(Statements).UsingGet())
            .RespondWith(Lrs(StatementResult.Of(null), FirstConsistentThrough).WithDelay(TimeSpan.FromSeconds(3)));

        var fetch = await impatient.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None);

        Assert.IsType<Outcome.Retryable>(fetch.Failure);
    }

    [Fact]
    public async Task GetEvents_WhenTheBodyIsMalformedJson_IsRetryable()
    {
        _lrs.Given(Request.Create().WithPath(Statements).UsingGet())
            .RespondWith(Lrs("""{"statements": [{"id": "5d0b""", FirstConsistentThrough));

        var fetch = await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None);

        Assert.IsType<Outcome.Retryable>(fetch.Failure);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task GetEvents_WhenRateLimitedWithRetryAfter_IsRetryableWithThatDelay(int status)
    {
        // A wait longer than one call may take is not waited out inside the call: the caller gets it at once.
        _lrs.Given(Request.Create().WithPath(Statements).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Retry-After", "120").WithBody("Slow down"));

        var fetch = await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None);

        var retry = Assert.IsType<Outcome.Retryable>(fetch.Failure);
        Assert.Equal(TimeSpan.FromSeconds(120), retry.RetryAfter);
        Assert.Single(Requests);
    }

    [Fact]
    public async Task GetEvents_WhenTheKeyIsRejected_IsPermanentWithoutRetrying()
    {
        _lrs.Given(Request.Create().WithPath(Statements).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("WWW-Authenticate", "Basic realm=\"LRS\"").WithBody("Unauthorized"));

        var fetch = await _connector.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None);

        Assert.Contains("401", Assert.IsType<Outcome.Permanent>(fetch.Failure).Reason);
        Assert.Single(Requests);
    }

    [Fact]
    public async Task GetEvents_WithACursorItDidNotWrite_IsPermanent()
    {
        var fetch = await _connector.Source().GetEventsAsync(new SyncCursor("page=4"), CancellationToken.None);

        Assert.IsType<Outcome.Permanent>(fetch.Failure);
        Assert.Empty(Requests);
    }

    [Fact]
    public async Task TestConnection_WhenAboutAndStatementsAnswer_IsDoneWithTheLrsVersion()
    {
        _lrs.Given(Request.Create().WithPath("/xapi/about").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"version":["1.0.3","1.0.2"]}"""));
        GivenQuery(StatementResult.Of(null));

        var outcome = await _connector.Source().TestConnectionAsync(CancellationToken.None);

        Assert.Equal("1.0.3", Assert.IsType<Outcome.Done>(outcome).Reference);
        Assert.Equal("2026-03-02T09:00:00Z", QueryOf(Requests[^1])["since"]);
    }

    [Fact]
    public async Task TestConnection_WhenTheSecretIsWrong_IsPermanent()
    {
        _lrs.Given(Request.Create().WithPath("/xapi/about").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"version":["1.0.3"]}"""));
        _lrs.Given(Request.Create().WithPath(Statements).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("Unauthorized"));

        var outcome = await _connector.Source().TestConnectionAsync(CancellationToken.None);

        Assert.IsType<Outcome.Permanent>(outcome);
    }

    [Fact]
    public void Options_WhenEnabledWithoutKeyOrSecret_FailValidation()
    {
        using var incomplete = new XapiConnectorHarness(_lrs.Url + "/xapi/", _clock, new Dictionary<string, string?> { ["Key"] = "", ["Secret"] = null });

        var failure = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => incomplete.Options);

        Assert.Contains(failure.Failures, f => f.Contains("Key", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains("Secret", StringComparison.Ordinal));
    }

    private void GivenQuery(string body, string consistentThrough = FirstConsistentThrough) =>
        _lrs.Given(Request.Create().WithPath(Statements).WithParam("limit").UsingGet()).RespondWith(Lrs(body, consistentThrough));

    private void GivenMore(string token, string body, string consistentThrough) =>
        _lrs.Given(Request.Create().WithPath(Statements).WithParam("more", token).UsingGet()).RespondWith(Lrs(body, consistentThrough));

    private static IResponseBuilder Lrs(string body, string consistentThrough) => Response.Create()
        .WithStatusCode(200)
        .WithHeader("Content-Type", "application/json")
        .WithHeader("X-Experience-API-Version", "1.0.3")
        .WithHeader(XapiLearningSource.ConsistentThroughHeader, consistentThrough)
        .WithBody(body);

    private List<IRequestMessage> Requests => _lrs.LogEntries.Select(e => e.RequestMessage).ToList();

    private static Dictionary<string, string> QueryOf(IRequestMessage request) =>
        (request.Query ?? new Dictionary<string, WireMock.Types.WireMockList<string>>()).ToDictionary(q => q.Key, q => q.Value.ToString()!);

    private static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value?.ToString();
}
