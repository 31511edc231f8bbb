using CredentialConnect.Connectors;
using CredentialConnect.Sandbox;
using CredentialConnect.Sandbox.Xapi;
using Microsoft.Extensions.Time.Testing;
using WireMock.Server;

namespace CredentialConnect.ConnectorTests.Xapi;

/// <summary>The real adapter against the sandbox LRS, as a newcomer running the hub with the sandbox meets them.</summary>
public sealed class XapiSandboxTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly SandboxAssociation _association;
    private readonly XapiSandbox _sandbox = new();
    private readonly XapiConnectorHarness _connector;

    public XapiSandboxTests()
    {
        _association = new SandboxAssociation(_clock);
        _association.Populate(Enumerable.Range(1, 40).Select(Person));
        var settings = _sandbox.Start(_server, _association);
        _connector = new XapiConnectorHarness(settings["BaseUrl"]!, _clock, settings.Where(s => s.Key != "BaseUrl").ToDictionary());
    }

    public void Dispose()
    {
        _connector.Dispose();
        _server.Stop();
    }

    [Fact]
    public async Task Adapter_ReadsTheSandboxHistoryAcrossPages_ThenOnlyWhatEachTickAdds()
    {
        var source = _connector.Source();

        var (history, pages, cursor) = await ReadToTheEndAsync(source, SyncCursor.Start);
        _clock.Advance(TimeSpan.FromMinutes(5));
        var before = history.Select(e => e.EventId).ToHashSet();
        for (var tick = 0; tick < 20; tick++)
        {
            _sandbox.Tick();
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
        var (news, _, _) = await ReadToTheEndAsync(source, cursor);

        Assert.True(pages > 1, "the history should need more than one page");
        Assert.Equal(history.Count, before.Count);
        Assert.Contains(history, e => e.Verb == LearningVerb.Completed && e.Learner.AccountHomePage == SandboxAssociation.LmsHomePage);
        Assert.Contains(history, e => e.Verb is LearningVerb.Passed or LearningVerb.Failed && e.Score?.Max == 100 && e.Success is not null);
        Assert.Contains(history, e => e.Learner.AccountName is null && _association.People.Values.Any(p => p.Email == e.Learner.Email));
        Assert.All(history.Where(e => e.Verb != LearningVerb.Voided), e =>
            Assert.Contains(e.ActivityId, _association.Activities.Select(a => a.ActivityId)));

        Assert.NotEmpty(news);
        Assert.DoesNotContain(news, e => before.Contains(e.EventId));
        Assert.All(news, e => Assert.True(e.StoredAt > history.Max(h => h.StoredAt)));
        var completions = history.Concat(news).Where(e => e.Verb == LearningVerb.Completed).Select(e => e.EventId).ToHashSet();
        var voidings = news.Where(e => e.Verb == LearningVerb.Voided).ToList();
        Assert.NotEmpty(voidings);
        Assert.All(voidings, v => Assert.Contains(v.VoidedEventId!, completions));
    }

    [Fact]
    public void Start_WithAnAssociationWithoutActivities_OffersTheDefaultCatalogue()
    {
        Assert.Equal(XapiSandbox.DefaultActivities, _association.Activities);
        Assert.Contains(_association.Activities, a => a.ActivityId == SandboxAssociation.LmsHomePage + "/exams/CNP" && a.IsExam);
    }

    [Fact]
    public async Task Adapter_TestConnection_WithTheSandboxCredentials_IsDone()
    {
        var outcome = await _connector.Source().TestConnectionAsync(CancellationToken.None);

        Assert.Equal("1.0.3", Assert.IsType<Outcome.Done>(outcome).Reference);
    }

    [Fact]
    public async Task Adapter_WithAWrongSecret_IsRefusedPermanently()
    {
        using var intruder = new XapiConnectorHarness(_connector.Options.BaseUrl!.ToString(), _clock, new Dictionary<string, string?> { ["Secret"] = "guess" });

        var fetch = await intruder.Source().GetEventsAsync(SyncCursor.Start, CancellationToken.None);

        Assert.IsType<Outcome.Permanent>(fetch.Failure);
    }

    private static async Task<(List<LearningEvent> Events, int Pages, SyncCursor Next)> ReadToTheEndAsync(ILearningSource source, SyncCursor cursor)
    {
        var events = new List<LearningEvent>();
        var pages = 0;
        while (true)
        {
            var fetch = await source.GetEventsAsync(cursor, CancellationToken.None);
            var page = fetch.Value ?? throw new Xunit.Sdk.XunitException($"Reading page {pages + 1} failed: {fetch.Failure}");
            events.AddRange(page.Items);
            pages++;
            cursor = page.Next;
            if (!page.HasMore) return (events, pages, cursor);
        }
    }

    private SandboxPerson Person(int i) => new(
        $"WA-{100000 + i * 37}", $"member{i}@example.org", "Member", $"Number {i}", "Professional", "Active",
        new DateOnly(2019, 1, 1), new DateOnly(2026, 12, 31), _clock.GetUtcNow());
}
