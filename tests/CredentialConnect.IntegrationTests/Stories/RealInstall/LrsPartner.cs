using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CredentialConnect.IntegrationTests.Stories.RealInstall;

/// <summary>
/// An xAPI LRS with the cmi5 profile: Basic auth with the LMS's key and secret, the version header, statements in
/// <c>stored</c> order with <c>since</c>/<c>until</c>, an honest consistent-through, and voiding as the spec has it
/// (a voided statement leaves query results; the voiding one stays).
/// </summary>
public sealed class LrsPartner : StrictPartner
{
    public const string Key = "lms-production-key";
    public const string Secret = "lms-production-secret";
    public const string HomePage = "https://learn.acp.example.org";

    private const string Voided = "http://adlnet.gov/expapi/verbs/voided";
    private readonly TimeProvider _clock;
    private readonly List<(JsonObject Statement, DateTimeOffset Stored)> _statements = [];
    private DateTimeOffset _reported = DateTimeOffset.MinValue;

    public LrsPartner(TimeProvider clock)
    {
        _clock = clock;
        Server.Given(Request.Create().WithPath("/xapi/about").UsingGet()).RespondWith(Response.Create().WithCallback(r => Answer(r, _ =>
            Json(200, new JsonObject { ["version"] = new JsonArray("1.0.3", "1.0.0") }))));
        Server.Given(Request.Create().WithPath("/xapi/statements").UsingGet()).RespondWith(Response.Create().WithCallback(r => Answer(r, Statements)));
    }

    public string Endpoint => Url + "/xapi/";

    /// <summary>Stores statements now, in the order given; their <c>timestamp</c> says when the learning happened.</summary>
    public void Store(params JsonObject[] statements)
    {
        lock (_statements)
        {
            foreach (var statement in statements)
            {
                var stored = _clock.GetUtcNow();
                if (_statements.Count > 0 && stored <= _statements[^1].Stored) stored = _statements[^1].Stored.AddMilliseconds(1);
                if (stored <= _reported) stored = _reported.AddMilliseconds(1);
                statement["stored"] = Format(stored);
                _statements.Add((statement, stored));
            }
        }
    }

    public static JsonObject Completed(string id, string learner, string courseIri, DateTimeOffset at) =>
        Statement(id, learner, "http://adlnet.gov/expapi/verbs/completed", courseIri, at, new JsonObject { ["completion"] = true, ["duration"] = "PT3H" });

    public static JsonObject Exam(string id, string learner, string examIri, DateTimeOffset at, int raw) =>
        Statement(id, learner, raw >= 70 ? "http://adlnet.gov/expapi/verbs/passed" : "http://adlnet.gov/expapi/verbs/failed", examIri, at, new JsonObject
        {
            ["score"] = new JsonObject { ["scaled"] = raw / 100m, ["raw"] = raw, ["min"] = 0, ["max"] = 100 },
            ["success"] = raw >= 70,
            ["completion"] = true,
        });

    public static JsonObject Voiding(string id, string voidedId, DateTimeOffset at) => new()
    {
        ["id"] = id,
        ["actor"] = new JsonObject { ["objectType"] = "Agent", ["account"] = new JsonObject { ["homePage"] = HomePage, ["name"] = "lms-admin" } },
        ["verb"] = new JsonObject { ["id"] = Voided, ["display"] = new JsonObject { ["en-US"] = "voided" } },
        ["object"] = new JsonObject { ["objectType"] = "StatementRef", ["id"] = voidedId },
        ["timestamp"] = Format(at),
        ["version"] = "1.0.0",
    };

    private static JsonObject Statement(string id, string learner, string verb, string activity, DateTimeOffset at, JsonObject result) => new()
    {
        ["id"] = id,
        ["actor"] = new JsonObject { ["objectType"] = "Agent", ["account"] = new JsonObject { ["homePage"] = HomePage, ["name"] = learner } },
        ["verb"] = new JsonObject { ["id"] = verb, ["display"] = new JsonObject { ["en-US"] = verb[(verb.LastIndexOf('/') + 1)..] } },
        ["object"] = new JsonObject
        {
            ["objectType"] = "Activity",
            ["id"] = activity,
            ["definition"] = new JsonObject { ["name"] = new JsonObject { ["en-US"] = activity[(activity.LastIndexOf('/') + 1)..] } },
        },
        ["result"] = result,
        ["timestamp"] = Format(at),
        ["version"] = "1.0.0",
    };

    private IResponseMessage Statements(IRequestMessage request)
    {
        var basic = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Key}:{Secret}"));
        if (Header(request, "Authorization") != basic) return Json(401, new JsonObject { ["message"] = "Unauthorized." });
        if (Header(request, "X-Experience-API-Version")?.StartsWith("1.0.", StringComparison.Ordinal) != true)
            return Json(400, new JsonObject { ["message"] = "The X-Experience-API-Version header is missing." });

        var query = HttpUtility.ParseQueryString(request.RawQuery ?? "");
        var since = Instant(query["since"]);
        var until = Instant(query["until"]);
        lock (_statements)
        {
            var voided = _statements.Where(s => s.Statement["verb"]!["id"]!.GetValue<string>() == Voided)
                .Select(s => s.Statement["object"]!["id"]!.GetValue<string>()).ToHashSet();
            var page = _statements
                .Where(s => !voided.Contains(s.Statement["id"]!.GetValue<string>()))
                .Where(s => (since is null || s.Stored > since) && (until is null || s.Stored <= until))
                .Select(s => (JsonNode)s.Statement.DeepClone())
                .ToArray();
            var now = _clock.GetUtcNow();
            var consistent = _statements.Count > 0 && _statements[^1].Stored > now ? _statements[^1].Stored : now;
            if (consistent > _reported) _reported = consistent;
            return Json(200, new JsonObject { ["statements"] = new JsonArray(page), ["more"] = "" },
                ("X-Experience-API-Version", "1.0.3"), ("X-Experience-API-Consistent-Through", Format(_reported)));
        }
    }

    private static DateTimeOffset? Instant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant : null;

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
