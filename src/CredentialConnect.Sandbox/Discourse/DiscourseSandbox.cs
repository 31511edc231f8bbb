using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Web;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CredentialConnect.Sandbox.Discourse;

/// <summary>
/// A Discourse forum for the sandbox: the association's people are its users (most linked by single sign-on
/// external id, a few findable only by email), and it keeps the badges and private messages the hub sends.
/// Like the real forum it wants an admin API key, and now and then answers a write with 429 and Retry-After.
/// </summary>
public sealed partial class DiscourseSandbox : ISandboxPartner
{
    public const string ApiKey = "sandbox-discourse-admin-key";
    public const string ApiUsername = "system";
    public const string WebhookSecret = "sandbox-discourse-webhook-secret";

    private readonly Lock _lock = new();
    private DiscourseSandboxForum? _forum;
    private int _writes;

    public string Connector => "discourse";

    public string Section => "Connectors:Discourse";

    /// <summary>Every how many writes (POSTs) the forum refuses one with 429, to show that rate limits are honoured; 0 turns it off.</summary>
    public int RateLimitEvery { get; init; } = 25;

    /// <summary>The wait a 429 asks for.</summary>
    public TimeSpan RateLimitWait { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The badges granted and messages sent so far, oldest first.</summary>
    public IReadOnlyList<SandboxCommunityPost> Activity
    {
        get
        {
            lock (_lock) return _forum?.Activity ?? [];
        }
    }

    public IReadOnlyDictionary<string, string?> Start(WireMockServer server, SandboxAssociation association)
    {
        var url = server.Url!;
        lock (_lock) _forum = new DiscourseSandboxForum(association, url);
        server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(Answer));
        return new Dictionary<string, string?>
        {
            ["Enabled"] = "true",
            ["BaseUrl"] = url,
            ["ApiKey"] = ApiKey,
            ["ApiUsername"] = ApiUsername,
            ["WebhookSecret"] = WebhookSecret,
        };
    }

    private ResponseMessage Answer(IRequestMessage request)
    {
        if (!Authorized(request))
            return Respond(ForumAnswer.Error(403, "invalid_access", "You are not permitted to view the requested resource. The API username or key is invalid."));

        lock (_lock)
        {
            var forum = _forum!;
            forum.AdmitNewPeople();
            if (request.Method == "POST" && RateLimitEvery > 0 && ++_writes % RateLimitEvery == 0)
                return RateLimited();
            return Respond(Route(forum, request));
        }
    }

    private static ForumAnswer Route(DiscourseSandboxForum forum, IRequestMessage request)
    {
        var path = request.Path;
        if (request.Method == "GET")
        {
            if (path == "/admin/badges.json") return forum.BadgeList();
            if (path == "/admin/users/list/all.json")
                return forum.UserList(Query(request, "email"), Query(request, "show_emails") == "true");
            if (UserByExternalIdPath().Match(path) is { Success: true } user) return forum.UserByExternalId(Segment(user));
            if (UserBadgesPath().Match(path) is { Success: true } badges) return forum.UserBadges(Segment(badges));
            if (TopicByExternalIdPath().Match(path) is { Success: true } external) return forum.TopicByExternalId(Segment(external));
            if (TopicPath().Match(path) is { Success: true } topic) return forum.Topic(long.Parse(Segment(topic), CultureInfo.InvariantCulture));
        }
        else if (request.Method == "POST")
        {
            if (path == "/admin/badges.json") return forum.CreateBadge(Fields(request));
            if (path == "/user_badges.json") return forum.Grant(Fields(request));
            if (path == "/posts.json") return forum.Post(Fields(request));
        }
        return ForumAnswer.NotFound();
    }

    private static bool Authorized(IRequestMessage request) =>
        Header(request, "Api-Key") == ApiKey
        && string.Equals(Header(request, "Api-Username"), ApiUsername, StringComparison.OrdinalIgnoreCase);

    private ResponseMessage RateLimited()
    {
        var seconds = (int)Math.Ceiling(RateLimitWait.TotalSeconds);
        var response = Respond(new ForumAnswer(429, new
        {
            errors = new[] { $"You’ve performed this action too many times. Please wait {seconds} seconds before trying again." },
            error_type = "rate_limit",
            extras = new { wait_seconds = seconds, time_left = $"{seconds} seconds" },
        }));
        response.AddHeader("Retry-After", seconds.ToString(CultureInfo.InvariantCulture));
        response.AddHeader("Discourse-Rate-Limit-Error-Code", "create_post");
        return response;
    }

    private static ResponseMessage Respond(ForumAnswer answer)
    {
        var response = new ResponseMessage { StatusCode = answer.Status };
        if (answer.Location is { } location) response.AddHeader("Location", location);
        if (answer.Body is { } body)
        {
            response.AddHeader("Content-Type", "application/json; charset=utf-8");
            response.BodyData = new BodyData
            {
                BodyAsString = JsonSerializer.Serialize(body),
                DetectedBodyType = BodyType.String,
                Encoding = Encoding.UTF8,
            };
        }
        return response;
    }

    /// <summary>The request's parameters: Discourse takes a JSON object or a form.</summary>
    private static Dictionary<string, string> Fields(IRequestMessage request)
    {
        var body = request.Body?.Trim() ?? "";
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.StartsWith('{'))
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                foreach (var property in json.RootElement.EnumerateObject())
                {
                    fields[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }
            catch (JsonException)
            {
                // A body that is not JSON is treated as having no parameters, and the forum says what is missing.
            }
            return fields;
        }
        var form = HttpUtility.ParseQueryString(body);
        foreach (var key in form.AllKeys.OfType<string>()) fields[key] = form[key] ?? "";
        return fields;
    }

    private static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static string? Query(IRequestMessage request, string name) =>
        request.Query?.FirstOrDefault(q => string.Equals(q.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static string Segment(Match match) => Uri.UnescapeDataString(match.Groups["value"].Value);

    [GeneratedRegex(@"^/u/by-external/(?<value>[^/]+)\.json$")]
    private static partial Regex UserByExternalIdPath();

    [GeneratedRegex(@"^/user-badges/(?<value>[^/]+)\.json$")]
    private static partial Regex UserBadgesPath();

    [GeneratedRegex(@"^/t/external_id/(?<value>[^/]+)\.json$")]
    private static partial Regex TopicByExternalIdPath();

    [GeneratedRegex(@"^/t/[^/]+/(?<value>\d+)\.json$")]
    private static partial Regex TopicPath();
}
