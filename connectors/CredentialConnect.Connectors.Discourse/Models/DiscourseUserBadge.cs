using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.Discourse.Models;

/// <summary>A grant of a badge to a user.</summary>
/// <param name="Id">Discourse's id for the grant.</param>
/// <param name="BadgeId">The badge granted.</param>
/// <param name="GrantedAt">When it was granted.</param>
public sealed record DiscourseUserBadge(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("badge_id")] long BadgeId,
    [property: JsonPropertyName("granted_at")] DateTimeOffset? GrantedAt);

/// <summary>The answer of <c>GET /user-badges/{username}.json</c>; the badges it also lists are not read.</summary>
/// <param name="UserBadges">The user's grants, as <see cref="DiscourseUserBadge"/>s read one by one so a malformed one is skipped.</param>
public sealed record DiscourseUserBadgeList(
    [property: JsonPropertyName("user_badges")] IReadOnlyList<JsonElement>? UserBadges);

/// <summary>The answer of <c>POST /user_badges.json</c>.</summary>
/// <param name="UserBadge">The grant.</param>
public sealed record DiscourseUserBadgeEnvelope(
    [property: JsonPropertyName("user_badge")] DiscourseUserBadge? UserBadge);

/// <summary>The body of <c>POST /user_badges.json</c>.</summary>
/// <param name="Username">Who gets the badge.</param>
/// <param name="BadgeId">The badge.</param>
/// <param name="Reason">A link to a topic or post in the same forum; Discourse refuses any other link.</param>
public sealed record DiscourseBadgeGrant(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("badge_id")] long BadgeId,
    [property: JsonPropertyName("reason")] string? Reason);
