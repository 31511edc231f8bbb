using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CredentialConnect.Sandbox.Discourse;

/// <summary>How the sandbox forum's user for a person can be found.</summary>
internal enum CommunityLink
{
    /// <summary>By the external id single sign-on set: the AMS member id.</summary>
    ExternalId,

    /// <summary>Only by email.</summary>
    EmailOnly,

    /// <summary>By email, which an older account of theirs also has.</summary>
    SharedEmail,
}

/// <summary>An answer from the sandbox forum, before it becomes an HTTP response.</summary>
internal sealed record ForumAnswer(int Status, object? Body, string? Location = null)
{
    public static ForumAnswer Ok(object body) => new(200, body);

    public static ForumAnswer Error(int status, string type, string message) => new(status, new { errors = new[] { message }, error_type = type });

    public static ForumAnswer NotFound() => Error(404, "not_found", "The requested URL or resource could not be found.");

    public static ForumAnswer Invalid(string message) => Error(422, "invalid_parameters", message);
}

/// <summary>
/// The state of the sandbox forum: users made from the association's people, badges, grants and private messages.
/// Not thread-safe; <see cref="DiscourseSandbox"/> serialises every request.
/// </summary>
internal sealed partial class DiscourseSandboxForum(SandboxAssociation association, string forumUrl)
{
    private const int MaxUsernameLength = 20;
    private const string Timestamp = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly object[] BadgeTypes =
    [
        new { id = 1, name = "Gold", sort_order = 9 },
        new { id = 2, name = "Silver", sort_order = 8 },
        new { id = 3, name = "Bronze", sort_order = 7 },
    ];

    private readonly Dictionary<string, CommunityUser> _usersByMemberId = [];
    private readonly List<CommunityUser> _users = [];
    private readonly List<ForumBadge> _badges =
    [
        // Discourse's own first badges keep their ids; badges an admin creates start at 100.
        new(1, "Basic User", "Granted all essential community functions", 3, System: true),
        new(2, "Member", "Granted invitations, group messaging, more likes", 3, System: true),
        new(3, "Regular", "Granted recategorize, rename, followed links, wiki, more likes", 2, System: true),
        new(4, "Leader", "Granted global edit, pin, close, archive, split and merge, more likes", 1, System: true),
        new(5, "Welcome", "Received a like", 3, System: true),
    ];
    private readonly List<ForumGrant> _grants = [];
    private readonly Dictionary<string, ForumTopic> _topicsByExternalId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, ForumTopic> _topics = [];
    private readonly List<SandboxCommunityPost> _activity = [];
    private long _nextUserId = 2;
    private long _nextBadgeId = 100;
    private long _nextGrantId = 1;
    private long _nextTopicId = 10;
    private long _nextPostId = 20;

    public IReadOnlyList<SandboxCommunityPost> Activity => _activity.ToArray();

    private DateTimeOffset Now => association.Clock.GetUtcNow();

    /// <summary>Gives every person the forum does not know yet a user, in a stable order, so the same people always get the same usernames.</summary>
    public void AdmitNewPeople()
    {
        var newcomers = association.People.Values
            .Where(p => !_usersByMemberId.ContainsKey(p.AmsMemberId))
            .OrderBy(p => p.AmsMemberId.Length).ThenBy(p => p.AmsMemberId, StringComparer.Ordinal);
        foreach (var person in newcomers)
        {
            var link = LinkOf(person.AmsMemberId);
            var name = $"{person.FirstName} {person.LastName}";
            if (link == CommunityLink.SharedEmail) _users.Add(new CommunityUser(_nextUserId++, UniqueUsername(person), name, person.Email, ExternalId: null));
            var user = new CommunityUser(_nextUserId++, UniqueUsername(person), name, person.Email, link == CommunityLink.ExternalId ? person.AmsMemberId : null);
            _users.Add(user);
            _usersByMemberId[person.AmsMemberId] = user;
        }
    }

    /// <summary>
    /// How a person's community user can be found. About one person in ten signed up before single sign-on and has
    /// no external id; half of those also left an older account behind with the same email, which a matcher must
    /// not guess between. Fixed by the member id (ids ending in 07 or 27, and 17 or 37, for sequential ids), so the
    /// story is the same on every start.
    /// </summary>
    public static CommunityLink LinkOf(string amsMemberId) =>
        (long.TryParse(amsMemberId, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number % 20 : amsMemberId.Sum(c => c) % 20) switch
    {
        7 => CommunityLink.EmailOnly,
        17 => CommunityLink.SharedEmail,
        _ => CommunityLink.ExternalId,
    };

    public ForumAnswer UserByExternalId(string externalId) =>
        _users.FirstOrDefault(u => u.ExternalId == externalId) is { } user
            ? ForumAnswer.Ok(new { user_badges = Array.Empty<object>(), user = Profile(user) })
            : ForumAnswer.NotFound();

    /// <summary>The admin user list. Its email filter matches part of an address, as the forum's search does.</summary>
    public ForumAnswer UserList(string? email, bool showEmails) => ForumAnswer.Ok(_users
        .Where(u => string.IsNullOrEmpty(email) || u.Email.Contains(email.Trim(), StringComparison.OrdinalIgnoreCase))
        .Take(100)
        .Select(u => new
        {
            id = u.Id,
            username = u.Username,
            name = u.Name,
            avatar_template = Avatar(u),
            email = showEmails ? u.Email : null,
            secondary_emails = Array.Empty<string>(),
            active = true,
            admin = false,
            moderator = false,
            trust_level = 1,
            staged = false,
        })
        .ToArray());

    public ForumAnswer BadgeList() => ForumAnswer.Ok(new
    {
        badges = _badges.Select(Describe).ToArray(),
        badge_types = BadgeTypes,
        badge_groupings = new[] { new { id = 5, name = "Other", position = 14, system = true } },
        admin_badges = new { badge_ids = _badges.Select(b => b.Id).ToArray(), badge_grouping_ids = new[] { 5 }, badge_type_ids = new[] { 1, 2, 3 } },
    });

    public ForumAnswer CreateBadge(IReadOnlyDictionary<string, string> fields)
    {
        var name = fields.GetValueOrDefault("name")?.Trim();
        if (string.IsNullOrEmpty(name)) return ForumAnswer.Error(422, "record_invalid", "Name can't be blank");
        if (_badges.Any(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase)))
            return ForumAnswer.Error(422, "record_invalid", "Name has already been taken");
        if (!int.TryParse(fields.GetValueOrDefault("badge_type_id"), out var type) || type is < 1 or > 3)
            return ForumAnswer.Error(422, "record_invalid", "Badge type can't be blank");

        var badge = new ForumBadge(_nextBadgeId++, name, fields.GetValueOrDefault("description") ?? "", type, System: false)
        {
            Enabled = !string.Equals(fields.GetValueOrDefault("enabled"), "false", StringComparison.OrdinalIgnoreCase),
        };
        _badges.Add(badge);
        return ForumAnswer.Ok(new { badge_types = BadgeTypes, badge = Describe(badge) });
    }

    public ForumAnswer UserBadges(string username)
    {
        if (Named(username) is not { } user) return ForumAnswer.NotFound();
        var grants = _grants.Where(g => g.UserId == user.Id).ToList();
        return ForumAnswer.Ok(new
        {
            badges = _badges.Where(b => grants.Any(g => g.BadgeId == b.Id)).Select(Describe).ToArray(),
            badge_types = BadgeTypes,
            granted_bies = new[] { new { id = -1, username = "system" } },
            user_badges = grants.Select(Describe).ToArray(),
        });
    }

    public ForumAnswer Grant(IReadOnlyDictionary<string, string> fields)
    {
        if (fields.GetValueOrDefault("username") is not { Length: > 0 } username)
            return ForumAnswer.Error(400, "invalid_parameters", "param is missing or the value is empty: username");
        if (Named(username) is not { } user) return ForumAnswer.NotFound();

        var badge = fields.GetValueOrDefault("badge_name") is { Length: > 0 } badgeName
            ? _badges.FirstOrDefault(b => b.Name == badgeName)
            : long.TryParse(fields.GetValueOrDefault("badge_id"), out var badgeId) ? _badges.FirstOrDefault(b => b.Id == badgeId) : null;
        if (badge is not { Enabled: true }) return ForumAnswer.NotFound();

        // The forum only takes a link to one of its own topics or posts as the reason.
        if (fields.GetValueOrDefault("reason") is { Length: > 0 } reason && !reason.StartsWith(forumUrl + "/t/", StringComparison.OrdinalIgnoreCase)
            && !reason.StartsWith(forumUrl + "/p/", StringComparison.OrdinalIgnoreCase))
            return new ForumAnswer(400, new { failed = "FAILED", message = "External or invalid discourse link cannot be badge reason" });

        // Granting a badge the user already holds answers with the earlier grant, as Discourse does.
        var grant = _grants.FirstOrDefault(g => g.UserId == user.Id && g.BadgeId == badge.Id);
        if (grant is null)
        {
            grant = new ForumGrant(_nextGrantId++, badge.Id, user.Id, Now);
            _grants.Add(grant);
            _activity.Add(new SandboxCommunityPost(SandboxCommunityPostKind.Badge, user.Username, badge.Name, Now));
        }
        return ForumAnswer.Ok(new { badge_types = BadgeTypes, user_badge = Describe(grant) });
    }

    public ForumAnswer TopicByExternalId(string externalId) =>
        _topicsByExternalId.TryGetValue(externalId, out var topic)
            ? new ForumAnswer(301, null, $"/t/{topic.Slug}/{topic.Id}.json")
            : ForumAnswer.NotFound();

    public ForumAnswer Topic(long id) =>
        _topics.TryGetValue(id, out var topic)
            ? ForumAnswer.Ok(new
            {
                id = topic.Id,
                title = topic.Title,
                fancy_title = topic.Title,
                slug = topic.Slug,
                archetype = "private_message",
                posts_count = 1,
                external_id = topic.ExternalId,
                created_at = topic.CreatedAt.ToString(Timestamp, CultureInfo.InvariantCulture),
                details = new { allowed_users = topic.Recipients.Select(r => new { id = r.Id, username = r.Username }).ToArray() },
            })
            : ForumAnswer.NotFound();

    /// <summary>Creates a private message; the sandbox forum has no public categories to post into.</summary>
    public ForumAnswer Post(IReadOnlyDictionary<string, string> fields)
    {
        if (fields.GetValueOrDefault("archetype") != "private_message")
            return ForumAnswer.Invalid("The sandbox forum only takes private messages.");
        var title = fields.GetValueOrDefault("title")?.Trim();
        var raw = fields.GetValueOrDefault("raw")?.Trim();
        if (string.IsNullOrEmpty(title)) return ForumAnswer.Invalid("Title can't be blank");
        if (string.IsNullOrEmpty(raw)) return ForumAnswer.Invalid("Body can't be blank");

        var names = (fields.GetValueOrDefault("target_recipients") ?? fields.GetValueOrDefault("target_usernames") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) return ForumAnswer.Invalid("You must choose a valid user.");
        var recipients = new List<CommunityUser>();
        foreach (var name in names)
        {
            if (Named(name) is not { } recipient) return ForumAnswer.Invalid($"The user {name} was not found.");
            recipients.Add(recipient);
        }

        var externalId = fields.GetValueOrDefault("external_id");
        if (externalId is not null)
        {
            if (externalId.Length > 50 || !ExternalIdFormat().IsMatch(externalId)) return ForumAnswer.Error(422, "record_invalid", "External ID is invalid");
            if (_topicsByExternalId.ContainsKey(externalId)) return ForumAnswer.Error(422, "record_invalid", "External ID has already been taken");
        }

        var topic = new ForumTopic(_nextTopicId++, title, Slug(title), externalId, recipients, Now);
        _topics[topic.Id] = topic;
        if (externalId is not null) _topicsByExternalId[externalId] = topic;
        _activity.Add(new SandboxCommunityPost(SandboxCommunityPostKind.Message, string.Join(", ", recipients.Select(r => r.Username)), title, Now));

        return ForumAnswer.Ok(new
        {
            id = _nextPostId++,
            name = "system",
            username = "system",
            avatar_template = "/images/discourse-logo-sketch-small.png",
            created_at = topic.CreatedAt.ToString(Timestamp, CultureInfo.InvariantCulture),
            cooked = $"<p>{System.Net.WebUtility.HtmlEncode(raw)}</p>",
            raw,
            post_number = 1,
            post_type = 1,
            reply_count = 0,
            topic_id = topic.Id,
            topic_slug = topic.Slug,
            version = 1,
        });
    }

    private CommunityUser? Named(string username) =>
        _users.FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));

    private string UniqueUsername(SandboxPerson person)
    {
        var plain = new string($"{person.FirstName}.{person.LastName}".Normalize(NormalizationForm.FormD).ToLowerInvariant()
            .Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-').ToArray()).Trim('.', '_', '-');
        if (plain.Length < 3) plain = $"member{person.AmsMemberId}";
        var stem = plain[..Math.Min(plain.Length, MaxUsernameLength)].TrimEnd('.', '_', '-');
        var candidate = stem;
        for (var n = 2; Named(candidate) is not null; n++)
        {
            var suffix = n.ToString(CultureInfo.InvariantCulture);
            candidate = stem[..Math.Min(stem.Length, MaxUsernameLength - suffix.Length)] + suffix;
        }
        return candidate;
    }

    private static string Slug(string title)
    {
        var slug = SlugSeparators().Replace(title.ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "topic" : slug[..Math.Min(slug.Length, 50)].TrimEnd('-');
    }

    private static string Avatar(CommunityUser user) => $"/letter_avatar_proxy/v4/letter/{user.Username[0]}/8edcca/{{size}}.png";

    private static object Profile(CommunityUser user) => new
    {
        id = user.Id,
        username = user.Username,
        name = user.Name,
        avatar_template = Avatar(user),
        trust_level = 1,
        moderator = false,
        admin = false,
    };

    private static object Describe(ForumBadge badge) => new
    {
        id = badge.Id,
        name = badge.Name,
        description = badge.Description,
        grant_count = 0,
        allow_title = false,
        multiple_grant = false,
        icon = "certificate",
        listable = true,
        enabled = badge.Enabled,
        badge_grouping_id = 5,
        system = badge.System,
        slug = Slug(badge.Name),
        manually_grantable = !badge.System,
        badge_type_id = badge.BadgeTypeId,
    };

    private static object Describe(ForumGrant grant) => new
    {
        id = grant.Id,
        granted_at = grant.GrantedAt.ToString(Timestamp, CultureInfo.InvariantCulture),
        created_at = grant.GrantedAt.ToString(Timestamp, CultureInfo.InvariantCulture),
        count = 1,
        post_id = (long?)null,
        badge_id = grant.BadgeId,
        user_id = grant.UserId,
        granted_by_id = -1,
    };

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ExternalIdFormat();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex SlugSeparators();

    private sealed record CommunityUser(long Id, string Username, string Name, string Email, string? ExternalId);

    private sealed record ForumBadge(long Id, string Name, string Description, int BadgeTypeId, bool System)
    {
        public bool Enabled { get; init; } = true;
    }

    private sealed record ForumGrant(long Id, long BadgeId, long UserId, DateTimeOffset GrantedAt);

    private sealed record ForumTopic(long Id, string Title, string Slug, string? ExternalId, IReadOnlyList<CommunityUser> Recipients, DateTimeOffset CreatedAt);
}
