using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CredentialConnect.Sandbox.Xapi;

/// <summary>A statement query as the Statements resource takes it; a <c>more</c> token is this query plus where its last page ended.</summary>
/// <param name="After">The sequence number of the last statement already returned; null for the first page.</param>
internal sealed record StatementQuery(
    [property: JsonPropertyName("since")] DateTimeOffset? Since,
    [property: JsonPropertyName("until")] DateTimeOffset? Until,
    [property: JsonPropertyName("ascending")] bool Ascending,
    [property: JsonPropertyName("limit")] int Limit,
    [property: JsonPropertyName("verb")] string? Verb,
    [property: JsonPropertyName("activity")] string? Activity,
    [property: JsonPropertyName("after")] long? After)
{
    public string ToToken() => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static StatementQuery? FromToken(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            return JsonSerializer.Deserialize<StatementQuery>(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}

/// <summary>One page of a query, with the instant up to which it is complete.</summary>
internal sealed record StatementPage(IReadOnlyList<JsonObject> Statements, StatementQuery? More, DateTimeOffset ConsistentThrough);

/// <summary>
/// The store behind the sandbox LRS: statements in the order they were stored, voiding as the spec has it (a voided
/// statement leaves query results; the voiding one stays), and an honest consistent-through: nothing is ever stored
/// at or before an instant the LRS has already reported as complete.
/// </summary>
internal sealed class SandboxLrs(TimeProvider clock, string authority)
{
    private readonly Lock _gate = new();
    private readonly List<StoredStatement> _statements = [];
    private DateTimeOffset _consistentThrough = DateTimeOffset.MinValue;

    /// <summary>Stores <paramref name="statement"/>, stamped <paramref name="at"/> or the first instant after everything already reported.</summary>
    public void Store(JsonObject statement, DateTimeOffset at)
    {
        lock (_gate)
        {
            var stored = Millisecond(at);
            if (_statements.Count > 0 && stored < _statements[^1].Stored) stored = _statements[^1].Stored;
            if (stored <= _consistentThrough) stored = _consistentThrough.AddMilliseconds(1);

            statement["stored"] = Format(stored);
            statement["authority"] = new JsonObject { ["objectType"] = "Agent", ["account"] = new JsonObject { ["homePage"] = SandboxAssociation.LmsHomePage, ["name"] = authority } };
            statement["version"] = "1.0.0";
            var id = statement["id"]!.GetValue<string>();
            _statements.Add(new StoredStatement(_statements.Count + 1, id, stored, statement));

            if (statement["verb"]?["id"]?.GetValue<string>() == Cmi5.Voided && statement["object"]?["id"]?.GetValue<string>() is { } target)
            {
                var voided = _statements.Find(s => s.Id == target && !s.IsVoiding);
                if (voided is not null) voided.Voided = true;
            }
        }
    }

    /// <summary>The ids of completions no one has voided, for a later voiding.</summary>
    public IReadOnlyList<string> VoidableCompletions()
    {
        lock (_gate) return _statements.Where(s => !s.Voided && s.Verb == Cmi5.Completed).Select(s => s.Id).ToList();
    }

    public StatementPage Query(StatementQuery query)
    {
        lock (_gate)
        {
            var matching = _statements.Where(s =>
                !s.Voided
                && (query.Since is null || s.Stored > query.Since)
                && (query.Until is null || s.Stored <= query.Until)
                && (query.Verb is null || s.Verb == query.Verb)
                && (query.Activity is null || s.ActivityId == query.Activity));
            var ordered = query.Ascending
                ? matching.Where(s => query.After is null || s.Sequence > query.After)
                : matching.Reverse().Where(s => query.After is null || s.Sequence < query.After);
            var page = ordered.Take(query.Limit + 1).ToList();
            var more = page.Count > query.Limit ? query with { After = page[query.Limit - 1].Sequence } : null;
            return new StatementPage(page.Take(query.Limit).Select(s => (JsonObject)s.Json.DeepClone()).ToList(), more, ReportConsistentThrough());
        }
    }

    /// <summary>The statement with the id, if it is voided (<paramref name="voided"/>) or not, as the spec's single-statement reads want it.</summary>
    public JsonObject? Find(string id, bool voided)
    {
        lock (_gate) return _statements.Find(s => s.Id == id && s.Voided == voided)?.Json.DeepClone() as JsonObject;
    }

    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private DateTimeOffset ReportConsistentThrough()
    {
        var now = Millisecond(clock.GetUtcNow());
        var latest = _statements.Count > 0 && _statements[^1].Stored > now ? _statements[^1].Stored : now;
        if (latest > _consistentThrough) _consistentThrough = latest;
        return _consistentThrough;
    }

    private static DateTimeOffset Millisecond(DateTimeOffset instant) =>
        new(instant.UtcTicks - instant.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private sealed class StoredStatement(long sequence, string id, DateTimeOffset stored, JsonObject json)
    {
        public long Sequence { get; } = sequence;
        public string Id { get; } = id;
        public DateTimeOffset Stored { get; } = stored;
        public JsonObject Json { get; } = json;
        public string? Verb { get; } = json["verb"]?["id"]?.GetValue<string>();
        public string? ActivityId { get; } = json["object"]?["id"]?.GetValue<string>();
        public bool IsVoiding => Verb == Cmi5.Voided;
        public bool Voided { get; set; }
    }
}
