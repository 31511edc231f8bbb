using System.Globalization;
using System.Text.Json;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Features.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CredentialConnect.Benchmarks;

/// <summary>
/// Wild Apricot and an xAPI LRS on a loopback port, answering from a <see cref="Dataset"/> that is computed per
/// request: nothing but the current page is ever in memory. The shapes are those of the sandbox partners (a
/// contact with its system fields, a cmi5 statement with its context); only what the connectors use is honoured
/// in queries: <c>$top</c>, <c>$skip</c> and the "Profile last updated" filter; <c>since</c>, <c>limit</c>, <c>more</c>.
/// </summary>
internal sealed class LocalPartners : IAsyncDisposable
{
    public const int AccountId = 424242;
    public const string ApiKey = "benchmark-api-key";
    public const string LrsKey = "benchmark-lrs";
    public const string LrsSecret = "benchmark-lrs-secret";

    private static readonly TimeSpan AccountOffset = TimeSpan.FromHours(-5);
    private const int FlushEvery = 64;

    private readonly WebApplication _app;
    private Dataset _dataset;
    private long _served;

    private LocalPartners(WebApplication app, Dataset dataset)
    {
        _app = app;
        _dataset = dataset;
    }

    public string Url { get; private set; } = "";

    /// <summary>Contacts and statements answered so far (statements the connector drops included).</summary>
    public long Served => Interlocked.Read(ref _served);

    /// <summary>Answers from another dataset from now on, and restarts the served count.</summary>
    public void Serve(Dataset dataset)
    {
        _dataset = dataset;
        Interlocked.Exchange(ref _served, 0);
    }

    public static async Task<LocalPartners> StartAsync(Dataset dataset)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var partners = new LocalPartners(app, dataset);

        app.MapPost("/auth/token", TokenAsync);
        app.MapGet("/v2.2/accounts/{accountId:int}", (int accountId) => Results.Json(new { Id = accountId, Name = "Benchmark Association", PrimaryDomainName = "benchmark.wildapricot.org" }));
        app.MapGet("/v2.2/accounts/{accountId:int}/contacts", partners.ContactsAsync);
        app.MapGet("/xapi/about", () => Results.Json(new { version = new[] { "1.0.3" } }));
        app.MapGet("/xapi/statements", partners.StatementsAsync);

        await app.StartAsync();
        partners.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return partners;
    }

    /// <summary>Configuration that points the hub's connectors here.</summary>
    public IReadOnlyDictionary<string, string?> ConnectorSettings(int memberPageSize, int statementPageSize) => new Dictionary<string, string?>
    {
        ["Connectors:WildApricot:Enabled"] = "true",
        ["Connectors:WildApricot:BaseUrl"] = Url + "/",
        ["Connectors:WildApricot:AuthUrl"] = Url + "/",
        ["Connectors:WildApricot:ApiKey"] = ApiKey,
        ["Connectors:WildApricot:AccountId"] = AccountId.ToString(CultureInfo.InvariantCulture),
        ["Connectors:WildApricot:PageSize"] = memberPageSize.ToString(CultureInfo.InvariantCulture),
        ["Connectors:Xapi:Enabled"] = "true",
        ["Connectors:Xapi:BaseUrl"] = Url + "/xapi/",
        ["Connectors:Xapi:Key"] = LrsKey,
        ["Connectors:Xapi:Secret"] = LrsSecret,
        ["Connectors:Xapi:PageSize"] = statementPageSize.ToString(CultureInfo.InvariantCulture),
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Task TokenAsync(HttpContext context) => context.Response.WriteAsJsonAsync(new Dictionary<string, object>
    {
        ["access_token"] = Guid.NewGuid().ToString("N"),
        ["token_type"] = "Bearer",
        ["expires_in"] = 1800,
        ["refresh_token"] = "rt_benchmark",
        ["Permissions"] = new[] { new { AccountId, SecurityProfileId = 1, AvailableScopes = new[] { "contacts_view", "account_view" } } },
    });

    private async Task ContactsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var dataset = _dataset;
        var first = 1;
        if (query["$filter"].ToString() is { Length: > 0 } filter)
        {
            // 'Profile last updated' ge 2026-01-01T00:00:00Z: contact n was last updated at Epoch + n seconds.
            var bound = DateTimeOffset.Parse(filter[(filter.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            first = Math.Max(1, (int)Math.Ceiling((bound - Dataset.Epoch).TotalSeconds));
        }
        var skip = int.TryParse(query["$skip"], CultureInfo.InvariantCulture, out var s) ? s : 0;
        var top = int.TryParse(query["$top"], CultureInfo.InvariantCulture, out var t) ? t : int.MaxValue;
        var from = (long)first + skip;
        var to = Math.Min(dataset.Members, from + top - 1);

        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartArray("Contacts");
        for (var n = from; n <= to; n++)
        {
            WriteContact(json, dataset.Member((int)n), (int)n);
            Interlocked.Increment(ref _served);
            if ((n - from) % FlushEvery == FlushEvery - 1) await FlushAsync(json, context);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await FlushAsync(json, context);
    }

    private void WriteContact(Utf8JsonWriter json, MemberRecord m, int id)
    {
        var levelId = 7000 + Array.IndexOf(["Professional", "Associate", "Student", "Fellow"], m.Level);
        var status = m.Status.ToString();
        json.WriteStartObject();
        json.WriteString("FirstName", m.FirstName);
        json.WriteString("LastName", m.LastName);
        json.WriteString("Email", m.Email);
        json.WriteString("DisplayName", $"{m.LastName}, {m.FirstName}");
        json.WriteString("Organization", "");
        json.WriteString("ProfileLastUpdated", Local(m.UpdatedAt));
        json.WriteStartObject("MembershipLevel");
        json.WriteNumber("Id", levelId);
        json.WriteString("Url", $"{Url}/v2.2/accounts/{AccountId}/MembershipLevels/{levelId}");
        json.WriteString("Name", m.Level);
        json.WriteEndObject();
        json.WriteBoolean("MembershipEnabled", true);
        json.WriteString("Status", status);
        json.WriteStartArray("FieldValues");
        Field(json, "Archived", "IsArchived", w => w.WriteBooleanValue(false));
        Field(json, "Member since", "MemberSince", w => w.WriteStringValue(LocalMidnight(m.MemberSince!.Value)));
        Field(json, "Renewal due", "RenewalDue", w => w.WriteStringValue(m.RenewalDue!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        Field(json, "Membership status", "Status", w =>
        {
            w.WriteStartObject();
            w.WriteNumber("Id", (int)m.Status + 1);
            w.WriteString("Label", status);
            w.WriteEndObject();
        });
        Field(json, "Membership level ID", "MembershipLevelId", w => w.WriteNumberValue(levelId));
        Field(json, "Profile last updated", "LastUpdated", w => w.WriteStringValue(Local(m.UpdatedAt)));
        Field(json, "e-Mail", "Email", w => w.WriteStringValue(m.Email));
        Field(json, "City", null, w => w.WriteStringValue(m.City));
        Field(json, "State/Province", null, w => w.WriteStringValue(m.Region));
        Field(json, "Country", null, w => w.WriteStringValue(m.Country));
        json.WriteEndArray();
        json.WriteNumber("Id", id);
        json.WriteString("Url", $"{Url}/v2.2/accounts/{AccountId}/Contacts/{id}");
        json.WriteBoolean("IsAccountAdministrator", false);
        json.WriteBoolean("TermsOfUseAccepted", true);
        json.WriteEndObject();
    }

    private static void Field(Utf8JsonWriter json, string name, string? systemCode, Action<Utf8JsonWriter> value)
    {
        json.WriteStartObject();
        json.WriteString("FieldName", name);
        json.WritePropertyName("Value");
        value(json);
        if (systemCode is not null) json.WriteString("SystemCode", systemCode);
        json.WriteEndObject();
    }

    // GET statements?since=&limit= starts a query; GET statements?more=<next>.<end> continues it. The more token
    // carries the next index and where the query's guarantee ends, so the LRS keeps no state per query.
    private async Task StatementsAsync(HttpContext context)
    {
        var query = context.Request.Query;
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        var dataset = _dataset;
        long next, end;
        int limit;
        if (query["more"].ToString() is { Length: > 0 } more)
        {
            var parts = more.Split('.');
            (next, end, limit) = (long.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        }
        else
        {
            next = query["since"].ToString() is { Length: > 0 } since ? Dataset.FirstAfter(DateTimeOffset.Parse(since, CultureInfo.InvariantCulture)) : 0;
            end = dataset.Statements;
            limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) && l > 0 ? Math.Min(l, 5000) : 500;
        }
        var last = Math.Min(end, next + limit);

        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers["X-Experience-API-Version"] = "1.0.3";
        context.Response.Headers["X-Experience-API-Consistent-Through"] = Format(Dataset.StoredAt(end));
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartObject();
        json.WriteStartArray("statements");
        for (var i = next; i < last; i++)
        {
            WriteStatement(json, dataset, dataset.Statement(i));
            Interlocked.Increment(ref _served);
            if ((i - next) % FlushEvery == FlushEvery - 1) await FlushAsync(json, context);
        }
        json.WriteEndArray();
        json.WriteString("more", last < end ? $"/xapi/statements?more={last}.{end}.{limit}" : "");
        json.WriteEndObject();
        await FlushAsync(json, context);
    }

    private static void WriteStatement(Utf8JsonWriter json, Dataset dataset, in Statement s)
    {
        var person = dataset.Member(s.Member);
        json.WriteStartObject();
        json.WriteString("id", s.Id);
        json.WriteStartObject("actor");
        json.WriteString("objectType", "Agent");
        json.WriteString("name", $"{person.FirstName} {person.LastName}");
        json.WriteStartObject("account");
        json.WriteString("homePage", DemoAssociation.LmsHomePage);
        json.WriteString("name", person.AmsMemberId);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("verb");
        json.WriteString("id", s.Verb);
        json.WriteStartObject("display");
        json.WriteString("en-US", s.Verb[(s.Verb.LastIndexOf('/') + 1)..]);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("object");
        json.WriteString("objectType", "Activity");
        json.WriteString("id", s.ActivityId);
        json.WriteStartObject("definition");
        json.WriteStartObject("name");
        json.WriteString("en-US", s.ActivityName);
        json.WriteEndObject();
        json.WriteString("type", s.IsExam ? "http://adlnet.gov/expapi/activities/assessment" : "http://adlnet.gov/expapi/activities/lesson");
        json.WriteEndObject();
        json.WriteEndObject();
        if (s.IsExam || s.Kind is StatementKind.CourseCompleted or StatementKind.UnmappedCompleted)
        {
            json.WriteStartObject("result");
            if (s.IsExam)
            {
                var score = Dataset.ScoreOf(s.Kind);
                json.WriteStartObject("score");
                json.WriteNumber("scaled", score / 100);
                json.WriteNumber("raw", score);
                json.WriteNumber("min", 0);
                json.WriteNumber("max", 100);
                json.WriteEndObject();
                json.WriteBoolean("success", s.Kind == StatementKind.ExamPassed);
            }
            json.WriteBoolean("completion", true);
            json.WriteString("duration", "PT45M");
            json.WriteEndObject();
        }
        json.WriteStartObject("context");
        json.WriteString("registration", $"00000000-0000-4000-9000-{s.Member:x12}");
        json.WriteStartObject("contextActivities");
        json.WriteStartArray("category");
        json.WriteStartObject();
        json.WriteString("id", "https://w3id.org/xapi/cmi5/context/categories/cmi5");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("extensions");
        json.WriteString("https://w3id.org/xapi/cmi5/context/extensions/sessionid", $"session-{s.Index / Dataset.StatementsPerSession}");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("timestamp", Format(s.Timestamp));
        json.WriteString("stored", Format(s.Stored));
        json.WriteString("version", "1.0.3");
        json.WriteEndObject();
    }

    private static async Task FlushAsync(Utf8JsonWriter json, HttpContext context)
    {
        await json.FlushAsync();
        await context.Response.BodyWriter.FlushAsync();
    }

    private static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Local(DateTimeOffset instant) =>
        instant.ToOffset(AccountOffset).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static string LocalMidnight(DateOnly date) =>
        new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), AccountOffset).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
