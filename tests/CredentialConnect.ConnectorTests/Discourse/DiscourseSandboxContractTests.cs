using CredentialConnect.Connectors;
using CredentialConnect.Connectors.Discourse;
using CredentialConnect.Sandbox;
using CredentialConnect.Sandbox.Discourse;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WireMock.Server;

namespace CredentialConnect.ConnectorTests.Discourse;

/// <summary>The real adapter against the sandbox forum, so the demo shows what the connector really does.</summary>
public sealed class DiscourseSandboxContractTests : IDisposable
{
    private static readonly CommunityBadge Certified = new("Certified Practitioner", "Holds the CP credential", Reason: null);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly SandboxAssociation _association;
    private readonly List<ServiceProvider> _services = [];

    public DiscourseSandboxContractTests()
    {
        _association = new SandboxAssociation(_clock);
        _association.Populate(Enumerable.Range(1001, 40).Select(id => Person(id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task Adapter_AgainstTheSandboxForum_ResolvesGrantsAndMessagesOnceEach()
    {
        var sandbox = new DiscourseSandbox { RateLimitEvery = 0 };
        var target = Connect(sandbox.Start(_server, _association));
        var linked = Member(CommunityLink.ExternalId);
        var emailOnly = Member(CommunityLink.EmailOnly);
        var sharedEmail = Member(CommunityLink.SharedEmail);
        var message = new CommunityMessage("Your credential is ready", "Congratulations!", "award-1001-cp");

        var username = (await target.ResolveAsync(linked, CancellationToken.None)).Reference!;
        var byEmail = await target.ResolveAsync(emailOnly, CancellationToken.None);
        var ambiguous = await target.ResolveAsync(sharedEmail, CancellationToken.None);
        var granted = await target.GrantBadgeAsync(username, Certified, CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(1));
        var regranted = await target.GrantBadgeAsync(username, Certified, CancellationToken.None);
        var sent = await target.SendMessageAsync(username, message, CancellationToken.None);
        var resent = await target.SendMessageAsync(username, message, CancellationToken.None);

        Assert.Matches(@"^[a-z0-9._-]+$", username);
        Assert.IsType<Outcome.Done>(byEmail);
        Assert.Contains("ambiguous", Assert.IsType<Outcome.Permanent>(ambiguous).Reason);
        Assert.IsType<Outcome.Done>(granted);
        Assert.Equal(granted.Reference, Assert.IsType<Outcome.AlreadyDone>(regranted).Reference);
        Assert.IsType<Outcome.Done>(sent);
        Assert.Equal(sent.Reference, Assert.IsType<Outcome.AlreadyDone>(resent).Reference);
        Assert.Equal(
            [
                new SandboxCommunityPost(SandboxCommunityPostKind.Badge, username, "Certified Practitioner", _clock.Start),
                new SandboxCommunityPost(SandboxCommunityPostKind.Message, username, "Your credential is ready", _clock.Start.AddMinutes(1)),
            ],
            sandbox.Activity);
    }

    [Fact]
    public async Task Adapter_WhenTheSandboxRateLimitsAWrite_ReturnsRetryableWithItsWaitAndSucceedsOnTheNextTry()
    {
        var sandbox = new DiscourseSandbox { RateLimitEvery = 2, RateLimitWait = TimeSpan.FromSeconds(7) };
        var target = Connect(sandbox.Start(_server, _association));
        var username = (await target.ResolveAsync(Member(CommunityLink.ExternalId), CancellationToken.None)).Reference!;

        // The first write creates the badge; the second, the grant, is refused.
        var limited = await target.GrantBadgeAsync(username, Certified, CancellationToken.None);
        var retried = await target.GrantBadgeAsync(username, Certified, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(7), Assert.IsType<Outcome.Retryable>(limited).RetryAfter);
        Assert.IsType<Outcome.Done>(retried);
        Assert.Single(sandbox.Activity);
    }

    [Fact]
    public async Task Adapter_WithAKeyTheSandboxDoesNotKnow_FailsTheConnectionTest()
    {
        var settings = new Dictionary<string, string?>(new DiscourseSandbox().Start(_server, _association)) { ["ApiKey"] = "stolen-key" };

        var outcome = await Connect(settings).TestConnectionAsync(CancellationToken.None);

        Assert.Contains("key is invalid", Assert.IsType<Outcome.Permanent>(outcome).Reason);
    }

    private DiscourseCommunityTarget Connect(IReadOnlyDictionary<string, string?> settings)
    {
        var services = DiscourseConnection.Services(settings);
        _services.Add(services);
        return DiscourseConnection.Target(services, _clock);
    }

    private CommunityMember Member(CommunityLink link)
    {
        var person = _association.People.Values.OrderBy(p => p.AmsMemberId).First(p => DiscourseSandboxForum.LinkOf(p.AmsMemberId) == link);
        return new CommunityMember(person.AmsMemberId, person.Email);
    }

    private static SandboxPerson Person(string id) => new(
        id, $"member{id}@example.org", "Ada", $"Lovelace{id}", "Professional", "Active",
        new DateOnly(2020, 1, 1), new DateOnly(2027, 1, 1), new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        foreach (var services in _services) services.Dispose();
        _server.Stop();
    }
}
