using System.Text.Json.Nodes;
using CredentialConnect.Sandbox.Xapi;

namespace CredentialConnect.ConnectorTests.Xapi;

/// <summary>A cmi5 statement as an LRS returns it, defaulting to a learner completing a course.</summary>
internal sealed class StatementBuilder
{
    public const string HomePage = "https://lms.example.org";
    public const string CourseId = "https://lms.example.org/courses/ethics-in-practice";

    private string? _id = Guid.NewGuid().ToString();
    private string _verb = Cmi5.Completed;
    private JsonObject _actor = new()
    {
        ["objectType"] = "Agent",
        ["name"] = "Dana Whitfield",
        ["account"] = new JsonObject { ["homePage"] = HomePage, ["name"] = "WA-100037" },
    };
    private JsonObject _object = Activity(CourseId, new JsonObject { ["en-US"] = "Ethics in Practice" });
    private JsonObject? _result;
    private string? _timestamp = "2026-03-01T14:30:00.000Z";
    private string _stored = "2026-03-01T14:30:01.250Z";

    public string? Id => _id;

    public StatementBuilder WithId(string? id) { _id = id; return this; }

    public StatementBuilder WithVerb(string verb) { _verb = verb; return this; }

    public StatementBuilder WithActor(JsonObject actor) { _actor = actor; return this; }

    public StatementBuilder WithActivity(string? id, JsonObject? name = null) { _object = Activity(id, name); return this; }

    public StatementBuilder Voiding(string statementId)
    {
        _verb = Cmi5.Voided;
        _object = new JsonObject { ["objectType"] = "StatementRef", ["id"] = statementId };
        return this;
    }

    public StatementBuilder WithScore(decimal scaled, decimal raw, decimal min, decimal max, bool? success, bool? completion)
    {
        _result = new JsonObject
        {
            ["score"] = new JsonObject { ["scaled"] = scaled, ["raw"] = raw, ["min"] = min, ["max"] = max },
            ["success"] = success,
            ["completion"] = completion,
        };
        return this;
    }

    public StatementBuilder WithTimestamp(string? timestamp) { _timestamp = timestamp; return this; }

    public StatementBuilder StoredAt(string stored) { _stored = stored; return this; }

    public JsonObject Build()
    {
        var statement = new JsonObject
        {
            ["actor"] = _actor.DeepClone(),
            ["verb"] = new JsonObject { ["id"] = _verb, ["display"] = new JsonObject { ["en-US"] = _verb[(_verb.LastIndexOf('/') + 1)..] } },
            ["object"] = _object.DeepClone(),
            ["stored"] = _stored,
            ["authority"] = new JsonObject { ["objectType"] = "Agent", ["account"] = new JsonObject { ["homePage"] = HomePage, ["name"] = "lms" } },
            ["version"] = "1.0.0",
        };
        if (_id is not null) statement["id"] = _id;
        if (_result is not null) statement["result"] = _result.DeepClone();
        if (_timestamp is not null) statement["timestamp"] = _timestamp;
        return statement;
    }

    public static JsonObject Account(string homePage, string name, string? displayName = null) => new()
    {
        ["objectType"] = "Agent",
        ["name"] = displayName,
        ["account"] = new JsonObject { ["homePage"] = homePage, ["name"] = name },
    };

    public static JsonObject Mbox(string email, string? displayName = null) => new()
    {
        ["objectType"] = "Agent",
        ["name"] = displayName,
        ["mbox"] = "mailto:" + email,
    };

    private static JsonObject Activity(string? id, JsonObject? name)
    {
        var activity = new JsonObject { ["objectType"] = "Activity" };
        if (id is not null) activity["id"] = id;
        if (name is not null)
            activity["definition"] = new JsonObject { ["name"] = name.DeepClone(), ["type"] = "http://adlnet.gov/expapi/activities/lesson" };
        return activity;
    }
}

/// <summary>A StatementResult body: the statements and the <c>more</c> link, empty on the last page as the spec says.</summary>
internal static class StatementResult
{
    public static string Of(string? more, params StatementBuilder[] statements) =>
        new JsonObject
        {
            ["statements"] = new JsonArray(statements.Select(s => (JsonNode)s.Build()).ToArray()),
            ["more"] = more ?? "",
        }.ToJsonString();
}
