using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.Discourse.Models;

/// <summary>A badge the forum can grant.</summary>
/// <param name="Id">Discourse's badge id; custom badges start at 100.</param>
/// <param name="Name">The badge name, unique in the forum.</param>
/// <param name="Description">What the badge recognises.</param>
/// <param name="BadgeTypeId">1 gold, 2 silver, 3 bronze.</param>
/// <param name="Enabled">A disabled badge cannot be granted.</param>
public sealed record DiscourseBadge(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("badge_type_id")] int BadgeTypeId,
    [property: JsonPropertyName("enabled")] bool Enabled = true);

/// <summary>The answer of <c>GET /admin/badges.json</c>; its badge types and groupings are not read.</summary>
/// <param name="Badges">Every badge, enabled or not, as <see cref="DiscourseBadge"/>s read one by one so a malformed one is skipped.</param>
public sealed record DiscourseBadgeList(
    [property: JsonPropertyName("badges")] IReadOnlyList<JsonElement>? Badges);

/// <summary>The answer of <c>POST /admin/badges.json</c>.</summary>
/// <param name="Badge">The badge created.</param>
public sealed record DiscourseBadgeEnvelope(
    [property: JsonPropertyName("badge")] DiscourseBadge? Badge);

/// <summary>The body of <c>POST /admin/badges.json</c>.</summary>
/// <param name="Name">The badge name.</param>
/// <param name="BadgeTypeId">1 gold, 2 silver, 3 bronze.</param>
/// <param name="Description">What the badge recognises.</param>
/// <param name="Enabled">True, so it can be granted at once.</param>
public sealed record DiscourseNewBadge(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("badge_type_id")] int BadgeTypeId,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("enabled")] bool Enabled);
