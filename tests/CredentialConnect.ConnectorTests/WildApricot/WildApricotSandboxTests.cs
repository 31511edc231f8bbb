using CredentialConnect.Connectors;
using CredentialConnect.Connectors.WildApricot;
using CredentialConnect.Sandbox;
using CredentialConnect.Sandbox.WildApricot;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.ConnectorTests.WildApricot;

/// <summary>The real adapter against the simulated Wild Apricot, so the sandbox a newcomer runs tells the truth about the connector.</summary>
public sealed class WildApricotSandboxTests : WildApricotConnection
{
    private readonly SandboxAssociation _association;
    private readonly WildApricotSandbox _sandbox = new();
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public WildApricotSandboxTests()
    {
        _association = new SandboxAssociation(Clock);
        _association.Populate(Enumerable.Range(1, 7).Select(Person));
        _settings = _sandbox.Start(Server, _association);
    }

    // Person n last changed n days ago, so the oldest changes have the highest numbers.
    private SandboxPerson Person(int n) => new(
        (100 + n).ToString(),
        $"person{n}@example.org",
        $"First{n}",
        $"Last{n}",
        n % 2 == 0 ? "Associate" : "Professional",
        n == 3 ? "Lapsed" : "Active",
        new DateOnly(2015 + n, 4, 1),
        new DateOnly(2025, 4, 1),
        Clock.GetUtcNow().AddDays(-n).AddMilliseconds(-n * 37));

    private IServiceProvider Connector(bool asyncQueries = false) => Services(new Dictionary<string, string?>(_settings)
    {
        ["PageSize"] = "3",
        ["UseAsyncQueries"] = asyncQueries ? "true" : "false",
    });

    private static async Task<(List<MemberRecord> Members, SyncCursor Next)> SyncAsync(IMemberSource source, SyncCursor cursor)
    {
        var members = new List<MemberRecord>();
        for (var page = 0; page < 20; page++)
        {
            var fetch = await source.GetChangesAsync(cursor, CancellationToken.None);
            Assert.Null(fetch.Failure);
            members.AddRange(fetch.Value!.Items);
            cursor = fetch.Value!.Next;
            if (!fetch.Value!.HasMore) break;
        }
        return (members, cursor);
    }

    private static void AssertDescribes(SandboxPerson person, MemberRecord member)
    {
        Assert.Equal(
            (person.AmsMemberId, person.Email, person.FirstName, person.LastName, person.Status, person.Level, person.MemberSince, person.RenewalDue),
            (member.AmsMemberId, member.Email, member.FirstName, member.LastName, member.Status.ToString(), member.Level, member.MemberSince, member.RenewalDue));
        Assert.Equal(person.UpdatedAt, member.UpdatedAt, TimeSpan.FromMilliseconds(1));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Adapter_AgainstTheSandbox_ReadsEveryMemberThenOnlyWhatChanged(bool asyncQueries)
    {
        var source = Connector(asyncQueries).GetRequiredService<WildApricotMemberSource>();

        var connection = await source.TestConnectionAsync(CancellationToken.None);
        var (everyone, cursor) = await SyncAsync(source, SyncCursor.Start);
        var before = _association.People.ToDictionary();
        Clock.Advance(TimeSpan.FromMinutes(10));
        var changed = _sandbox.Tick();
        var (since, _) = await SyncAsync(source, cursor);

        Assert.IsType<Outcome.Done>(connection);
        Assert.Equal(Enumerable.Range(101, 7).Select(id => id.ToString()), everyone.Select(member => member.AmsMemberId).Order());
        Assert.All(everyone, member => AssertDescribes(before[member.AmsMemberId], member));
        Assert.NotEmpty(changed);
        Assert.All(changed, person => AssertDescribes(person, since.Last(member => member.AmsMemberId == person.AmsMemberId)));
        // The newest change of the first sync (person 1, a day ago) is re-read as the boundary; older ones are not.
        Assert.DoesNotContain(since, member => new[] { "105", "106", "107" }.Contains(member.AmsMemberId) && !changed.Any(person => person.AmsMemberId == member.AmsMemberId));
    }

    [Fact]
    public void Tick_ChangesMembersNowAndNowAndThenAddsANewcomerWithTheNextNumericId()
    {
        Clock.Advance(TimeSpan.FromMinutes(1));

        var changed = Enumerable.Range(0, 12).SelectMany(_ => _sandbox.Tick()).ToList();

        Assert.All(changed, person => Assert.Equal(Clock.GetUtcNow(), person.UpdatedAt));
        var newcomers = _association.People.Keys.Select(int.Parse).Where(id => id > 107).Order().ToList();
        Assert.NotEmpty(newcomers);
        Assert.Equal(Enumerable.Range(108, newcomers.Count), newcomers);
    }

    [Fact]
    public async Task Adapter_AgainstTheSandbox_WhenAMemberIsDeletedBetweenPages_StillDeliversEveryOtherMember()
    {
        var source = Connector().GetRequiredService<WildApricotMemberSource>();
        var first = await source.GetChangesAsync(SyncCursor.Start, CancellationToken.None);

        _association.People.TryRemove("102", out _);
        var (rest, _) = await SyncAsync(source, first.Value!.Next);

        var delivered = first.Value!.Items.Concat(rest).Select(member => member.AmsMemberId).ToHashSet();
        Assert.Superset(new HashSet<string> { "101", "103", "104", "105", "106", "107" }, delivered);
    }

    [Fact]
    public async Task Webhook_FromTheSandbox_IsVerifiedAndItsMemberReReadFromTheSandbox()
    {
        var services = Connector();
        var verifier = services.GetRequiredService<WildApricotWebhookVerifier>();
        var body = WildApricotSandbox.ContactModifiedNotification("104");
        var delivery = new WebhookRequest(
            new Dictionary<string, string>(),
            new Dictionary<string, string> { ["token"] = _settings["WebhookToken"]! },
            body,
            Clock.GetUtcNow());

        var verdict = verifier.Verify(delivery);
        var notice = verifier.Interpret(body);
        var reread = await services.GetRequiredService<WildApricotMemberSource>().GetManyAsync(["104", "999"], CancellationToken.None);

        Assert.IsType<WebhookVerification.Verified>(verdict);
        Assert.Equal(new WebhookNotice.MemberChanged("104"), notice);
        AssertDescribes(_association.People["104"], Assert.Single(reread.Value!));
    }

    [Fact]
    public async Task Adapter_AgainstTheSandbox_WithAnotherApiKey_IsRefusedPermanently()
    {
        var source = Services(new Dictionary<string, string?>(_settings) { ["ApiKey"] = "somebody-elses-key" }).GetRequiredService<WildApricotMemberSource>();

        var outcome = await source.TestConnectionAsync(CancellationToken.None);

        Assert.IsType<Outcome.Permanent>(outcome);
    }
}
