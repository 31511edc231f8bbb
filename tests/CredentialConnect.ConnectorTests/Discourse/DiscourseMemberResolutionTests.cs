using CredentialConnect.Connectors;

namespace CredentialConnect.ConnectorTests.Discourse;

public sealed class DiscourseMemberResolutionTests(DiscourseForum forum) : DiscourseContractTest(forum), IClassFixture<DiscourseForum>
{
    private static readonly CommunityMember Jane = new("1001", "Jane.Doe@example.org");

    [Fact]
    public async Task Resolve_WhenAUserHasTheExternalId_ReturnsTheirUsernameWithoutSearchingByEmail()
    {
        Forum.UserWithExternalId("1001", 42, "jane.doe");

        var outcome = await Target.ResolveAsync(Jane, CancellationToken.None);

        var done = Assert.IsType<Outcome.Done>(outcome);
        Assert.Equal("jane.doe", done.Reference);
        Assert.Empty(Forum.Received("GET", "/admin/users/list/all.json"));
    }

    [Fact]
    public async Task Resolve_WhenNoExternalIdMatchesAndOneUserHasTheEmail_ReturnsThatUser()
    {
        Forum.NoUserWithExternalId("1001");
        Forum.UsersListedForEmail("Jane.Doe@example.org",
            DiscourseJson.AdminUser(42, "jane.doe", "jane.doe@example.org"),
            DiscourseJson.AdminUser(43, "jane.doe.sr", "jane.doe@example.org.uk"));

        var outcome = await Target.ResolveAsync(Jane, CancellationToken.None);

        var done = Assert.IsType<Outcome.Done>(outcome);
        Assert.Equal("jane.doe", done.Reference);
    }

    [Fact]
    public async Task Resolve_WhenNoUserHasTheExternalIdOrTheEmail_ReturnsPermanent()
    {
        Forum.NoUserWithExternalId("1001");
        Forum.UsersListedForEmail("Jane.Doe@example.org", DiscourseJson.AdminUser(43, "jane.doe.sr", "jane.doe@example.org.uk"));

        var outcome = await Target.ResolveAsync(Jane, CancellationToken.None);

        var permanent = Assert.IsType<Outcome.Permanent>(outcome);
        Assert.Contains("no community user", permanent.Reason);
    }

    [Fact]
    public async Task Resolve_WhenSeveralUsersHaveTheEmail_ReturnsPermanentAmbiguousAndPicksNone()
    {
        Forum.NoUserWithExternalId("1001");
        Forum.UsersListedForEmail("Jane.Doe@example.org",
            DiscourseJson.AdminUser(42, "jane.doe", "jane.doe@example.org"),
            DiscourseJson.AdminUser(77, "jdoe", "JANE.DOE@example.org"));

        var outcome = await Target.ResolveAsync(Jane, CancellationToken.None);

        var permanent = Assert.IsType<Outcome.Permanent>(outcome);
        Assert.Contains("ambiguous", permanent.Reason);
        Assert.Null(outcome.Reference);
    }

    [Fact]
    public async Task Resolve_WhenTheExternalIdLookupFailsOtherThanNotFound_DoesNotFallBackToEmail()
    {
        Forum.Stub("GET", "/u/by-external/1001.json",
            DiscourseJson.Status(403, DiscourseJson.Error("invalid_access", "You are not permitted to view the requested resource. The API username or key is invalid.")));

        var outcome = await Target.ResolveAsync(Jane, CancellationToken.None);

        var permanent = Assert.IsType<Outcome.Permanent>(outcome);
        Assert.Contains("API username or key is invalid", permanent.Reason);
        Assert.Empty(Forum.Received("GET", "/admin/users/list/all.json"));
    }
}
