using CredentialConnect.Connectors;
using WireMock.RequestBuilders;

namespace CredentialConnect.ConnectorTests.Discourse;

// In a class of its own: the forum finishes the slow answer after the test, and its log entry must not land in another test's forum.
public sealed class DiscourseTimeoutTests(DiscourseForum forum) : DiscourseContractTest(forum), IClassFixture<DiscourseForum>
{
    [Fact]
    public async Task SendMessage_WhenThePostTimesOut_ReturnsRetryableAndSentThePostOnlyOnce()
    {
        // Counted as each request arrives: the log only records a request once its (late) answer is written.
        var posts = 0;
        Forum.NoTopicWithExternalId("award-2f9c1d7e");
        Forum.Server
            .Given(Request.Create().UsingPost().WithPath(path => path == "/posts.json" && Interlocked.Increment(ref posts) > 0))
            .RespondWith(DiscourseJson.Ok(DiscourseJson.PostCreated(501, 88)).WithDelay(TimeSpan.FromSeconds(3)));

        var outcome = await Target.SendMessageAsync("jane.doe", new CommunityMessage("Your credential is ready", "Congratulations!", "award-2f9c1d7e"), CancellationToken.None);

        Assert.IsType<Outcome.Retryable>(outcome);
        Assert.Equal(1, Volatile.Read(ref posts));
    }
}
