using System.Text.Json;
using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Sync;

/// <summary>The inbox's two operations: which records of a page are new, and recording one as received.</summary>
public static class Inbox
{
    /// <summary>The records whose (source, key) the inbox has not seen, first occurrence only, in page order.</summary>
    public static async Task<List<T>> NewRecordsAsync<T>(AppDbContext db, string source, IReadOnlyList<T> records, Func<T, string> key, CancellationToken cancellationToken)
    {
        var keys = records.Select(key).Distinct().ToList();
        var seen = new HashSet<string>(await db.InboxMessages.Where(m => m.Source == source && keys.Contains(m.EventId))
            .Select(m => m.EventId).ToListAsync(cancellationToken));
        return records.Where(r => seen.Add(key(r))).ToList();
    }

    public static InboxMessage Add(AppDbContext db, string source, string eventId, string kind, object payload, DateTimeOffset now,
        string? activityId = null, string? voidsEventId = null)
    {
        var message = new InboxMessage
        {
            Source = source,
            EventId = eventId,
            Kind = kind,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            ActivityId = activityId is { Length: <= InboxMessage.MaxActivityIdLength } ? activityId : null,
            VoidsEventId = voidsEventId is { Length: <= 200 } ? voidsEventId : null,
            ReceivedAt = now,
            Attempts = 1,
        };
        db.InboxMessages.Add(message);
        return message;
    }
}
