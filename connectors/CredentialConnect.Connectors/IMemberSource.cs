namespace CredentialConnect.Connectors;

/// <summary>A membership system (AMS): the source of truth for who the members are.</summary>
public interface IMemberSource : IConnector
{
    /// <summary>
    /// Reads the next page of members changed since <paramref name="cursor"/>. <see cref="SyncCursor.Start"/>
    /// reads every member, which the nightly reconciliation uses to find deletions.
    /// </summary>
    Task<Fetch<SourcePage<MemberRecord>>> GetChangesAsync(SyncCursor cursor, CancellationToken cancellationToken);

    /// <summary>
    /// Re-reads the named members, e.g. after thin webhooks said they changed. Members the AMS no longer has are
    /// simply absent from the result. The adapter splits the request when the partner finds it too long.
    /// </summary>
    Task<Fetch<IReadOnlyList<MemberRecord>>> GetManyAsync(IReadOnlyCollection<string> amsMemberIds, CancellationToken cancellationToken);
}

/// <summary>The AMS's membership status, mapped from the vendor's own words.</summary>
public enum AmsMembershipStatus
{
    /// <summary>A member in good standing.</summary>
    Active,
    /// <summary>Applied, not yet approved or paid.</summary>
    PendingNew,
    /// <summary>Renewal is due and not yet paid.</summary>
    PendingRenewal,
    /// <summary>Membership ended.</summary>
    Lapsed,
    /// <summary>Membership suspended by the association.</summary>
    Suspended,
}

/// <summary>A member as the AMS describes them.</summary>
/// <param name="AmsMemberId">The AMS's id for the person: the hub's golden key.</param>
/// <param name="Email">Primary email; used only as a fallback to match people the hub already knows.</param>
/// <param name="FirstName">Given name.</param>
/// <param name="LastName">Family name.</param>
/// <param name="Status">Membership status.</param>
/// <param name="Level">Membership level name, e.g. "Professional".</param>
/// <param name="MemberSince">When the person first joined.</param>
/// <param name="RenewalDue">When the membership is next due for renewal.</param>
/// <param name="UpdatedAt">When the AMS last changed the record.</param>
public sealed record MemberRecord(
    string AmsMemberId,
    string Email,
    string FirstName,
    string LastName,
    AmsMembershipStatus Status,
    string? Level,
    DateOnly? MemberSince,
    DateOnly? RenewalDue,
    DateTimeOffset UpdatedAt)
{
    /// <summary>City, if the AMS has one.</summary>
    public string? City { get; init; }

    /// <summary>State, province or region, if the AMS has one.</summary>
    public string? Region { get; init; }

    /// <summary>Country, if the AMS has one.</summary>
    public string? Country { get; init; }
}
