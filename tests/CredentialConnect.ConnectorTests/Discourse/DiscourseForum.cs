using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CredentialConnect.ConnectorTests.Discourse;

/// <summary>One WireMock server standing in for a Discourse forum, shared by a test class and reset before each test.</summary>
public sealed class DiscourseForum : IDisposable
{
    public WireMockServer Server { get; } = WireMockServer.Start();

    public string Url => Server.Url!;

    public void Reset() => Server.Reset();

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with <paramref name="response"/>.</summary>
    public void Stub(string method, string path, IResponseBuilder response) =>
        Server.Given(Request.Create().UsingMethod(method).WithPath(path)).RespondWith(response);

    public void UserWithExternalId(string externalId, long id, string username) =>
        Stub("GET", $"/u/by-external/{externalId}.json", DiscourseJson.Ok(DiscourseJson.UserProfile(id, username)));

    public void NoUserWithExternalId(string externalId) =>
        Stub("GET", $"/u/by-external/{externalId}.json", DiscourseJson.NotFound());

    /// <summary>The admin user list for an email search; Discourse's search also returns near matches.</summary>
    public void UsersListedForEmail(string email, params object[] users) =>
        Server.Given(Request.Create().UsingGet().WithPath("/admin/users/list/all.json").WithParam("email", email).WithParam("show_emails", "true"))
            .RespondWith(DiscourseJson.Ok(users));

    public void Badges(params object[] badges) =>
        Stub("GET", "/admin/badges.json", DiscourseJson.Ok(DiscourseJson.BadgeList(badges)));

    public void BadgeCreated(long id, string name) =>
        Stub("POST", "/admin/badges.json", DiscourseJson.Ok(new { badge_types = DiscourseJson.BadgeTypes, badge = DiscourseJson.Badge(id, name) }));

    public void UserBadges(string username, params (long Id, long BadgeId)[] grants) =>
        Stub("GET", $"/user-badges/{username}.json", DiscourseJson.Ok(DiscourseJson.UserBadgeList(grants)));

    /// <summary>The badge exists, and <paramref name="username"/> does not hold it yet.</summary>
    public void BadgeNotYetHeld(string username, long badgeId, string badgeName)
    {
        Badges(DiscourseJson.Badge(badgeId, badgeName));
        UserBadges(username);
    }

    public void GrantAnswers(IResponseBuilder response) => Stub("POST", "/user_badges.json", response);

    public void NoTopicWithExternalId(string externalId) =>
        Stub("GET", $"/t/external_id/{externalId}.json", DiscourseJson.NotFound());

    public void PostAnswers(IResponseBuilder response) => Stub("POST", "/posts.json", response);

    /// <summary>The requests the forum received, in order.</summary>
    public IReadOnlyList<IRequestMessage> Received(string method, string path) =>
        Server.LogEntries.Select(e => e.RequestMessage).Where(r => r.Method == method && r.Path == path).ToList();

    /// <summary>
    /// The requests received, once at least <paramref name="expected"/> are logged: WireMock logs a request just after it
    /// answers, so the client can see the last answer before its entry exists. Gives up after a few seconds.
    /// </summary>
    public IReadOnlyList<IRequestMessage> Received(string method, string path, int expected)
    {
        SpinWait.SpinUntil(() => Received(method, path).Count >= expected, TimeSpan.FromSeconds(5));
        return Received(method, path);
    }

    public IReadOnlyList<IRequestMessage> Received() => Server.LogEntries.Select(e => e.RequestMessage).ToList();

    /// <summary>The JSON body of the one request to <paramref name="path"/>.</summary>
    public JsonElement BodyOf(string method, string path) =>
        JsonDocument.Parse(Assert.Single(Received(method, path)).Body!).RootElement;

    public void Dispose() => Server.Stop();
}
