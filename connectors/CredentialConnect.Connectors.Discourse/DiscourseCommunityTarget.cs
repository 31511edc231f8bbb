using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CredentialConnect.Connectors.Discourse.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace CredentialConnect.Connectors.Discourse;

/// <summary>
/// A Discourse forum as the hub's community: finds members by their single sign-on external id (then by email),
/// grants badges and sends private messages. Every write is preceded by a read that says whether it was already
/// done, because writes are not retried inside a call and a dispatcher's retry must never grant or post twice.
/// </summary>
public sealed partial class DiscourseCommunityTarget(
    IOptionsMonitor<DiscourseOptions> options, IDiscourseApi api, TimeProvider clock, ILogger<DiscourseCommunityTarget> logger) : ICommunityTarget
{
    /// <summary>The connector's name in URLs, configuration and sync history.</summary>
    public const string ConnectorName = "discourse";

    // Discourse stores a topic's external id only if it is at most 50 word characters or dashes.
    private const int ExternalIdMaxLength = 50;

    /// <inheritdoc />
    public string Name => ConnectorName;

    /// <inheritdoc />
    public bool IsConfigured => options.CurrentValue.Enabled;

    /// <inheritdoc />
    public Type OptionsType => typeof(DiscourseOptions);

    /// <inheritdoc />
    /// <remarks>Reads the badge list, which only an admin key may: a key that cannot grant badges fails here.</remarks>
    public async Task<Outcome> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var badges = await ReadAsync(api.GetBadgesAsync, "Discourse badges", cancellationToken);
        return badges.Failure ?? new Outcome.Done(options.CurrentValue.ApiUsername);
    }

    /// <inheritdoc />
    public async Task<Outcome> ResolveAsync(CommunityMember member, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(member.ExternalId))
        {
            const string what = "Discourse user by external id";
            var sent = await PartnerCall.SendAsync(c => api.GetUserByExternalIdAsync(member.ExternalId, c), what, cancellationToken);
            if (sent.Failure is { } failure) return failure;
            var answer = sent.Value!;
            if (answer.StatusCode != HttpStatusCode.NotFound)
                return answer is { IsSuccessful: true, Content.User: { Username.Length: > 0 } user } ? new Outcome.Done(user.Username) : FailureOf(answer, what);
        }
        return await ResolveByEmailAsync(member, cancellationToken);
    }

    private async Task<Outcome> ResolveByEmailAsync(CommunityMember member, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(member.Email))
            return new Outcome.Permanent($"no community user has external id {member.ExternalId}, and the member has no email to look for");

        var users = await ReadAsync(c => api.ListUsersByEmailAsync(member.Email.Trim(), c), "Discourse users by email", cancellationToken);
        if (users.Failure is { } failure) return failure;

        // The admin list may match part of an address; only the whole address counts, and a guess is never made.
        var matches = PartnerList.Usable<DiscourseAdminUser>(users.Value, u => u.Id <= 0 ? "no id" : string.IsNullOrWhiteSpace(u.Username) ? "no username" : null, logger, "Discourse user")
            .Where(u => string.Equals(u.Email?.Trim(), member.Email.Trim(), StringComparison.OrdinalIgnoreCase))
            .DistinctBy(u => u.Id)
            .ToList();
        return matches switch
        {
            [var only] => new Outcome.Done(only.Username),
            [] => new Outcome.Permanent($"no community user has external id {member.ExternalId} or the member's email"),
            _ => new Outcome.Permanent($"ambiguous: {matches.Count} community users have the member's email; link the right one by hand"),
        };
    }

    /// <inheritdoc />
    public async Task<Outcome> GrantBadgeAsync(string username, CommunityBadge badge, CancellationToken cancellationToken)
    {
        var found = await FindOrCreateBadgeAsync(badge, cancellationToken);
        if (found.Failure is { } failure) return failure;
        var target = found.Value!;
        if (!target.Enabled)
            return new Outcome.Permanent($"the community badge \"{target.Name}\" is disabled; enable it in the forum's admin");

        var held = await ReadAsync(c => api.GetUserBadgesAsync(username, c), "Discourse user badges", cancellationToken);
        if (held.Failure is { } heldFailure) return heldFailure;
        var grants = PartnerList.Usable<DiscourseUserBadge>(held.Value!.UserBadges, g => g.BadgeId <= 0 ? "no badge id" : null, logger, "Discourse user badge");
        if (grants.FirstOrDefault(g => g.BadgeId == target.Id) is { } earlier)
            return new Outcome.AlreadyDone(Reference(earlier.Id));

        const string what = "Discourse badge grant";
        var grant = new DiscourseBadgeGrant(username, target.Id, ForumLink(badge.Reason));
        var sent = await PartnerCall.SendAsync(c => api.GrantBadgeAsync(grant, c), what, cancellationToken);
        if (sent.Failure is { } sendFailure) return sendFailure;
        var answer = sent.Value!;
        if (answer.IsSuccessStatusCode) return new Outcome.Done(answer.Content?.UserBadge is { } granted ? Reference(granted.Id) : null);
        return IsAlreadyDone(answer) ? new Outcome.AlreadyDone() : FailureOf(answer, what);
    }

    private async Task<Fetch<DiscourseBadge>> FindOrCreateBadgeAsync(CommunityBadge badge, CancellationToken cancellationToken)
    {
        const string what = "Discourse badges";
        var badges = await ReadAsync(api.GetBadgesAsync, what, cancellationToken);
        if (badges.Failure is { } failure) return Fetch<DiscourseBadge>.Failed(failure);
        if (Named(badges.Value!, badge.Name) is { } existing) return Fetch<DiscourseBadge>.Of(existing);

        const string creation = "Discourse badge creation";
        var request = new DiscourseNewBadge(badge.Name, options.CurrentValue.BadgeTypeId, badge.Description, Enabled: true);
        var sent = await PartnerCall.SendAsync(c => api.CreateBadgeAsync(request, c), creation, cancellationToken);
        if (sent.Failure is { } sendFailure) return Fetch<DiscourseBadge>.Failed(sendFailure);
        var answer = sent.Value!;
        if (answer is { IsSuccessful: true, Content.Badge: { } created }) return Fetch<DiscourseBadge>.Of(created);
        // Created, but the answer is unreadable: the next attempt finds the badge by name.
        if (answer.IsSuccessStatusCode) return Fetch<DiscourseBadge>.Failed(FailureOf(answer, creation));

        // "Name has already been taken": another grant created it a moment ago.
        if (answer.StatusCode == HttpStatusCode.UnprocessableEntity
            && await ReadAsync(api.GetBadgesAsync, what, cancellationToken) is { Value: { } again }
            && Named(again, badge.Name) is { } raced)
            return Fetch<DiscourseBadge>.Of(raced);
        return Fetch<DiscourseBadge>.Failed(FailureOf(answer, creation));
    }

    // A badge without an id or a name can be neither matched nor granted; it is skipped, and the others still count.
    private DiscourseBadge? Named(DiscourseBadgeList badges, string name) =>
        PartnerList.Usable<DiscourseBadge>(badges.Badges, b => b.Id <= 0 ? "no id" : string.IsNullOrWhiteSpace(b.Name) ? "no name" : null, logger, "Discourse badge")
            .FirstOrDefault(b => string.Equals(b.Name!.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc />
    public async Task<Outcome> SendMessageAsync(string username, CommunityMessage message, CancellationToken cancellationToken)
    {
        var externalId = ExternalIdFor(message.IdempotencyKey);

        const string lookup = "Discourse message lookup";
        var looked = await PartnerCall.SendAsync(c => api.GetTopicByExternalIdAsync(externalId, c), lookup, cancellationToken);
        if (looked.Failure is { } failure) return failure;
        var found = looked.Value!;
        if (found.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect)
            return new Outcome.AlreadyDone(TopicIdIn(found.Headers?.Location));
        if (found.IsSuccessStatusCode) return new Outcome.AlreadyDone(found.Content is { } topic ? Reference(topic.Id) : null);
        if (found.StatusCode != HttpStatusCode.NotFound) return FailureOf(found, lookup);

        const string what = "Discourse private message";
        var post = new DiscourseNewPrivateMessage(message.Title, message.Body, "private_message", username, externalId);
        var sent = await PartnerCall.SendAsync(c => api.CreatePostAsync(post, c), what, cancellationToken);
        if (sent.Failure is { } sendFailure) return sendFailure;
        var answer = sent.Value!;
        if (answer.IsSuccessStatusCode) return new Outcome.Done(answer.Content is { } created ? Reference(created.TopicId) : null);
        return IsAlreadyDone(answer) ? new Outcome.AlreadyDone() : FailureOf(answer, what);
    }

    /// <summary>
    /// The topic external id a message is stored under. A key Discourse accepts as it is (lowercase, so its
    /// case-insensitive uniqueness cannot merge two keys) is used unchanged; any other is replaced by a stable digest.
    /// </summary>
    internal static string ExternalIdFor(string idempotencyKey) =>
        idempotencyKey.Length <= ExternalIdMaxLength && ExternalIdFormat().IsMatch(idempotencyKey)
            ? idempotencyKey
            : "cc-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..40];

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex ExternalIdFormat();

    // The redirect goes to the topic's address, /t/{slug}/{id}.json.
    private static string? TopicIdIn(Uri? location) =>
        location is not null && TopicAddress().Match(location.OriginalString) is { Success: true } match ? match.Groups["id"].Value : null;

    [GeneratedRegex(@"/t/(?:[^/]+/)?(?<id>\d+)")]
    private static partial Regex TopicAddress();

    // Discourse accepts a grant's reason only as a link to one of its own topics or posts, and refuses the grant otherwise.
    private string? ForumLink(string? reason) =>
        Uri.TryCreate(reason, UriKind.Absolute, out var link)
        && options.CurrentValue.BaseUrl is { } forum
        && string.Equals(link.Authority, forum.Authority, StringComparison.OrdinalIgnoreCase)
            ? reason
            : null;

    // A write that raced an earlier one: "Badge has already been taken", "External ID has already been taken".
    private static bool IsAlreadyDone(IApiResponse answer) =>
        answer.StatusCode == HttpStatusCode.UnprocessableEntity
        && DiscourseError.From(answer)?.Text?.Contains("already", StringComparison.OrdinalIgnoreCase) == true;

    private async Task<Fetch<T>> ReadAsync<T>(Func<CancellationToken, Task<IApiResponse<T>>> call, string what, CancellationToken cancellationToken)
    {
        var sent = await PartnerCall.SendAsync(call, what, cancellationToken);
        if (sent.Failure is { } failure) return Fetch<T>.Failed(failure);
        var answer = sent.Value!;
        return answer is { IsSuccessful: true, Content: { } content } ? Fetch<T>.Of(content) : Fetch<T>.Failed(FailureOf(answer, what));
    }

    private Outcome FailureOf(IApiResponse answer, string what)
    {
        if (answer.IsSuccessStatusCode)
            return new Outcome.Retryable($"{what}: the answer could not be read ({answer.Error?.InnerException?.Message ?? "empty body"}).");

        var outcome = answer.FailureOutcome(clock, what);
        var error = DiscourseError.From(answer);
        return outcome switch
        {
            // Retry-After wins; the wait in the body covers a proxy that dropped the header.
            Outcome.Retryable { RetryAfter: null } retryable when error?.Extras?.WaitSeconds is { } seconds && seconds > 0 =>
                retryable with { RetryAfter = TimeSpan.FromSeconds(seconds) },
            Outcome.Permanent when error?.Text is { } text => new Outcome.Permanent($"{what}: {text}"),
            _ => outcome,
        };
    }

    private static string Reference(long id) => id.ToString(CultureInfo.InvariantCulture);
}
