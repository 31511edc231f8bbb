using CredentialConnect.Connectors;

namespace CredentialConnect.ConnectorTests.Discourse;

public sealed class DiscourseBadgeGrantTests(DiscourseForum forum) : DiscourseContractTest(forum), IClassFixture<DiscourseForum>
{
    private static readonly CommunityBadge Certified = new("Certified Practitioner", "Holds the CP credential", Reason: null);

    [Fact]
    public async Task GrantBadge_WhenTheBadgeExists_GrantsItWithoutCreatingOne()
    {
        Forum.Badges(DiscourseJson.Badge(1, "Basic"), DiscourseJson.Badge(104, "Certified Practitioner"));
        Forum.UserBadges("jane.doe", (Id: 3, BadgeId: 1));
        Forum.GrantAnswers(DiscourseJson.Ok(DiscourseJson.Granted(9, 104)));

        var outcome = await Target.GrantBadgeAsync("jane.doe", Certified, CancellationToken.None);

        var done = Assert.IsType<Outcome.Done>(outcome);
        Assert.Equal("9", done.Reference);
        Assert.Empty(Forum.Received("POST", "/admin/badges.json"));
        var grant = Forum.BodyOf("POST", "/user_badges.json");
        Assert.Equal("jane.doe", grant.GetProperty("username").GetString());
        Assert.Equal(104, grant.GetProperty("badge_id").GetInt64());
    }

    [Fact]
    public async Task GrantBadge_WhenTheBadgeIsMissing_CreatesItAsConfiguredThenGrantsIt()
    {
        Forum.Badges(DiscourseJson.Badge(1, "Basic"));
        Forum.BadgeCreated(110, "Certified Practitioner");
        Forum.UserBadges("jane.doe");
        Forum.GrantAnswers(DiscourseJson.Ok(DiscourseJson.Granted(9, 110)));

        var outcome = await Target.GrantBadgeAsync("jane.doe", Certified, CancellationToken.None);

        Assert.IsType<Outcome.Done>(outcome);
        var created = Forum.BodyOf("POST", "/admin/badges.json");
        Assert.Equal("Certified Practitioner", created.GetProperty("name").GetString());
        Assert.Equal("Holds the CP credential", created.GetProperty("description").GetString());
        Assert.Equal(3, created.GetProperty("badge_type_id").GetInt32());
        Assert.True(created.GetProperty("enabled").GetBoolean());
        Assert.Equal(110, Forum.BodyOf("POST", "/user_badges.json").GetProperty("badge_id").GetInt64());
    }

    [Fact]
    public async Task GrantBadge_WhenTheUserAlreadyHoldsIt_ReturnsAlreadyDoneWithoutPosting()
    {
        Forum.Badges(DiscourseJson.Badge(104, "Certified Practitioner"));
        Forum.UserBadges("jane.doe", (Id: 3, BadgeId: 1), (Id: 8, BadgeId: 104));

        var outcome = await Target.GrantBadgeAsync("jane.doe", Certified, CancellationToken.None);

        var already = Assert.IsType<Outcome.AlreadyDone>(outcome);
        Assert.Equal("8", already.Reference);
        Assert.Empty(Forum.Received("POST", "/user_badges.json"));
    }

    [Fact]
    public async Task GrantBadge_WhenDiscourseRefusesWith422AlreadyGranted_ReturnsAlreadyDone()
    {
        Forum.BadgeNotYetHeld("jane.doe", 104, "Certified Practitioner");
        Forum.GrantAnswers(DiscourseJson.Status(422, DiscourseJson.Error("record_invalid", "Badge has already been taken")));

        var outcome = await Target.GrantBadgeAsync("jane.doe", Certified, CancellationToken.None);

        Assert.IsType<Outcome.AlreadyDone>(outcome);
    }

    [Fact]
    public async Task GrantBadge_WhenDiscourseRefusesWith422UnknownUser_ReturnsPermanentWithItsMessage()
    {
        Forum.BadgeNotYetHeld("jane.doe", 104, "Certified Practitioner");
        Forum.GrantAnswers(DiscourseJson.Invalid("User jane.doe not found"));

        var outcome = await Target.GrantBadgeAsync("jane.doe", Certified, CancellationToken.None);

        var permanent = Assert.IsType<Outcome.Permanent>(outcome);
        Assert.Contains("User jane.doe not found", permanent.Reason);
    }

    [Fact]
    public async Task GrantBadge_WhenTheUserDoesNotExist_ReturnsPermanentWithoutPosting()
    {
        Forum.Badges(DiscourseJson.Badge(104, "Certified Practitioner"));
        Forum.Stub("GET", "/user-badges/ghost.json", DiscourseJson.NotFound());

        var outcome = await Target.GrantBadgeAsync("ghost", Certified, CancellationToken.None);

        var permanent = Assert.IsType<Outcome.Permanent>(outcome);
        Assert.Contains("could not be found", permanent.Reason);
        Assert.Empty(Forum.Received("POST", "/user_badges.json"));
    }

    [Fact]
    public async Task GrantBadge_WhenTheBadgeIsDisabled_ReturnsPermanentWithoutPosting()
    {
        Forum.Badges(DiscourseJson.Badge(104, "Certified Practitioner", enabled: false));

        var outcome = await Target.GrantBadgeAsync("jane.doe", Certified, CancellationToken.None);

        var permanent = Assert.IsType<Outcome.Permanent>(outcome);
        Assert.Contains("disabled", permanent.Reason);
        Assert.Empty(Forum.Received("POST", "/user_badges.json"));
    }

    [Fact]
    public async Task GrantBadge_WhenAnotherGrantCreatedTheBadgeFirst_GrantsTheOneThatNowExists()
    {
        Forum.Server.Given(WireMock.RequestBuilders.Request.Create().UsingGet().WithPath("/admin/badges.json"))
            .InScenario("created elsewhere").WillSetStateTo("exists")
            .RespondWith(DiscourseJson.Ok(DiscourseJson.BadgeList([])));
        Forum.Server.Given(WireMock.RequestBuilders.Request.Create().UsingGet().WithPath("/admin/badges.json"))
            .InScenario("created elsewhere").WhenStateIs("exists")
            .RespondWith(DiscourseJson.Ok(DiscourseJson.BadgeList([DiscourseJson.Badge(111, "Certified Practitioner")])));
        Forum.Stub("POST", "/admin/badges.json", DiscourseJson.Status(422, DiscourseJson.Error("record_invalid", "Name has already been taken")));
        Forum.UserBadges("jane.doe");
        Forum.GrantAnswers(DiscourseJson.Ok(DiscourseJson.Granted(9, 111)));

        var outcome = await Target.GrantBadgeAsync("jane.doe", Certified, CancellationToken.None);

        Assert.IsType<Outcome.Done>(outcome);
        Assert.Equal(111, Forum.BodyOf("POST", "/user_badges.json").GetProperty("badge_id").GetInt64());
    }

    [Fact]
    public async Task GrantBadge_WhenTheReasonLinksIntoTheForum_SendsIt()
    {
        Forum.BadgeNotYetHeld("jane.doe", 104, "Certified Practitioner");
        Forum.GrantAnswers(DiscourseJson.Ok(DiscourseJson.Granted(9, 104)));
        var link = $"{Forum.Url}/t/new-certified-practitioners/12";

        await Target.GrantBadgeAsync("jane.doe", Certified with { Reason = link }, CancellationToken.None);

        Assert.Equal(link, Forum.BodyOf("POST", "/user_badges.json").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task GrantBadge_WhenTheReasonLinksElsewhere_LeavesItOutBecauseDiscourseWouldRefuseTheGrant()
    {
        Forum.BadgeNotYetHeld("jane.doe", 104, "Certified Practitioner");
        Forum.GrantAnswers(DiscourseJson.Ok(DiscourseJson.Granted(9, 104)));

        var outcome = await Target.GrantBadgeAsync("jane.doe", Certified with { Reason = "https://credentials.example.org/verify/7f3c" }, CancellationToken.None);

        Assert.IsType<Outcome.Done>(outcome);
        Assert.False(Forum.BodyOf("POST", "/user_badges.json").TryGetProperty("reason", out _));
    }
}
