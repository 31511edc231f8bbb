using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.Xapi;

/// <summary>
/// Where the sync is in the LRS. One query reads the statements stored after <see cref="Since"/>; its first answer's
/// <c>X-Experience-API-Consistent-Through</c> becomes <see cref="Until"/>, and the query is paged through
/// <see cref="More"/>. Once the query is exhausted the next one starts at <see cref="Until"/>: every statement stored
/// up to then was visible to the query, so none is skipped, and those stored later are read again (the hub dedupes
/// on the statement id).
/// </summary>
/// <param name="Since">The exclusive lower bound on <c>stored</c>; null reads from the start of the LRS.</param>
/// <param name="Until">Where the current query's guarantee ends; null before the query's first answer.</param>
/// <param name="More">The LRS's link to the query's next page; null when no query is under way.</param>
internal sealed record XapiCursor(
    [property: JsonPropertyName("since")] DateTimeOffset? Since,
    [property: JsonPropertyName("until")] DateTimeOffset? Until,
    [property: JsonPropertyName("more")] string? More)
{
    public static readonly XapiCursor Start = new(null, null, null);

    public SyncCursor Encode() => new(JsonSerializer.Serialize(this));

    public static XapiCursor? Decode(SyncCursor cursor)
    {
        if (cursor.IsStart) return Start;
        try
        {
            return JsonSerializer.Deserialize<XapiCursor>(cursor.Value!);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The cursor once the current query is exhausted. The next since never moves backwards, should the LRS's clock do so.</summary>
    public XapiCursor Exhausted(DateTimeOffset? until) =>
        new(Since is { } since && (until is null || until < since) ? since : until, null, null);

    /// <summary>An instant as xAPI query parameters carry it: ISO 8601 in UTC.</summary>
    public static string? Format(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 instant from the LRS; one without an offset is read as UTC.</summary>
    public static DateTimeOffset? Parse(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;
}
