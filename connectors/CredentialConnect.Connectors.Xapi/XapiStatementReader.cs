using System.Text.Json;
using CredentialConnect.Connectors.Xapi.Models;

namespace CredentialConnect.Connectors.Xapi;

/// <summary>What one statement became: an event, a statement the hub does not use, or one it could not read.</summary>
/// <param name="Event">The learning event, for a verb the hub uses.</param>
/// <param name="StoredAt">When the LRS stored the statement, when readable.</param>
/// <param name="Problem">Why the statement could not be read; null when it could.</param>
internal sealed record StatementReading(LearningEvent? Event, DateTimeOffset? StoredAt, string? Problem);

/// <summary>Maps cmi5 statements to learning events.</summary>
internal static class XapiStatementReader
{
    public const string VoidedVerb = "http://adlnet.gov/expapi/verbs/voided";

    private static readonly Dictionary<string, LearningVerb> Verbs = new(StringComparer.Ordinal)
    {
        ["http://adlnet.gov/expapi/verbs/completed"] = LearningVerb.Completed,
        ["http://adlnet.gov/expapi/verbs/passed"] = LearningVerb.Passed,
        ["http://adlnet.gov/expapi/verbs/failed"] = LearningVerb.Failed,
        ["https://w3id.org/xapi/adl/verbs/satisfied"] = LearningVerb.Satisfied,
        [VoidedVerb] = LearningVerb.Voided,
    };

    public static StatementReading Read(JsonElement element)
    {
        XapiStatement? statement;
        try
        {
            statement = element.Deserialize<XapiStatement>(ConnectorJson.Options);
        }
        catch (JsonException e)
        {
            return new StatementReading(null, null, $"unreadable statement: {e.Message}");
        }
        if (statement is null) return new StatementReading(null, null, "null statement");

        var stored = XapiCursor.Parse(statement.Stored);
        var occurred = XapiCursor.Parse(statement.Timestamp) ?? stored;
        if (string.IsNullOrEmpty(statement.Id)) return new StatementReading(null, stored, "no statement id");
        if (string.IsNullOrEmpty(statement.Verb?.Id)) return new StatementReading(null, stored, "no verb id");
        if (!Verbs.TryGetValue(statement.Verb.Id, out var verb)) return new StatementReading(null, stored, null);
        if (string.IsNullOrEmpty(statement.Object?.Id)) return new StatementReading(null, stored, "no object id");
        if (stored is null || occurred is null) return new StatementReading(null, stored, "no readable stored time");

        var voiding = verb == LearningVerb.Voided;
        if (voiding && statement.Object.ObjectType != "StatementRef")
            return new StatementReading(null, stored, "a voiding statement whose object is not a StatementRef");

        var learningEvent = new LearningEvent(
            statement.Id,
            verb,
            LearnerOf(statement.Actor),
            statement.Object.Id,
            NameOf(statement.Object.Definition),
            occurred.Value,
            stored.Value)
        {
            Score = statement.Result?.Score is { } score ? new LearningScore(score.Scaled, score.Raw, score.Min, score.Max) : null,
            Success = statement.Result?.Success,
            Completion = statement.Result?.Completion,
            VoidedEventId = voiding ? statement.Object.Id : null,
        };
        return new StatementReading(learningEvent, stored, null);
    }

    private static Learner LearnerOf(XapiActor? actor)
    {
        var mbox = actor?.Mbox;
        var email = mbox is not null && mbox.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) ? mbox["mailto:".Length..] : mbox;
        return new Learner(actor?.Account?.HomePage, actor?.Account?.Name, email, actor?.Name);
    }

    // A language map: the hub's own language first, then any English, then whatever the LRS has.
    private static string? NameOf(XapiActivityDefinition? definition)
    {
        if (definition?.Name is not { Count: > 0 } names) return null;
        if (names.TryGetValue("en-US", out var name) || names.TryGetValue("en", out name)) return name;
        return names.FirstOrDefault(n => n.Key.StartsWith("en-", StringComparison.OrdinalIgnoreCase)).Value ?? names.First().Value;
    }

    /// <summary>The statement's id, for logging one the hub could not read.</summary>
    public static string? IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}
