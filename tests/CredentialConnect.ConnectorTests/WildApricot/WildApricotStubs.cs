using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CredentialConnect.ConnectorTests.WildApricot;

/// <summary>Stubs of Wild Apricot's endpoints, in its own shapes.</summary>
public static class WildApricotStubs
{
    public static string BasicApiKey(string apiKey) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("APIKEY:" + apiKey));

    /// <summary>The token endpoint: hands out <c>token-1</c>, <c>token-2</c>, … for the right key, and 400 invalid_client otherwise.</summary>
    public static void GivenTokens(this WireMockServer server, string apiKey, int expiresIn = 1800)
    {
        var issued = 0;
        server.Given(Request.Create().WithPath("/auth/token").UsingPost().WithHeader("Authorization", BasicApiKey(apiKey)))
            .AtPriority(1)
            .RespondWith(Response.Create().WithCallback(_ =>
            {
                var token = $"token-{Interlocked.Increment(ref issued)}";
                return Json(HttpStatusCode.OK, new JsonObject
                {
                    ["access_token"] = token,
                    ["token_type"] = "Bearer",
                    ["expires_in"] = expiresIn,
                    ["refresh_token"] = "rt-" + token,
                    ["Permissions"] = new JsonArray(new JsonObject { ["AccountId"] = 123456, ["SecurityProfileId"] = 1, ["AvailableScopes"] = new JsonArray("contacts_view") }),
                });
            }));
        server.Given(Request.Create().WithPath("/auth/token").UsingPost())
            .AtPriority(2)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":"invalid_client","error_description":"Invalid client credentials."}"""));
    }

    /// <summary>A synchronous contacts answer: <c>{"Contacts": [...]}</c>.</summary>
    public static string ContactsBody(params WildApricotContactBuilder[] contacts) =>
        new JsonObject { ["Contacts"] = new JsonArray([.. contacts.Select(contact => contact.Build())]) }.ToJsonString();

    public static IResponseBuilder ContactsResponse(params WildApricotContactBuilder[] contacts) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(ContactsBody(contacts));

    public static IRequestBuilder Contacts(string path) => Request.Create().WithPath(path).UsingGet();

    /// <summary>
    /// Matches a query parameter by its decoded name: the client sends <c>%24filter</c>, which Wild Apricot (like any
    /// server that decodes the query) reads as <c>$filter</c>, while WireMock compares names as sent.
    /// </summary>
    public static IRequestBuilder WithQuery(this IRequestBuilder request, string name, string value) =>
        request.WithParam(query => query.Any(pair => Uri.UnescapeDataString(pair.Key) == name && pair.Value.Contains(value)));

    /// <summary>The contacts requests the server received, oldest first.</summary>
    public static List<IRequestMessage> ContactRequests(this WireMockServer server, string path) =>
        [.. server.LogEntries.Select(entry => entry.RequestMessage).Where(request => request.Path == path).OrderBy(request => request.DateTime)];

    public static List<ILogEntry> TokenRequests(this WireMockServer server) =>
        [.. server.LogEntries.Where(entry => entry.RequestMessage.Path == "/auth/token")];

    /// <summary>A query parameter as Wild Apricot reads it, decoded.</summary>
    public static string? Param(this IRequestMessage request, string name) =>
        request.Query?.FirstOrDefault(pair => Uri.UnescapeDataString(pair.Key) == name).Value?.FirstOrDefault();

    public static string? Header(this IRequestMessage request, string name) =>
        request.Headers?.FirstOrDefault(pair => string.Equals(pair.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();

    public static ResponseMessage Json(HttpStatusCode status, JsonNode body) => new()
    {
        StatusCode = (int)status,
        Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json; charset=utf-8") },
        BodyData = new WireMock.Util.BodyData { BodyAsString = body.ToJsonString(), DetectedBodyType = WireMock.Types.BodyType.String, Encoding = Encoding.UTF8 },
    };
}
