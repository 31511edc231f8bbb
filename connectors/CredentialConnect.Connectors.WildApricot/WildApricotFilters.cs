using System.Globalization;

namespace CredentialConnect.Connectors.WildApricot;

/// <summary>The <c>$filter</c> expressions the connector sends, in Wild Apricot's syntax.</summary>
internal static class WildApricotFilters
{
    /// <summary>
    /// Contacts whose profile changed at or after <paramref name="since"/>; null when every contact is wanted.
    /// The bound is cut to the whole second below it, so a coarser clock on Wild Apricot's side can only widen the result.
    /// </summary>
    public static string? ChangedSince(DateTimeOffset? since) => since is { } bound
        ? $"'Profile last updated' ge {FloorToSecond(bound).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}"
        : null;

    /// <summary>The contacts with these ids: <c>Id in [1,2,3]</c>.</summary>
    public static string IdIn(IEnumerable<int> ids) => $"Id in [{string.Join(',', ids)}]";

    /// <summary>
    /// Splits <paramref name="ids"/> into batches of at most <paramref name="maxCount"/> whose filter, URL-encoded,
    /// stays within <paramref name="maxEncodedLength"/> characters: IIS refuses long query strings (404.15).
    /// </summary>
    public static IEnumerable<IReadOnlyList<int>> Batches(IReadOnlyList<int> ids, int maxCount, int maxEncodedLength)
    {
        var batch = new List<int>();
        var length = Encoded(IdIn([]));
        foreach (var id in ids)
        {
            var added = Encoded("," + id.ToString(CultureInfo.InvariantCulture));
            if (batch.Count > 0 && (batch.Count == maxCount || length + added > maxEncodedLength))
            {
                yield return batch;
                batch = [];
                length = Encoded(IdIn([]));
            }
            batch.Add(id);
            length += added;
        }
        if (batch.Count > 0) yield return batch;
    }

    private static int Encoded(string text) => Uri.EscapeDataString(text).Length;

    private static DateTimeOffset FloorToSecond(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return utc.AddTicks(-(utc.Ticks % TimeSpan.TicksPerSecond));
    }
}
