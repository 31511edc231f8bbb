using System.Text.Json;
using WireMock.ResponseBuilders;

namespace CredentialConnect.ConnectorTests.Discourse;

/// <summary>Discourse's answers, shaped like the real API (including the fields the connector does not read).</summary>
public static class DiscourseJson
{
    public static readonly object[] BadgeTypes =
    [
        new { id = 1, name = "Gold", sort_order = 9 },
        new { id = 2, name = "Silver", sort_order = 8 },
        new { id = 3, name = "Bronze", sort_order = 7 },
    ];

    public static IResponseBuilder Ok(object body) => Status(200, body);

    public static IResponseBuilder Status(int status, object body) =>
        Response.Create()
            .WithStatusCode(status)
            .WithHeader("Content-Type", "application/json; charset=utf-8")
            .WithBody(JsonSerializer.Serialize(body));

    public static IResponseBuilder NotFound() =>
        Status(404, Error("not_found", "The requested URL or resource could not be found."));

    public static IResponseBuilder Invalid(params string[] errors) => Status(422, Error("invalid_parameters", errors));

    public static object Error(string type, params string[] errors) => new { errors, error_type = type };

    /// <summary>A 429 as Discourse sends it; the header or the body's <c>wait_seconds</c> may be missing behind some proxies.</summary>
    public static IResponseBuilder RateLimited(int seconds, bool withHeader = true, bool withExtras = true)
    {
        object body = withExtras
            ? new
            {
                errors = new[] { $"You’ve performed this action too many times. Please wait {seconds} seconds before trying again." },
                error_type = "rate_limit",
                extras = new { wait_seconds = seconds, time_left = $"{seconds} seconds" },
            }
            : Error("rate_limit", $"You’ve performed this action too many times. Please wait {seconds} seconds before trying again.");
        var response = Status(429, body);
        return withHeader ? response.WithHeader("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)) : response;
    }

    public static object UserProfile(long id, string username) => new
    {
        user_badges = Array.Empty<object>(),
        user = new
        {
            id,
            username,
            name = username.Replace('.', ' '),
            avatar_template = $"/letter_avatar_proxy/v4/letter/{username[0]}/8edcca/{{size}}.png",
            last_posted_at = (string?)null,
            last_seen_at = "2026-10-30T12:00:00.000Z",
            created_at = "2025-03-01T09:00:00.000Z",
            trust_level = 1,
            moderator = false,
            admin = false,
            badge_count = 0,
        },
    };

    public static object AdminUser(long id, string username, string email) => new
    {
        id,
        username,
        name = username.Replace('.', ' '),
        avatar_template = $"/letter_avatar_proxy/v4/letter/{username[0]}/8edcca/{{size}}.png",
        email,
        secondary_emails = Array.Empty<string>(),
        active = true,
        admin = false,
        moderator = false,
        last_seen_at = "2026-10-30T12:00:00.000Z",
        trust_level = 1,
        staged = false,
    };

    public static object Badge(long id, string name, int badgeTypeId = 3, bool enabled = true) => new
    {
        id,
        name,
        description = $"Awarded for {name}",
        grant_count = 0,
        allow_title = false,
        multiple_grant = false,
        icon = "certificate",
        image_url = (string?)null,
        listable = true,
        enabled,
        badge_grouping_id = 5,
        system = id < 100,
        slug = name.ToLowerInvariant().Replace(' ', '-'),
        manually_grantable = true,
        badge_type_id = badgeTypeId,
    };

    public static object BadgeList(object[] badges) => new
    {
        badges,
        badge_types = BadgeTypes,
        badge_groupings = new[] { new { id = 5, name = "Other", position = 14, system = true } },
        admin_badges = new { badge_ids = Array.Empty<long>(), badge_grouping_ids = new[] { 5 }, badge_type_ids = new[] { 1, 2, 3 } },
    };

    public static object UserBadge(long id, long badgeId) => new
    {
        id,
        granted_at = "2026-09-14T10:00:00.000Z",
        created_at = "2026-09-14T10:00:00.000Z",
        count = 1,
        post_id = (long?)null,
        post_number = (int?)null,
        badge_id = badgeId,
        user_id = 42,
        granted_by_id = -1,
    };

    public static object UserBadgeList((long Id, long BadgeId)[] grants) => new
    {
        badges = grants.Select(g => Badge(g.BadgeId, $"Badge {g.BadgeId}")).ToArray(),
        badge_types = BadgeTypes,
        granted_bies = new[] { new { id = -1, username = "system" } },
        user_badges = grants.Select(g => UserBadge(g.Id, g.BadgeId)).ToArray(),
    };

    public static object Granted(long id, long badgeId) => new { badge_types = BadgeTypes, user_badge = UserBadge(id, badgeId) };

    public static object PostCreated(long id, long topicId) => new
    {
        id,
        name = "system",
        username = "system",
        created_at = "2026-11-02T09:00:00.000Z",
        cooked = "<p>Congratulations</p>",
        post_number = 1,
        post_type = 1,
        reply_count = 0,
        topic_id = topicId,
        topic_slug = "your-credential",
        version = 1,
    };
}
