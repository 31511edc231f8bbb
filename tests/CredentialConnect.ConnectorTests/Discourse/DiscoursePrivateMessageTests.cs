using CredentialConnect.Connectors;
using CredentialConnect.Connectors.Discourse;
using WireMock.ResponseBuilders;

namespace CredentialConnect.ConnectorTests.Discourse;

public sealed class DiscoursePrivateMessageTests(DiscourseForum forum) : DiscourseContractTest(forum), IClassFixture<DiscourseForum>
{
    private static readonly CommunityMessage Congratulations =
        new("Your credential is ready", "Congratulations, **Jane**! Your credential is verified.", "award-2f9c1d7e");

    [Fact]
    public async Task SendMessage_WhenNotSentYet_PostsAPrivateMessageCarryingTheExternalId()
    {
        Forum.NoTopicWithExternalId("award-2f9c1d7e");
        Forum.PostAnswers(DiscourseJson.Ok(DiscourseJson.PostCreated(501, 88)));

        var outcome = await Target.SendMessageAsync("jane.doe", Congratulations, CancellationToken.None);

        var done = Assert.IsType<Outcome.Done>(outcome);
        Assert.Equal("88", done.Reference);
        var post = Forum.BodyOf("POST", "/posts.json");
        Assert.Equal("private_message", post.GetProperty("archetype").GetString());
        Assert.Equal("jane.doe", post.GetProperty("target_recipients").GetString());
        Assert.Equal("award-2f9c1d7e", post.GetProperty("external_id").GetString());
        Assert.Equal(Congratulations.Title, post.GetProperty("title").GetString());
        Assert.Equal(Congratulations.Body, post.GetProperty("raw").GetString());
    }

    [Fact]
    public async Task SendMessage_WhenTheExternalIdRedirectsToATopic_ReturnsAlreadyDoneWithoutPosting()
    {
        Forum.Stub("GET", "/t/external_id/award-2f9c1d7e.json",
            Response.Create().WithStatusCode(301).WithHeader("Location", "/t/your-credential-is-ready/88.json"));

        var outcome = await Target.SendMessageAsync("jane.doe", Congratulations, CancellationToken.None);

        var already = Assert.IsType<Outcome.AlreadyDone>(outcome);
        Assert.Equal("88", already.Reference);
        Assert.Empty(Forum.Received("POST", "/posts.json"));
        Assert.Empty(Forum.Received("GET", "/t/your-credential-is-ready/88.json"));
    }

    [Fact]
    public async Task SendMessage_WhenTheExternalIdAnswersWithTheTopic_ReturnsAlreadyDoneWithoutPosting()
    {
        Forum.Stub("GET", "/t/external_id/award-2f9c1d7e.json",
            DiscourseJson.Ok(new { id = 88, title = "Your credential is ready", archetype = "private_message", posts_count = 1 }));

        var outcome = await Target.SendMessageAsync("jane.doe", Congratulations, CancellationToken.None);

        var already = Assert.IsType<Outcome.AlreadyDone>(outcome);
        Assert.Equal("88", already.Reference);
        Assert.Empty(Forum.Received("POST", "/posts.json"));
    }

    [Fact]
    public async Task SendMessage_WhenTheRecipientIsUnknown_ReturnsPermanentWithDiscoursesMessage()
    {
        Forum.NoTopicWithExternalId("award-2f9c1d7e");
        Forum.PostAnswers(DiscourseJson.Invalid("The user ghost was not found."));

        var outcome = await Target.SendMessageAsync("ghost", Congratulations, CancellationToken.None);

        var permanent = Assert.IsType<Outcome.Permanent>(outcome);
        Assert.Contains("ghost was not found", permanent.Reason);
    }

    [Fact]
    public async Task SendMessage_WhenAnEarlierPostTookTheExternalIdMeanwhile_ReturnsAlreadyDone()
    {
        Forum.NoTopicWithExternalId("award-2f9c1d7e");
        Forum.PostAnswers(DiscourseJson.Invalid("External ID has already been taken"));

        var outcome = await Target.SendMessageAsync("jane.doe", Congratulations, CancellationToken.None);

        Assert.IsType<Outcome.AlreadyDone>(outcome);
    }

    [Fact]
    public async Task SendMessage_WhenTheKeyIsNotAnExternalIdDiscourseAccepts_UsesTheSameShortDigestEveryTime()
    {
        var key = "award:Member/1001:Certified Practitioner:2026-11-02T09:00:00Z";
        var externalId = DiscourseCommunityTarget.ExternalIdFor(key);
        Forum.NoTopicWithExternalId(externalId);
        Forum.PostAnswers(DiscourseJson.Ok(DiscourseJson.PostCreated(501, 88)));

        await Target.SendMessageAsync("jane.doe", Congratulations with { IdempotencyKey = key }, CancellationToken.None);

        Assert.Equal(externalId, DiscourseCommunityTarget.ExternalIdFor(key));
        Assert.Matches("^[a-z0-9_-]{1,50}$", externalId);
        Assert.Equal(externalId, Forum.BodyOf("POST", "/posts.json").GetProperty("external_id").GetString());
    }
}
