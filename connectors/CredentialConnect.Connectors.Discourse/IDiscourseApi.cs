using System.Text.Json;
using CredentialConnect.Connectors.Discourse.Models;
using Refit;

namespace CredentialConnect.Connectors.Discourse;

/// <summary>The part of the Discourse API the hub uses. Every call needs an admin key (added by <see cref="DiscourseAuthHandler"/>).</summary>
public interface IDiscourseApi
{
    /// <summary>The user whose single sign-on external id is <paramref name="externalId"/>; 404 when none has it.</summary>
    [Get("/u/by-external/{externalId}.json")]
    Task<IApiResponse<DiscourseUserEnvelope>> GetUserByExternalIdAsync(string externalId, CancellationToken cancellationToken);

    /// <summary>Users whose email matches <paramref name="email"/>, with their emails shown; each a <see cref="DiscourseAdminUser"/>, read one by one.</summary>
    [Get("/admin/users/list/all.json?show_emails=true")]
    Task<IApiResponse<IReadOnlyList<JsonElement>>> ListUsersByEmailAsync([AliasAs("email")] string email, CancellationToken cancellationToken);

    /// <summary>Every badge in the forum.</summary>
    [Get("/admin/badges.json")]
    Task<IApiResponse<DiscourseBadgeList>> GetBadgesAsync(CancellationToken cancellationToken);

    /// <summary>Creates a badge.</summary>
    [Post("/admin/badges.json")]
    Task<IApiResponse<DiscourseBadgeEnvelope>> CreateBadgeAsync([Body] DiscourseNewBadge badge, CancellationToken cancellationToken);

    /// <summary>The badges <paramref name="username"/> holds; 404 for an unknown user.</summary>
    [Get("/user-badges/{username}.json")]
    Task<IApiResponse<DiscourseUserBadgeList>> GetUserBadgesAsync(string username, CancellationToken cancellationToken);

    /// <summary>Grants a badge.</summary>
    [Post("/user_badges.json")]
    Task<IApiResponse<DiscourseUserBadgeEnvelope>> GrantBadgeAsync([Body] DiscourseBadgeGrant grant, CancellationToken cancellationToken);

    /// <summary>The topic with <paramref name="externalId"/>: a 301 to its address when it exists, 404 when not.</summary>
    [Get("/t/external_id/{externalId}.json")]
    Task<IApiResponse<DiscourseTopic>> GetTopicByExternalIdAsync(string externalId, CancellationToken cancellationToken);

    /// <summary>Creates a post; with <c>archetype: private_message</c>, a new private message.</summary>
    [Post("/posts.json")]
    Task<IApiResponse<DiscourseCreatedPost>> CreatePostAsync([Body] DiscourseNewPrivateMessage message, CancellationToken cancellationToken);
}
