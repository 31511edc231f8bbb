using System.Text.Json.Nodes;

namespace CredentialConnect.Sandbox.Xapi;

/// <summary>The cmi5 vocabulary and statement shapes the sandbox LMS sends to its LRS.</summary>
internal static class Cmi5
{
    public const string Launched = "http://adlnet.gov/expapi/verbs/launched";
    public const string Initialized = "http://adlnet.gov/expapi/verbs/initialized";
    public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
    public const string Passed = "http://adlnet.gov/expapi/verbs/passed";
    public const string Failed = "http://adlnet.gov/expapi/verbs/failed";
    public const string Terminated = "http://adlnet.gov/expapi/verbs/terminated";
    public const string Voided = "http://adlnet.gov/expapi/verbs/voided";
    public const string Satisfied = "https://w3id.org/xapi/adl/verbs/satisfied";
    public const string Abandoned = "https://w3id.org/xapi/adl/verbs/abandoned";
    public const string Waived = "https://w3id.org/xapi/adl/verbs/waived";

    // Not cmi5, but common in an LRS that other activity providers also write to.
    public const string Experienced = "http://adlnet.gov/expapi/verbs/experienced";

    private const string Category = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
    private const string MoveOn = "https://w3id.org/xapi/cmi5/context/categories/moveon";
    private const string SessionId = "https://w3id.org/xapi/cmi5/context/extensions/sessionid";

    /// <summary>
    /// The learner. cmi5 requires an account, and xAPI allows exactly one identifier, so a learner is an account
    /// (the AMS id carried by single sign-on) or, for accounts made before single sign-on, an email.
    /// </summary>
    public static JsonObject Actor(SandboxPerson person, bool byEmail) => byEmail
        ? new JsonObject { ["objectType"] = "Agent", ["name"] = $"{person.FirstName} {person.LastName}", ["mbox"] = "mailto:" + person.Email }
        : new JsonObject
        {
            ["objectType"] = "Agent",
            ["name"] = $"{person.FirstName} {person.LastName}",
            ["account"] = new JsonObject { ["homePage"] = SandboxAssociation.LmsHomePage, ["name"] = person.AmsMemberId },
        };

    /// <summary>One statement of a cmi5 session.</summary>
    public static JsonObject Statement(
        string id, JsonObject actor, string verb, SandboxActivity activity, DateTimeOffset timestamp, string registration, string session, JsonObject? result)
    {
        var categories = new JsonArray(new JsonObject { ["id"] = Category });
        if (verb is Completed or Passed or Failed) categories.Add(new JsonObject { ["id"] = MoveOn });
        var statement = new JsonObject
        {
            ["id"] = id,
            ["actor"] = actor.DeepClone(),
            ["verb"] = Verb(verb),
            ["object"] = new JsonObject
            {
                ["objectType"] = "Activity",
                ["id"] = activity.ActivityId,
                ["definition"] = new JsonObject
                {
                    ["name"] = new JsonObject { ["en-US"] = activity.Name },
                    ["type"] = activity.IsExam ? "http://adlnet.gov/expapi/activities/assessment" : "http://adlnet.gov/expapi/activities/lesson",
                },
            },
            ["context"] = new JsonObject
            {
                ["registration"] = registration,
                ["contextActivities"] = new JsonObject { ["category"] = categories },
                ["extensions"] = new JsonObject { [SessionId] = session },
            },
            ["timestamp"] = SandboxLrs.Format(timestamp),
        };
        if (result is not null) statement["result"] = result;
        return statement;
    }

    /// <summary>The LMS administrator withdrawing a statement (a completion recorded against the wrong learner, say).</summary>
    public static JsonObject Voiding(string id, string voidedId, DateTimeOffset timestamp) => new()
    {
        ["id"] = id,
        ["actor"] = new JsonObject
        {
            ["objectType"] = "Agent",
            ["name"] = "LMS administrator",
            ["account"] = new JsonObject { ["homePage"] = SandboxAssociation.LmsHomePage, ["name"] = "lms-admin" },
        },
        ["verb"] = Verb(Voided),
        ["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = voidedId },
        ["timestamp"] = SandboxLrs.Format(timestamp),
    };

    private static JsonObject Verb(string iri) => new()
    {
        ["id"] = iri,
        ["display"] = new JsonObject { ["en-US"] = iri[(iri.LastIndexOf('/') + 1)..] },
    };
}
