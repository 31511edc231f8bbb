using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.Discourse.Models;

/// <summary>The answer of <c>GET /u/by-external/{external_id}.json</c>.</summary>
/// <param name="User">The user; the answer carries much more, which the hub does not read.</param>
public sealed record DiscourseUserEnvelope(
    [property: JsonPropertyName("user")] DiscourseUser? User);

/// <summary>A forum user.</summary>
/// <param name="Id">Discourse's user id.</param>
/// <param name="Username">The username, which the API addresses users by.</param>
public sealed record DiscourseUser(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("username")] string Username);

/// <summary>One row of <c>GET /admin/users/list/all.json?show_emails=true</c>.</summary>
/// <param name="Id">Discourse's user id.</param>
/// <param name="Username">The username.</param>
/// <param name="Email">The primary email; present only with <c>show_emails=true</c>.</param>
public sealed record DiscourseAdminUser(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("username")] string? Username,
    [property: JsonPropertyName("email")] string? Email);
