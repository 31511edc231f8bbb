using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace CredentialConnect.Sandbox.WildApricot;

/// <summary>
/// Wild Apricot, simulated: the OAuth token endpoint, the account and its contacts (synchronous and asynchronous
/// queries, <c>$filter</c> on "Profile last updated" or <c>Id in [...]</c>, <c>$top</c>, <c>$skip</c>), answering
/// from <see cref="SandboxAssociation.People"/> as it is at the moment of each request. <see cref="Tick"/> makes
/// the association live: a few members change and now and then somebody joins.
/// </summary>
/// <remarks>People whose <see cref="SandboxPerson.AmsMemberId"/> is not a number are not contacts here: Wild Apricot's ids are integers.</remarks>
public sealed partial class WildApricotSandbox : ISandboxPartner
{
    /// <summary>The API key the sandbox accepts.</summary>
    public const string ApiKey = "sandbox-wild-apricot-api-key";

    /// <summary>The simulated account.</summary>
    public const int AccountId = 424242;

    /// <summary>The token the sandbox's webhook notifications would carry in <c>?token=</c>.</summary>
    public const string WebhookToken = "sandbox-wild-apricot-webhook-token";

    private const int TokenLifetimeSeconds = 1800;

    // The account's time zone: Wild Apricot writes times in it, with the offset.
    private static readonly TimeSpan AccountOffset = TimeSpan.FromHours(-5);
    private static readonly string[] Levels = ["Professional", "Associate", "Student", "Fellow"];
    private static readonly string[] FirstNames = ["Amara", "Bruno", "Chen", "Dalia", "Emeka", "Freya", "Gustavo", "Hana", "Idris", "Julia", "Kofi", "Lena"];
    private static readonly string[] LastNames = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Kowalski", "Reyes", "Nakamura", "Osei", "Fischer"];

    private readonly Lock _gate = new();
    private readonly Random _random = new(1729);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _tokens = new();
    private readonly ConcurrentDictionary<string, IReadOnlyList<SandboxPerson>> _results = new();
    private readonly ConcurrentDictionary<string, int> _levelIds = new(StringComparer.OrdinalIgnoreCase);
    private SandboxAssociation? _association;
    private string _url = "";

    /// <inheritdoc />
    public string Connector => "wild-apricot";

    /// <inheritdoc />
    public string Section => "Connectors:WildApricot";

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string?> Start(WireMockServer server, SandboxAssociation association)
    {
        _association = association;
        _url = server.Url!.TrimEnd('/');

        server.Given(Request.Create().WithPath("/auth/token").UsingPost())
            .RespondWith(Response.Create().WithCallback(IssueToken));
        server.Given(Request.Create().WithPath(new RegexMatcher(@"^/v2\.2/accounts/\d+$", ignoreCase: true)).UsingGet())
            .RespondWith(Response.Create().WithCallback(request => Authorized(request, _ => Account())));
        server.Given(Request.Create().WithPath(new RegexMatcher(@"^/v2\.2/accounts/\d+/contacts$", ignoreCase: true)).UsingGet())
            .RespondWith(Response.Create().WithCallback(request => Authorized(request, Contacts)));

        return new Dictionary<string, string?>
        {
            ["Enabled"] = "true",
            ["BaseUrl"] = server.Url,
            ["AuthUrl"] = server.Url,
            ["ApiKey"] = ApiKey,
            ["AccountId"] = AccountId.ToString(CultureInfo.InvariantCulture),
            ["WebhookToken"] = WebhookToken,
        };
    }

    /// <summary>
    /// Moves the story on: two members change (a profile edit, a level change, a renewal or a lapse), stamped with
    /// the association's clock, and about one call in three somebody new joins. Returns who changed.
    /// </summary>
    public IReadOnlyList<SandboxPerson> Tick()
    {
        var association = _association ?? throw new InvalidOperationException("Start the sandbox before ticking it.");
        lock (_gate)
        {
            var now = association.Clock.GetUtcNow();
            var contacts = ContactsOf(association.People.Values);
            var changed = new List<SandboxPerson>();
            for (var i = 0; i < Math.Min(2, contacts.Count); i++)
                changed.Add(Change(contacts[_random.Next(contacts.Count)], now));
            if (_random.Next(3) == 0) changed.Add(Newcomer(contacts, now));
            association.Populate(changed);
            return changed;
        }
    }

    /// <summary>The body of the "contact modified" notification Wild Apricot would post for <paramref name="amsMemberId"/>.</summary>
    public static byte[] ContactModifiedNotification(string amsMemberId) =>
        JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["AccountId"] = AccountId,
            ["MessageType"] = "ContactModified",
            ["Parameters"] = new JsonObject { ["Action"] = "Changed", ["Contact.Id"] = amsMemberId },
        });

    private SandboxPerson Change(SandboxPerson person, DateTimeOffset now) => _random.Next(4) switch
    {
        0 => person with { Level = Levels[_random.Next(Levels.Length)], UpdatedAt = now },
        1 => person with { Status = "Active", RenewalDue = person.RenewalDue.AddYears(1), UpdatedAt = now },
        2 => person with { Status = "Lapsed", UpdatedAt = now },
        _ => person with { UpdatedAt = now },
    };

    private SandboxPerson Newcomer(IReadOnlyList<SandboxPerson> contacts, DateTimeOffset now)
    {
        var id = contacts.Count == 0 ? 50_000_001 : contacts.Max(IdOf) + 1;
        var first = FirstNames[_random.Next(FirstNames.Length)];
        var last = LastNames[_random.Next(LastNames.Length)];
        var today = DateOnly.FromDateTime(now.ToOffset(AccountOffset).DateTime);
        return new SandboxPerson(
            id.ToString(CultureInfo.InvariantCulture),
            $"{first}.{last}.{id}@example.org".ToLowerInvariant(),
            first,
            last,
            Levels[_random.Next(Levels.Length)],
            _random.Next(2) == 0 ? "PendingNew" : "Active",
            today,
            today.AddYears(1),
            now);
    }

    // POST /auth/token: Basic base64("APIKEY:" + key), form grant_type=client_credentials.
    private ResponseMessage IssueToken(IRequestMessage request)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("APIKEY:" + ApiKey));
        if (Header(request, "Authorization") != expected || request.Body?.Contains("grant_type=client_credentials", StringComparison.Ordinal) != true)
            return Json(HttpStatusCode.BadRequest, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "Invalid client credentials." });

        var token = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        _tokens[token] = Now.AddSeconds(TokenLifetimeSeconds);
        return Json(HttpStatusCode.OK, new JsonObject
        {
            ["access_token"] = token,
            ["token_type"] = "Bearer",
            ["expires_in"] = TokenLifetimeSeconds,
            ["refresh_token"] = "rt_" + token,
            ["Permissions"] = new JsonArray(new JsonObject
            {
                ["AccountId"] = AccountId,
                ["SecurityProfileId"] = 1,
                ["AvailableScopes"] = new JsonArray("contacts_view", "account_view", "membership_levels_view"),
            }),
        });
    }

    private ResponseMessage Authorized(IRequestMessage request, Func<IRequestMessage, ResponseMessage> answer)
    {
        var authorization = Header(request, "Authorization") ?? "";
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            || !_tokens.TryGetValue(authorization["Bearer ".Length..], out var expiresAt) || expiresAt <= Now)
            return Json(HttpStatusCode.Unauthorized, new JsonObject { ["message"] = "Authorization has been denied for this request." });
        if (!request.Path.Contains($"/accounts/{AccountId}", StringComparison.OrdinalIgnoreCase))
            return Json(HttpStatusCode.Forbidden, new JsonObject { ["message"] = "The token does not grant access to this account." });
        return answer(request);
    }

    private ResponseMessage Account() => Json(HttpStatusCode.OK, new JsonObject
    {
        ["Id"] = AccountId,
        ["Url"] = $"{_url}/v2.2/accounts/{AccountId}",
        ["PrimaryDomainName"] = "sandbox.wildapricot.org",
        ["Name"] = "Sandbox Association",
        ["ContactLimitInfo"] = new JsonObject { ["CurrentContactsCount"] = ContactsOf(People).Count, ["BillingPlanContactsLimit"] = 2000 },
        ["TimeZone"] = new JsonObject { ["ZoneId"] = "Eastern Standard Time", ["Name"] = "(UTC-05:00) Eastern Time (US & Canada)", ["UtcOffset"] = -300 },
    });

    // GET contacts: a synchronous query answers with the contacts; an asynchronous one (Wild Apricot's default)
    // answers with a ResultUrl whose result is the contacts as they were when the query was made.
    private ResponseMessage Contacts(IRequestMessage request)
    {
        if (Query(request, "resultId") is { } resultId)
        {
            return _results.TryGetValue(resultId, out var result)
                ? Json(HttpStatusCode.OK, Result(resultId, "Complete", result))
                : Json(HttpStatusCode.NotFound, new JsonObject { ["message"] = $"Result {resultId} not found or expired." });
        }

        var selected = ContactsOf(People).AsEnumerable();
        if (Query(request, "$filter") is { } filter)
        {
            if (Filter(filter) is not { } matches)
                return Json(HttpStatusCode.BadRequest, new JsonObject { ["message"] = $"Unsupported filter: {filter}" });
            selected = selected.Where(matches);
        }
        selected = selected.Skip(Number(Query(request, "$skip")) ?? 0);
        if (Number(Query(request, "$top")) is { } top) selected = selected.Take(top);
        var contacts = selected.ToList();

        if (string.Equals(Query(request, "$async"), "false", StringComparison.OrdinalIgnoreCase))
            return Json(HttpStatusCode.OK, new JsonObject { ["Contacts"] = new JsonArray([.. contacts.Select(Contact)]) });

        var id = Guid.NewGuid().ToString("N");
        _results[id] = contacts;
        return Json(HttpStatusCode.OK, Result(id, "Waiting", contacts: null));
    }

    private JsonObject Result(string resultId, string state, IReadOnlyList<SandboxPerson>? contacts)
    {
        var result = new JsonObject
        {
            ["ResultId"] = resultId,
            ["ResultUrl"] = $"{_url}/v2.2/accounts/{AccountId}/contacts?resultId={resultId}",
            ["Requested"] = Local(Now),
            ["State"] = state,
        };
        if (contacts is not null)
        {
            result["Processed"] = Local(Now);
            result["Contacts"] = new JsonArray([.. contacts.Select(Contact)]);
        }
        return result;
    }

    // The two filters the hub sends: 'Profile last updated' ge <time> and Id in [1,2,3], alone or joined by "and".
    private static Func<SandboxPerson, bool>? Filter(string filter)
    {
        var conditions = new List<Func<SandboxPerson, bool>>();
        foreach (var part in filter.Split(" and ", StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (UpdatedFilter().Match(part) is { Success: true } updated
                && DateTimeOffset.TryParse(updated.Groups["time"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var bound))
            {
                var inclusive = updated.Groups["op"].Value == "ge";
                conditions.Add(person => inclusive ? person.UpdatedAt >= bound : person.UpdatedAt > bound);
            }
            else if (IdFilter().Match(part) is { Success: true } ids)
            {
                var wanted = ids.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet();
                conditions.Add(person => wanted.Contains(person.AmsMemberId));
            }
            else
            {
                return null;
            }
        }
        return person => conditions.All(condition => condition(person));
    }

    private JsonObject Contact(SandboxPerson person)
    {
        var id = IdOf(person);
        var levelId = _levelIds.GetOrAdd(person.Level, _ => 7000 + _levelIds.Count);
        var status = WildApricotStatus(person.Status);
        return new JsonObject
        {
            ["FirstName"] = person.FirstName,
            ["LastName"] = person.LastName,
            ["Email"] = person.Email,
            ["DisplayName"] = $"{person.LastName}, {person.FirstName}",
            ["Organization"] = "",
            ["ProfileLastUpdated"] = Local(person.UpdatedAt),
            ["MembershipLevel"] = new JsonObject
            {
                ["Id"] = levelId,
                ["Url"] = $"{_url}/v2.2/accounts/{AccountId}/MembershipLevels/{levelId}",
                ["Name"] = person.Level,
            },
            ["MembershipEnabled"] = true,
            ["Status"] = status,
            ["FieldValues"] = new JsonArray(
                Field("Archived", false, "IsArchived"),
                Field("Member since", LocalMidnight(person.MemberSince), "MemberSince"),
                Field("Renewal due", person.RenewalDue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "RenewalDue"),
                Field("Membership status", new JsonObject { ["Id"] = StatusIds.IndexOf(status) + 1, ["Label"] = StatusLabel(status) }, "Status"),
                Field("Membership level ID", levelId, "MembershipLevelId"),
                Field("Profile last updated", Local(person.UpdatedAt), "LastUpdated"),
                Field("e-Mail", person.Email, "Email")),
            ["Id"] = id,
            ["Url"] = $"{_url}/v2.2/accounts/{AccountId}/Contacts/{id}",
            ["IsAccountAdministrator"] = false,
            ["TermsOfUseAccepted"] = true,
        };
    }

    private static readonly List<string> StatusIds = ["Active", "Lapsed", "PendingNew", "PendingRenewal", "PendingLevel", "Suspended"];

    private static string WildApricotStatus(string status) =>
        StatusIds.FirstOrDefault(known => string.Equals(known, status, StringComparison.OrdinalIgnoreCase)) ?? "Active";

    private static string StatusLabel(string status) => status switch
    {
        "PendingNew" => "Pending - New",
        "PendingRenewal" => "Pending - Renewal",
        "PendingLevel" => "Pending - Level change",
        _ => status,
    };

    private static JsonObject Field(string name, JsonNode? value, string systemCode) =>
        new() { ["FieldName"] = name, ["Value"] = value, ["SystemCode"] = systemCode };

    private IEnumerable<SandboxPerson> People => _association?.People.Values ?? [];

    private DateTimeOffset Now => _association?.Clock.GetUtcNow() ?? DateTimeOffset.UtcNow;

    private static List<SandboxPerson> ContactsOf(IEnumerable<SandboxPerson> people) =>
        [.. people.Where(person => int.TryParse(person.AmsMemberId, NumberStyles.None, CultureInfo.InvariantCulture, out _)).OrderBy(IdOf)];

    private static int IdOf(SandboxPerson person) => int.Parse(person.AmsMemberId, CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset instant) =>
        instant.ToOffset(AccountOffset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static string LocalMidnight(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), AccountOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static int? Number(string? text) => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    private static string? Header(IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static string? Query(IRequestMessage request, string name) =>
        request.Query?.FirstOrDefault(parameter => string.Equals(Uri.UnescapeDataString(parameter.Key), name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    private static ResponseMessage Json(HttpStatusCode status, JsonNode body) => new()
    {
        StatusCode = (int)status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json; charset=utf-8") },
        BodyData = new BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
    };

    [GeneratedRegex(@"^'Profile last updated'\s+(?<op>ge|gt)\s+'?(?<time>[^']+?)'?$", RegexOptions.IgnoreCase)]
    private static partial Regex UpdatedFilter();

    [GeneratedRegex(@"^Id\s+in\s+\[(?<ids>[\d,\s]*)\]$", RegexOptions.IgnoreCase)]
    private static partial Regex IdFilter();
}
