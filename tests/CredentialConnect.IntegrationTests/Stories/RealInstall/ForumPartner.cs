using System.Text.Json.Nodes;
using System.Web;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CredentialConnect.IntegrationTests.Stories.RealInstall;

/// <summary>A badge the forum granted, or a private message it holds.</summary>
public sealed record ForumGrant(string Username, long BadgeId, string BadgeName);

public sealed record ForumMessage(string ExternalId, string Recipient, string Title, string Raw);

/// <summary>
/// A Discourse forum as production has it: admin API key and user, users by single sign-on external id, badges
/// (one of them left half-deleted, with no name), grants, private messages with external ids, and its rate limit:
/// after a 429 with <c>extras.wait_seconds</c>, every write inside the window is refused again.
/// </summary>
public sealed class ForumPartner : StrictPartner
{
    public const string ApiKey = "discourse-production-admin-key";
    public const string ApiUsername = "credential-bot";

    private readonly TimeProvider _clock;
    private readonly Dictionary<string, (long Id, string Username, string Email)> _usersByExternalId = [];
    private readonly List<JsonObject> _badges = [];
    private readonly List<ForumGrant> _grants = [];
    private readonly List<ForumMessage> _messages = [];
    private DateTimeOffset? _limitedUntil;
    private int _limitNextWrites;

    public ForumPartner(TimeProvider clock)
    {
        _clock = clock;
        // A badge an admin half-deleted by hand: no name, no type. Real forums have them.
        _badges.Add(new JsonObject { ["id"] = 7, ["name"] = null, ["description"] = null, ["badge_type_id"] = null, ["enabled"] = true });
        _badges.Add(new JsonObject { ["id"] = 8, ["name"] = "Welcome", ["description"] = "Joined the community", ["badge_type_id"] = 3, ["enabled"] = true });

        Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithCallback(r => Answer(r, Route)));
    }

    public IReadOnlyList<ForumGrant> Grants => _grants.ToList();
    public IReadOnlyList<ForumMessage> Messages => _messages.ToList();

    /// <summary>Writes that arrived while the forum's rate-limit window was open (each was refused with another 429).</summary>
    public int WritesInsideWindow { get; private set; }

    /// <summary>Writes refused with 429 in all.</summary>
    public int RateLimited { get; private set; }

    public void User(string externalId, long id, string username, string email) => _usersByExternalId[externalId] = (id, username, email);

    /// <summary>The next write is refused with 429 and a wait of <paramref name="seconds"/>, in the body only (as behind some proxies).</summary>
    public void LimitNextWrite(int seconds)
    {
        _limitNextWrites = seconds;
    }

    private IResponseMessage Route(IRequestMessage request)
    {
        if (Header(request, "Api-Key") != ApiKey || Header(request, "Api-Username") != ApiUsername)
            return Json(403, new JsonObject { ["errors"] = new JsonArray("You are not permitted to view the requested resource."), ["error_type"] = "invalid_access" });

        var path = request.Path;
        if (request.Method != "GET" && Limited() is { } limited) return limited;

        if (request.Method == "GET" && path.StartsWith("/u/by-external/", StringComparison.Ordinal))
        {
            var externalId = path["/u/by-external/".Length..^".json".Length];
            return _usersByExternalId.TryGetValue(externalId, out var user)
                ? Json(200, new JsonObject { ["user"] = new JsonObject { ["id"] = user.Id, ["username"] = user.Username, ["trust_level"] = 1 } })
                : NotFound();
        }
        if (request.Method == "GET" && path == "/admin/users/list/all.json")
        {
            var email = HttpUtility.ParseQueryString(request.RawQuery ?? "")["email"];
            var users = _usersByExternalId.Values.Where(u => email is not null && u.Email.Contains(email, StringComparison.OrdinalIgnoreCase))
                .Select(u => (JsonNode)new JsonObject { ["id"] = u.Id, ["username"] = u.Username, ["email"] = u.Email });
            return Json(200, new JsonArray(users.ToArray()));
        }
        if (path == "/admin/badges.json" && request.Method == "GET")
            return Json(200, new JsonObject
            {
                ["badges"] = new JsonArray(_badges.Select(b => (JsonNode)b.DeepClone()).ToArray()),
                ["badge_types"] = new JsonArray(new JsonObject { ["id"] = 3, ["name"] = "Bronze" }),
            });
        if (path == "/admin/badges.json" && request.Method == "POST")
        {
            var body = BodyOf(request);
            var name = body["name"]?.ToString();
            if (string.IsNullOrWhiteSpace(name) || _badges.Any(b => b["name"]?.ToString() == name)) return Invalid("Name has already been taken");
            var badge = new JsonObject
            {
                ["id"] = 100 + _badges.Count, ["name"] = name, ["description"] = body["description"]?.ToString(),
                ["badge_type_id"] = 3, ["enabled"] = true,
            };
            _badges.Add(badge);
            return Json(200, new JsonObject { ["badge"] = badge.DeepClone() });
        }
        if (request.Method == "GET" && path.StartsWith("/user-badges/", StringComparison.Ordinal))
        {
            var username = path["/user-badges/".Length..^".json".Length];
            var held = _grants.Where(g => g.Username == username)
                .Select((g, i) => (JsonNode)new JsonObject { ["id"] = 5000 + i, ["badge_id"] = g.BadgeId, ["granted_at"] = "2026-06-01T09:00:00.000Z" });
            return Json(200, new JsonObject { ["user_badges"] = new JsonArray(held.ToArray()) });
        }
        if (request.Method == "POST" && path == "/user_badges.json")
        {
            var body = BodyOf(request);
            var username = body["username"]!.ToString();
            var badgeId = long.Parse(body["badge_id"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
            if (_grants.Any(g => g.Username == username && g.BadgeId == badgeId)) return Invalid("Badge has already been taken");
            var badge = _badges.Single(b => b["id"]!.ToString() == body["badge_id"]!.ToString());
            _grants.Add(new ForumGrant(username, badgeId, badge["name"]!.ToString()));
            return Json(200, new JsonObject { ["user_badge"] = new JsonObject { ["id"] = 5000 + _grants.Count, ["badge_id"] = badgeId } });
        }
        if (request.Method == "GET" && path.StartsWith("/t/external_id/", StringComparison.Ordinal))
        {
            var externalId = path["/t/external_id/".Length..^".json".Length];
            var index = _messages.FindIndex(m => m.ExternalId == externalId);
            return index < 0 ? NotFound() : Json(200, new JsonObject { ["id"] = 9000 + index });
        }
        if (request.Method == "POST" && path == "/posts.json")
        {
            var body = BodyOf(request);
            var externalId = body["external_id"]!.ToString();
            if (_messages.Any(m => m.ExternalId == externalId)) return Invalid("External ID has already been taken");
            _messages.Add(new ForumMessage(externalId, body["target_recipients"]!.ToString(), body["title"]!.ToString(), body["raw"]!.ToString()));
            return Json(200, new JsonObject { ["id"] = 20000 + _messages.Count, ["topic_id"] = 9000 + _messages.Count - 1 });
        }
        return NotFound();
    }

    private IResponseMessage? Limited()
    {
        var now = _clock.GetUtcNow();
        if (_limitedUntil is { } until && now < until)
        {
            WritesInsideWindow++;
            return RateLimit((int)Math.Ceiling((until - now).TotalSeconds));
        }
        if (_limitNextWrites > 0)
        {
            _limitedUntil = now.AddSeconds(_limitNextWrites);
            var seconds = _limitNextWrites;
            _limitNextWrites = 0;
            return RateLimit(seconds);
        }
        return null;
    }

    private ResponseMessage RateLimit(int seconds)
    {
        RateLimited++;
        return Json(429, new JsonObject
        {
            ["errors"] = new JsonArray($"You’ve performed this action too many times. Please wait {seconds} seconds before trying again."),
            ["error_type"] = "rate_limit",
            ["extras"] = new JsonObject { ["wait_seconds"] = seconds, ["time_left"] = $"{seconds} seconds" },
        });
    }

    private static ResponseMessage NotFound() =>
        Json(404, new JsonObject { ["errors"] = new JsonArray("The requested URL or resource could not be found."), ["error_type"] = "not_found" });

    private static ResponseMessage Invalid(string error) =>
        Json(422, new JsonObject { ["errors"] = new JsonArray(error), ["error_type"] = "invalid_parameters" });
}
