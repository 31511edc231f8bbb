namespace CredentialConnect.Connectors;

/// <summary>An online community the hub posts into: badges and private messages.</summary>
public interface ICommunityTarget : IConnector
{
    /// <summary>
    /// Finds the member's community user: by external id (the AMS member id) first, then by email.
    /// Succeeds with the username as the reference; an unknown member is <see cref="Outcome.Permanent"/>.
    /// </summary>
    Task<Outcome> ResolveAsync(CommunityMember member, CancellationToken cancellationToken);

    /// <summary>Grants a badge, creating it in the community first if it does not exist. A badge the user already holds is <see cref="Outcome.AlreadyDone"/>.</summary>
    Task<Outcome> GrantBadgeAsync(string username, CommunityBadge badge, CancellationToken cancellationToken);

    /// <summary>Sends a private message. <see cref="CommunityMessage.IdempotencyKey"/> is checked before posting, so a retry never posts twice.</summary>
    Task<Outcome> SendMessageAsync(string username, CommunityMessage message, CancellationToken cancellationToken);
}

/// <summary>Who to find in the community.</summary>
/// <param name="ExternalId">The AMS member id, which single sign-on carries as the community's external id.</param>
/// <param name="Email">Fallback when no user has the external id.</param>
public sealed record CommunityMember(string ExternalId, string Email);

/// <summary>A badge to grant.</summary>
/// <param name="Name">Badge name, unique in the community; the badge is found or created by it.</param>
/// <param name="Description">What the badge recognises.</param>
/// <param name="Reason">Why this member gets it (a link to the verification page, say).</param>
public sealed record CommunityBadge(string Name, string Description, string? Reason);

/// <summary>A private message.</summary>
/// <param name="Title">Subject line.</param>
/// <param name="Body">Markdown body.</param>
/// <param name="IdempotencyKey">Stable per message; stored by the community (Discourse's <c>external_id</c>) so a resend is detected.</param>
public sealed record CommunityMessage(string Title, string Body, string IdempotencyKey);
