using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.WildApricot;

/// <summary>
/// Where a read of the contacts got to, stored by the hub as compact JSON.
/// </summary>
/// <param name="Since">The query's lower bound on "Profile last updated"; null reads every contact.</param>
/// <param name="StartedAt">When the query's first page was asked for, by the hub's clock.</param>
/// <param name="Position">How many contacts of the query have been delivered.</param>
/// <param name="Boundary">The id of the last contact delivered, which the next page must start with.</param>
/// <param name="Newest">The newest "Profile last updated" the query has delivered so far.</param>
internal sealed record WildApricotCursor(
    [property: JsonPropertyName("since")] DateTimeOffset? Since,
    [property: JsonPropertyName("started")] DateTimeOffset? StartedAt,
    [property: JsonPropertyName("position")] int Position,
    [property: JsonPropertyName("boundary")] int? Boundary,
    [property: JsonPropertyName("newest")] DateTimeOffset? Newest)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The first page of a query for contacts changed since <paramref name="since"/>.</summary>
    public static WildApricotCursor FirstPage(DateTimeOffset? since) => new(since, null, 0, null, null);

    /// <summary>Reads a stored cursor; null when it is not one of ours.</summary>
    public static WildApricotCursor? Decode(SyncCursor cursor)
    {
        if (cursor.IsStart) return FirstPage(null);
        try
        {
            return JsonSerializer.Deserialize<WildApricotCursor>(cursor.Value!, Json) is { Position: >= 0 } decoded
                && (decoded.Position == 0 || decoded.Boundary is not null)
                ? decoded
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The cursor as the hub stores it.</summary>
    public SyncCursor Encode() => new(JsonSerializer.Serialize(this, Json));
}
