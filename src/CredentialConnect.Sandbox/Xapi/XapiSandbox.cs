using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using System.Xml;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CredentialConnect.Sandbox.Xapi;

/// <summary>
/// A cmi5 LMS and its xAPI LRS. It remembers a history of sessions for the association's people and, on every
/// <see cref="Tick"/>, stores a few more (now and then voiding an earlier completion), so a hub pointed at it sees
/// completions and exam results arrive. The Statements resource pages with <c>more</c> and reports
/// <c>X-Experience-API-Consistent-Through</c> as an LRS must.
/// </summary>
public sealed class XapiSandbox : ILiveSandboxPartner
{
    /// <summary>The LRS key the sandbox accepts (HTTP Basic user name).</summary>
    public const string Key = "sandbox-lms";

    /// <summary>The LRS secret the sandbox accepts.</summary>
    public const string Secret = "sandbox-lms-secret";

    /// <summary>The Standard Webhooks secret of the sandbox's statement relay.</summary>
    public const string WebhookSecret = "whsec_Y3JlZGVudGlhbGNvbm5lY3Qtc2FuZGJveC14YXBp";

    private const string Endpoint = "/xapi/";
    private const string VersionHeader = "X-Experience-API-Version";
    private const string ConsistentThroughHeader = "X-Experience-API-Consistent-Through";
    private const int ServerLimit = 100;

    private static readonly string Courses = SandboxAssociation.LmsHomePage + "/courses/";
    private static readonly string Exams = SandboxAssociation.LmsHomePage + "/exams/";
    private static readonly TimeSpan ExamLength = TimeSpan.FromMinutes(90);
    private static readonly TimeSpan WrapUp = TimeSpan.FromSeconds(20);

    private static readonly Dictionary<string, TimeSpan> CourseLengths = new()
    {
        [Courses + "ethics-in-practice"] = TimeSpan.FromHours(3),
        [Courses + "advanced-grantwriting"] = TimeSpan.FromHours(6),
        [Courses + "nonprofit-finance-basics"] = TimeSpan.FromHours(4),
    };

    private static readonly HashSet<string> KnownParameters =
        ["statementId", "voidedStatementId", "verb", "activity", "since", "until", "limit", "format", "attachments", "ascending", "more"];

    private readonly Lock _gate = new();
    private readonly Random _random = new(2026);
    private SandboxAssociation? _association;
    private SandboxLrs? _lrs;

    /// <summary>The sandbox LMS's catalogue: three courses and the exams of the demo programs (GWE, NFM, CNP).</summary>
    public static IReadOnlyList<SandboxActivity> DefaultActivities { get; } =
    [
        new(Courses + "ethics-in-practice", "Ethics in Practice", IsExam: false),
        new(Courses + "advanced-grantwriting", "Advanced Grantwriting", IsExam: false),
        new(Courses + "nonprofit-finance-basics", "Nonprofit Finance Basics", IsExam: false),
        new(Exams + "GWE", "Grant Writing Essentials exam", IsExam: true),
        new(Exams + "NFM", "Nonprofit Financial Management exam", IsExam: true),
        new(Exams + "CNP", "Certified Nonprofit Professional exam", IsExam: true),
    ];

    /// <inheritdoc />
    public string Connector => "xapi";

    /// <inheritdoc />
    public string Section => "Connectors:Xapi";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> Start(WireMockServer server, SandboxAssociation association)
    {
        lock (_gate)
        {
            _association = association;
            _lrs = new SandboxLrs(association.Clock, Key);
            if (association.Activities.Count == 0) association.Activities.AddRange(DefaultActivities);
            RememberHistory(association.Clock.GetUtcNow());
        }

        // About is public, as most LRSs have it; everything else needs the key and secret.
        server.Given(Request.Create().WithPath(Endpoint + "about").UsingGet())
            .RespondWith(Response.Create().WithCallback(_ => Json(200, new JsonObject
            {
                ["version"] = new JsonArray("1.0.3", "1.0.2", "1.0.1", "1.0.0"),
                ["extensions"] = new JsonObject(),
            })));
        server.Given(Request.Create().WithPath(Endpoint + "statements").UsingGet())
            .RespondWith(Response.Create().WithCallback(Statements));

        return new Dictionary<string, string?>
        {
            ["Enabled"] = "true",
            ["BaseUrl"] = server.Url + Endpoint,
            ["Key"] = Key,
            ["Secret"] = Secret,
            ["WebhookSecret"] = WebhookSecret,
        };
    }

    /// <summary>A little time has passed in the LMS: a few learners finish a session, and now and then an administrator voids an earlier completion.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            if (_association is null || _lrs is null) return;
            var people = People();
            if (people.Count == 0) return;

            var now = _association.Clock.GetUtcNow();
            for (var sessions = 1 + _random.Next(3); sessions > 0; sessions--)
            {
                var activity = PickActivity();
                var person = people[_random.Next(people.Count)];
                foreach (var (statement, _) in Session(person, activity, now - LengthOf(activity) - WrapUp))
                    _lrs.Store(statement, now);
            }
            if (_random.NextDouble() < 0.15 && _lrs.VoidableCompletions() is { Count: > 0 } completions)
                _lrs.Store(Cmi5.Voiding(NewId(), completions[_random.Next(completions.Count)], now), now);
        }
    }

    // Sessions over the last six months, stored in the order they happened.
    private void RememberHistory(DateTimeOffset now)
    {
        var history = new List<(JsonObject Statement, DateTimeOffset At)>();
        foreach (var person in People())
        {
            for (var attempts = _random.Next(4); attempts > 0; attempts--)
            {
                var start = now - TimeSpan.FromMinutes(_random.Next(60 * 24, 60 * 24 * 180));
                var session = Session(person, PickActivity(), start);
                history.AddRange(session);
                var (outcome, finishedAt) = session[2];
                if (outcome["verb"]!["id"]!.GetValue<string>() == Cmi5.Completed && _random.NextDouble() < 0.05)
                {
                    var voidedAt = Min(finishedAt + TimeSpan.FromDays(1 + _random.Next(20)), now - TimeSpan.FromMinutes(1));
                    history.Add((Cmi5.Voiding(NewId(), outcome["id"]!.GetValue<string>(), voidedAt), voidedAt));
                }
            }
        }
        // The LMS sends each statement a moment after it happens.
        foreach (var (statement, at) in history.OrderBy(h => h.At)) _lrs!.Store(statement, at + TimeSpan.FromSeconds(2));
    }

    // launched, initialized, the outcome (completed, or passed/failed with a score), terminated.
    private List<(JsonObject Statement, DateTimeOffset At)> Session(SandboxPerson person, SandboxActivity activity, DateTimeOffset start)
    {
        var actor = Cmi5.Actor(person, byEmail: KnownByEmailOnly(person));
        var registration = NewId();
        var session = NewId();
        var length = LengthOf(activity);
        var end = start + length;
        var (verb, result) = activity.IsExam ? ExamResult(length) : (Cmi5.Completed, new JsonObject { ["completion"] = true, ["duration"] = Duration(length) });

        (JsonObject, DateTimeOffset) Statement(string iri, DateTimeOffset at, JsonObject? outcome) =>
            (Cmi5.Statement(NewId(), actor, iri, activity, at, registration, session, outcome), at);

        return
        [
            Statement(Cmi5.Launched, start, null),
            Statement(Cmi5.Initialized, start.AddSeconds(4), null),
            Statement(verb, end, result),
            Statement(Cmi5.Terminated, end + WrapUp, new JsonObject { ["duration"] = Duration(length + WrapUp) }),
        ];
    }

    private (string Verb, JsonObject Result) ExamResult(TimeSpan length)
    {
        var raw = _random.Next(48, 99);
        var passed = raw >= 70;
        return (passed ? Cmi5.Passed : Cmi5.Failed, new JsonObject
        {
            ["score"] = new JsonObject { ["scaled"] = raw / 100m, ["raw"] = raw, ["min"] = 0, ["max"] = 100 },
            ["success"] = passed,
            ["duration"] = Duration(length),
        });
    }

    private IResponseMessage Statements(IRequestMessage request)
    {
        if (Refusal(request) is { } refusal) return refusal;

        var parameters = HttpUtility.ParseQueryString(request.RawQuery ?? "");
        var names = parameters.AllKeys.OfType<string>().ToList();
        if (names.FirstOrDefault(n => !KnownParameters.Contains(n)) is { } unknown)
            return Error(400, $"The parameter '{unknown}' is not one the Statements resource takes.");
        if (parameters["statementId"] is { } id) return Single(id, voided: false);
        if (parameters["voidedStatementId"] is { } voidedId) return Single(voidedId, voided: true);

        StatementQuery? query;
        if (parameters["more"] is { } token)
        {
            query = names.Count == 1 ? StatementQuery.FromToken(token) : null;
            if (query is null) return Error(400, "The more link is not valid, or has expired.");
        }
        else if (!TryReadQuery(parameters, out query, out var problem))
        {
            return Error(400, problem);
        }

        var page = _lrs!.Query(query);
        return Json(200, new JsonObject
        {
            ["statements"] = new JsonArray(page.Statements.ToArray<JsonNode>()),
            ["more"] = page.More is null ? "" : $"{Endpoint}statements?more={page.More.ToToken()}",
        }, (ConsistentThroughHeader, SandboxLrs.Format(page.ConsistentThrough)));
    }

    private static bool TryReadQuery(System.Collections.Specialized.NameValueCollection parameters, out StatementQuery query, out string problem)
    {
        query = new StatementQuery(null, null, Ascending: false, ServerLimit, parameters["verb"], parameters["activity"], After: null);
        problem = "";
        foreach (var name in new[] { "since", "until" })
        {
            if (parameters[name] is not { } value) continue;
            if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            {
                problem = $"'{name}' must be an ISO 8601 timestamp.";
                return false;
            }
            query = name == "since" ? query with { Since = instant } : query with { Until = instant };
        }
        if (parameters["limit"] is { } limit)
        {
            if (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                problem = "'limit' must be a non-negative integer.";
                return false;
            }
            // 0 asks for the server's maximum; the server never returns more than that.
            query = query with { Limit = count == 0 ? ServerLimit : Math.Min(count, ServerLimit) };
        }
        if (parameters["ascending"] is { } ascending)
        {
            if (ascending is not ("true" or "false"))
            {
                problem = "'ascending' must be true or false.";
                return false;
            }
            query = query with { Ascending = ascending == "true" };
        }
        if (parameters["format"] is { } format && format is not ("exact" or "ids" or "canonical"))
        {
            problem = "'format' must be exact, ids or canonical.";
            return false;
        }
        return true;
    }

    private IResponseMessage Single(string id, bool voided) =>
        _lrs!.Find(id, voided) is { } statement ? Json(200, statement) : Error(404, $"No statement {id}.");

    private static IResponseMessage? Refusal(IRequestMessage request)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Key}:{Secret}"));
        if (Header(request, "Authorization") != expected)
        {
            var refused = Error(401, "Unauthorized.");
            refused.AddHeader("WWW-Authenticate", "Basic realm=\"LRS\"");
            return refused;
        }
        return Header(request, VersionHeader) is { } version && version.StartsWith("1.0.", StringComparison.Ordinal)
            ? null
            : Error(400, $"The {VersionHeader} header is missing or names a version this LRS does not support.");
    }

    private static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static ResponseMessage Error(int status, string message) => Json(status, new JsonObject { ["message"] = message });

    private static ResponseMessage Json(int status, JsonNode body, params (string Name, string Value)[] headers)
    {
        var response = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
        };
        response.AddHeader("Content-Type", "application/json; charset=utf-8");
        response.AddHeader(VersionHeader, "1.0.3");
        foreach (var (name, value) in headers) response.AddHeader(name, value);
        return response;
    }

    private List<SandboxPerson> People() => _association!.People.Values.OrderBy(p => p.AmsMemberId, StringComparer.Ordinal).ToList();

    private SandboxActivity PickActivity() => _association!.Activities[_random.Next(_association.Activities.Count)];

    private static TimeSpan LengthOf(SandboxActivity activity) =>
        activity.IsExam ? ExamLength : CourseLengths.GetValueOrDefault(activity.ActivityId, TimeSpan.FromHours(1));

    // About one learner in ten has an LMS account made before single sign-on, known only by email.
    private static bool KnownByEmailOnly(SandboxPerson person) => person.AmsMemberId.Sum(c => c) % 10 == 0;

    private static string Duration(TimeSpan length) => XmlConvert.ToString(length);

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    // Deterministic version-4 UUIDs, so the sandbox tells the same story on every run.
    private string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
