using CredentialConnect.Web.Data;

namespace CredentialConnect.Web.Features.Members;

/// <summary>Membership status as the AMS reports it.</summary>
public enum MembershipStatus
{
    Active,
    PendingNew,
    PendingRenewal,
    Lapsed,
    Suspended,
    /// <summary>The AMS no longer has the person: the nightly reconciliation found them gone. Their credentials stay.</summary>
    RemovedFromAms,
}

/// <summary>
/// A member of the association. <see cref="AmsMemberId"/> is the golden key: every other system's
/// identity for this person hangs off it, and email is only ever a fallback for matching.
/// </summary>
public sealed class Member : IAuditable, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string AmsMemberId { get; set; }

    /// <summary>The member's xAPI actor in the LMS, as <c>homePage|name</c> of its account.</summary>
    public string? LmsActor { get; set; }

    /// <summary>The member's user id in the online community.</summary>
    public string? CommunityUserId { get; set; }

    public required string Email { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public MembershipStatus MembershipStatus { get; set; } = MembershipStatus.Active;
    public string? MembershipLevel { get; set; }
    public DateOnly? MemberSince { get; set; }
    public DateOnly? MembershipRenewalDue { get; set; }

    /// <summary>When the AMS last changed the person, as the AMS reports it; an older record never overwrites a newer one.</summary>
    public DateTimeOffset? AmsUpdatedAt { get; set; }
    public decimal? YearsOfExperience { get; set; }
    public string? City { get; set; }
    public string? Region { get; set; }
    public string? Country { get; set; }

    public DirectoryConsent Directory { get; set; } = new();

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; }

    public string FullName => $"{FirstName} {LastName}";
}

/// <summary>
/// What the member allows the public directory to show. Nothing is listed unless <see cref="OptedIn"/>,
/// and then only the fields they consented to.
/// </summary>
public sealed class DirectoryConsent
{
    public bool OptedIn { get; set; }
    public bool ShowName { get; set; }
    public bool ShowEmail { get; set; }
    public bool ShowLocation { get; set; }
    public bool ShowCredentials { get; set; }

    /// <summary>Consent as the member gave it. Opting out clears every field, so opting back in never re-exposes old choices.</summary>
    public static DirectoryConsent Given(bool optedIn, bool showName, bool showEmail, bool showLocation, bool showCredentials) => new()
    {
        OptedIn = optedIn,
        ShowName = optedIn && showName,
        ShowEmail = optedIn && showEmail,
        ShowLocation = optedIn && showLocation,
        ShowCredentials = optedIn && showCredentials,
    };
}
