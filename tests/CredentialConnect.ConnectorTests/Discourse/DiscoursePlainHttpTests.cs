using System.Net;
using System.Net.Sockets;
using CredentialConnect.ConnectorTests.Http;
using CredentialConnect.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Time.Testing;

namespace CredentialConnect.ConnectorTests.Discourse;

public sealed class DiscoursePlainHttpTests(DiscourseForum forum) : DiscourseContractTest(forum), IClassFixture<DiscourseForum>
{
    private static readonly CommunityBadge Certified = new("Certified Practitioner", "Holds the CP credential", Reason: null);
    private static readonly CommunityMessage Welcome = new("Welcome", "Welcome to the community.", "welcome-7c1e");

    [Fact]
    public async Task Writes_WhenTheForumRefusesBodiesWithoutContentLength_StillGrantCreateAndPost()
    {
        Forum.Server.RefuseChunkedBodies();
        Forum.Badges(DiscourseJson.Badge(1, "Basic"));
        Forum.BadgeCreated(110, "Certified Practitioner");
        Forum.UserBadges("jane.doe");
        Forum.GrantAnswers(DiscourseJson.Ok(DiscourseJson.Granted(9, 110)));
        Forum.NoTopicWithExternalId("welcome-7c1e");
        Forum.PostAnswers(DiscourseJson.Ok(DiscourseJson.PostCreated(501, 88)));

        var granted = await Target.GrantBadgeAsync("jane.doe", Certified, CancellationToken.None);
        var sent = await Target.SendMessageAsync("jane.doe", Welcome, CancellationToken.None);

        Assert.IsType<Outcome.Done>(granted);
        Assert.IsType<Outcome.Done>(sent);
        Forum.Received("POST", "/posts.json", expected: 1);
        var posts = Forum.Received().Where(r => r.Method == "POST").ToList();
        Assert.Equal(3, posts.Count);
        Assert.All(posts, post =>
        {
            Assert.Equal(post.BodyAsBytes!.Length.ToString(), Header(post.Headers, "Content-Length"));
            Assert.Null(Header(post.Headers, "Transfer-Encoding"));
        });
        Assert.Equal(110, Forum.BodyOf("POST", "/user_badges.json").GetProperty("badge_id").GetInt64());
    }

    [Fact]
    public async Task SendMessage_WhenTheFirstConnectionIsRefused_RetriesAndPostsExactlyOnce()
    {
        Forum.NoTopicWithExternalId("welcome-7c1e");
        Forum.PostAnswers(DiscourseJson.Ok(DiscourseJson.PostCreated(501, 88)));
        var refused = 0;
        var closedPort = ClosedPort();
        using var services = DiscourseConnection.Services(DiscourseConnection.Settings(Forum.Url), s => s.ConfigureAll<HttpClientFactoryOptions>(o =>
            o.HttpMessageHandlerBuilderActions.Add(b => b.PrimaryHandler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                // A fresh connection per request, so the POST's own connection attempt is the one refused.
                PooledConnectionLifetime = TimeSpan.Zero,
                ConnectCallback = async (context, ct) =>
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        var refuse = context.InitialRequestMessage.Method == HttpMethod.Post && Interlocked.Increment(ref refused) == 1;
                        await socket.ConnectAsync(refuse ? new IPEndPoint(IPAddress.Loopback, closedPort) : context.DnsEndPoint, ct);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            })));
        var target = DiscourseConnection.Target(services, new FakeTimeProvider(Clock.GetUtcNow()));

        var outcome = await target.SendMessageAsync("jane.doe", Welcome, CancellationToken.None);

        Assert.IsType<Outcome.Done>(outcome);
        Assert.Equal(2, refused);
        Assert.Single(Forum.Received("POST", "/posts.json", expected: 1));
    }

    private static string? Header(IDictionary<string, WireMock.Types.WireMockList<string>>? headers, string name) =>
        headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
