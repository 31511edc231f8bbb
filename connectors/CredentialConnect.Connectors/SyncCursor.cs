namespace CredentialConnect.Connectors;

/// <summary>
/// Where a sync got to in a partner's feed. Opaque to the hub: each connector encodes its own position
/// (a timestamp, a page link). The hub stores it and hands it back only after the page it came with has committed.
/// </summary>
/// <param name="Value">The connector's encoded position; null at the very start of a feed.</param>
public sealed record SyncCursor(string? Value)
{
    /// <summary>The start of the feed: a full read.</summary>
    public static readonly SyncCursor Start = new((string?)null);

    /// <summary>True at the start of the feed.</summary>
    public bool IsStart => Value is null;

    /// <inheritdoc />
    public override string ToString() => Value ?? "(start)";
}

/// <summary>One page of a partner's feed.</summary>
/// <typeparam name="T">The records on the page.</typeparam>
/// <param name="Items">The records, oldest first.</param>
/// <param name="Next">The cursor to ask for the following page with, once this page has committed.</param>
/// <param name="HasMore">True when the partner has more right now; false when the feed is caught up.</param>
public sealed record SourcePage<T>(IReadOnlyList<T> Items, SyncCursor Next, bool HasMore);
