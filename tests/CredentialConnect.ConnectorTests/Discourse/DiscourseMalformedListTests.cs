using CredentialConnect.ConnectorTests.Http;
using CredentialConnect.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CredentialConnect.ConnectorTests.Discourse;

public sealed class DiscourseMalformedListTests(DiscourseForum forum) : DiscourseContractTest(forum), IClassFixture<DiscourseForum>
{
    private readonly CapturedLogs _logs = new();

    [Fact]
    public async Task GrantBadge_WhenTheBadgeListHoldsABadgeWithNullFields_SkipsItAndGrantsEveryOtherBadge()
    {
        Forum.Badges(
            new { id = 7, name = (string?)null, description = (string?)null, badge_type_id = 3, enabled = true },
            new { id = "not-a-number", name = "Broken", badge_type_id = 3 },
            DiscourseJson.Badge(104, "Certified Practitioner"),
            DiscourseJson.Badge(105, "Fellow"));
        Forum.UserBadges("jane.doe", (Id: 3, BadgeId: 1));
        Forum.GrantAnswers(DiscourseJson.Ok(DiscourseJson.Granted(9, 104)));
        using var services = DiscourseConnection.Services(DiscourseConnection.Settings(Forum.Url), s => s.AddSingleton<ILoggerProvider>(_logs));
        var target = DiscourseConnection.Target(services, Clock);

        var first = await target.GrantBadgeAsync("jane.doe", new CommunityBadge("Certified Practitioner", "CP", null), CancellationToken.None);
        var second = await target.GrantBadgeAsync("jane.doe", new CommunityBadge("Fellow", "Fellow", null), CancellationToken.None);

        Assert.IsType<Outcome.Done>(first);
        Assert.IsType<Outcome.Done>(second);
        var grants = Forum.Received("POST", "/user_badges.json", expected: 2);
        Assert.Equal([104L, 105L], grants.Select(g => System.Text.Json.JsonDocument.Parse(g.Body!).RootElement.GetProperty("badge_id").GetInt64()));
        Assert.Empty(Forum.Received("POST", "/admin/badges.json"));
        Assert.Contains(_logs.Warnings, w => w.Contains("Discourse badge item at position 0 (id 7): no name"));
        Assert.Contains(_logs.Warnings, w => w.Contains("Discourse badge item at position 1 (id not-a-number): a field of the wrong type"));
    }

    [Fact]
    public async Task Resolve_WhenTheUserListHoldsAMalformedUser_FindsTheMemberAmongTheOthers_AndLogsNoEmail()
    {
        Forum.NoUserWithExternalId("M-1001");
        Forum.UsersListedForEmail("jane@example.org",
            new { id = 40, username = (string?)null, email = "jane@example.org" },
            DiscourseJson.AdminUser(41, "jane.doe", "jane@example.org"));
        using var services = DiscourseConnection.Services(DiscourseConnection.Settings(Forum.Url), s => s.AddSingleton<ILoggerProvider>(_logs));
        var target = DiscourseConnection.Target(services, Clock);

        var outcome = await target.ResolveAsync(new CommunityMember("M-1001", "jane@example.org"), CancellationToken.None);

        Assert.Equal("jane.doe", Assert.IsType<Outcome.Done>(outcome).Reference);
        var warning = Assert.Single(_logs.Warnings, w => w.Contains("Skipped Discourse user item"));
        Assert.Contains("id 40", warning);
        Assert.DoesNotContain("jane", warning);
    }
}
