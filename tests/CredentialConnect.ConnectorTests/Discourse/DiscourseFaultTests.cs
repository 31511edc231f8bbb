using CredentialConnect.Connectors;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CredentialConnect.ConnectorTests.Discourse;

public sealed class DiscourseFaultTests(DiscourseForum forum) : DiscourseContractTest(forum), IClassFixture<DiscourseForum>
{
    private static readonly CommunityBadge Certified = new("Certified Practitioner", "Holds the CP credential", Reason: null);
    private static readonly CommunityMessage Congratulations = new("Your credential is ready", "Congratulations!", "award-2f9c1d7e");

    [Fact]
    public async Task EveryCall_CarriesTheApiKeyAndUsernameAndAsksForJson()
    {
        Forum.Badges();
        Forum.BadgeCreated(110, "Certified Practitioner");
        Forum.UserBadges("jane.doe");
        Forum.GrantAnswers(DiscourseJson.Ok(DiscourseJson.Granted(9, 110)));
        Forum.NoTopicWithExternalId("award-2f9c1d7e");
        Forum.PostAnswers(DiscourseJson.Ok(DiscourseJson.PostCreated(501, 88)));

        await Target.GrantBadgeAsync("jane.doe", Certified, CancellationToken.None);
        await Target.SendMessageAsync("jane.doe", Congratulations, CancellationToken.None);

        var received = Forum.Received();
        Assert.Equal(6, received.Count);
        Assert.All(received, request =>
        {
            Assert.Equal(DiscourseConnection.ApiKey, Assert.Single(request.Headers!["Api-Key"]));
            Assert.Equal(DiscourseConnection.ApiUsername, Assert.Single(request.Headers!["Api-Username"]));
            Assert.Contains("application/json", request.Headers!["Accept"].Single());
        });
    }

    [Fact]
    public async Task GrantBadge_When429WithRetryAfter_ReturnsRetryableWithThatDelay()
    {
        Forum.BadgeNotYetHeld("jane.doe", 104, "Certified Practitioner");
        Forum.GrantAnswers(DiscourseJson.RateLimited(37));

        var outcome = await Target.GrantBadgeAsync("jane.doe", Certified, CancellationToken.None);

        var retryable = Assert.IsType<Outcome.Retryable>(outcome);
        Assert.Equal(TimeSpan.FromSeconds(37), retryable.RetryAfter);
        Assert.True(retryable.RateLimited);
        Assert.Single(Forum.Received("POST", "/user_badges.json"));
    }

    [Fact]
    public async Task GrantBadge_When429WithRetryAfterAsADate_ReturnsRetryableUntilThatDate()
    {
        Forum.BadgeNotYetHeld("jane.doe", 104, "Certified Practitioner");
        Forum.GrantAnswers(DiscourseJson.RateLimited(37, withHeader: false)
            .WithHeader("Retry-After", Clock.GetUtcNow().AddSeconds(90).ToString("R")));

        var outcome = await Target.GrantBadgeAsync("jane.doe", Certified, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(90), Assert.IsType<Outcome.Retryable>(outcome).RetryAfter);
    }

    [Fact]
    public async Task SendMessage_When429WithOnlyWaitSecondsInTheBody_ReturnsRateLimitedRetryableWithThatWait()
    {
        Forum.NoTopicWithExternalId("award-2f9c1d7e");
        Forum.PostAnswers(DiscourseJson.RateLimited(12, withHeader: false));

        var outcome = await Target.SendMessageAsync("jane.doe", Congratulations, CancellationToken.None);

        var retryable = Assert.IsType<Outcome.Retryable>(outcome);
        Assert.Equal(TimeSpan.FromSeconds(12), retryable.RetryAfter);
        Assert.True(retryable.RateLimited);
    }

    [Fact]
    public async Task Resolve_When429OnEveryTryWithTheWaitOnlyInTheBody_RetriesThenReturnsRetryableWithThatWait()
    {
        Forum.Stub("GET", "/u/by-external/1001.json", DiscourseJson.RateLimited(37, withHeader: false));

        var outcome = await Target.ResolveAsync(new CommunityMember("1001", "jane.doe@example.org"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(37), Assert.IsType<Outcome.Retryable>(outcome).RetryAfter);
        Assert.Equal(3, Forum.Received("GET", "/u/by-external/1001.json", expected: 3).Count);
    }

    [Fact]
    public async Task Resolve_WhenTheForumFailsOnceWith500_RetriesTheReadAndSucceeds()
    {
        Forum.Server.Given(Request.Create().UsingGet().WithPath("/u/by-external/1001.json"))
            .InScenario("outage").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("Internal Server Error"));
        Forum.Server.Given(Request.Create().UsingGet().WithPath("/u/by-external/1001.json"))
            .InScenario("outage").WhenStateIs("recovered")
            .RespondWith(DiscourseJson.Ok(DiscourseJson.UserProfile(42, "jane.doe")));

        var outcome = await Target.ResolveAsync(new CommunityMember("1001", "jane.doe@example.org"), CancellationToken.None);

        Assert.Equal("jane.doe", Assert.IsType<Outcome.Done>(outcome).Reference);
        Assert.Equal(2, Forum.Received("GET", "/u/by-external/1001.json", expected: 2).Count);
    }

    [Fact]
    public async Task SendMessage_WhenThePostAnswers500_ReturnsRetryableThatIsNoRateLimitAndSentThePostOnlyOnce()
    {
        Forum.NoTopicWithExternalId("award-2f9c1d7e");
        Forum.PostAnswers(Response.Create().WithStatusCode(502).WithBody("<html>Bad Gateway</html>"));

        var outcome = await Target.SendMessageAsync("jane.doe", Congratulations, CancellationToken.None);

        Assert.False(Assert.IsType<Outcome.Retryable>(outcome).RateLimited);
        Assert.Single(Forum.Received("POST", "/posts.json"));
    }

    [Fact]
    public async Task GrantBadge_WhenTheGrantAnswers500_ReturnsRetryableAndSentTheGrantOnlyOnce()
    {
        Forum.BadgeNotYetHeld("jane.doe", 104, "Certified Practitioner");
        Forum.GrantAnswers(Response.Create().WithStatusCode(500));

        var outcome = await Target.GrantBadgeAsync("jane.doe", Certified, CancellationToken.None);

        Assert.IsType<Outcome.Retryable>(outcome);
        Assert.Single(Forum.Received("POST", "/user_badges.json"));
    }

    [Fact]
    public async Task Resolve_WhenTheAnswerIsMalformedJson_ReturnsRetryable()
    {
        Forum.Stub("GET", "/u/by-external/1001.json",
            Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"user\":{\"id\":42,\"username\":"));

        var outcome = await Target.ResolveAsync(new CommunityMember("1001", "jane.doe@example.org"), CancellationToken.None);

        Assert.IsType<Outcome.Retryable>(outcome);
    }

    [Fact]
    public async Task TestConnection_WithAnAdminKey_ReturnsDone()
    {
        Forum.Badges(DiscourseJson.Badge(1, "Basic"));

        var outcome = await Target.TestConnectionAsync(CancellationToken.None);

        Assert.IsType<Outcome.Done>(outcome);
    }

    [Fact]
    public async Task TestConnection_WithAKeyTheForumRefuses_ReturnsPermanentWithTheForumsMessage()
    {
        Forum.Stub("GET", "/admin/badges.json", DiscourseJson.Status(403,
            DiscourseJson.Error("invalid_access", "You are not permitted to view the requested resource. The API username or key is invalid.")));

        var outcome = await Target.TestConnectionAsync(CancellationToken.None);

        Assert.Contains("key is invalid", Assert.IsType<Outcome.Permanent>(outcome).Reason);
    }
}
