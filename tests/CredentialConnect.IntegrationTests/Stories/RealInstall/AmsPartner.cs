using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace CredentialConnect.IntegrationTests.Stories.RealInstall;

/// <summary>A contact in the association's Wild Apricot account.</summary>
public sealed record AmsContact(int Id, string? Email, string FirstName, string LastName, string Level, string Status, DateTimeOffset UpdatedAt);

/// <summary>
/// Wild Apricot v2.2 as an association has it: OAuth client credentials on the auth path, the account, and contacts
/// paged with <c>$top</c>/<c>$skip</c>. The contact list may hold an item the hub cannot read (an id that is not a number).
/// </summary>
public sealed class AmsPartner : StrictPartner
{
    public const string ApiKey = "wa-production-api-key";
    public const int AccountId = 318_004;

    private readonly List<AmsContact> _contacts = [];

    public AmsPartner()
    {
        Server.Given(Request.Create().WithPath("/auth/token").UsingPost()).RespondWith(Response.Create().WithCallback(r => Answer(r, Token)));
        Server.Given(Request.Create().WithPath($"/v2.2/accounts/{AccountId}").UsingGet()).RespondWith(Response.Create().WithCallback(r => Answer(r, Account)));
        Server.Given(Request.Create().WithPath($"/v2.2/accounts/{AccountId}/contacts").UsingGet()).RespondWith(Response.Create().WithCallback(r => Answer(r, Contacts)));
    }

    /// <summary>When true, the contact list also holds an item whose id is not a number, as a broken integration might leave.</summary>
    public bool WithMalformedContact { get; set; } = true;

    /// <summary>How long each page of contacts takes to answer, as a large account's does.</summary>
    public TimeSpan ContactsDelay { get; set; }

    public void Add(params AmsContact[] contacts) => _contacts.AddRange(contacts);

    private static IResponseMessage Token(IRequestMessage request)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("APIKEY:" + ApiKey));
        if (Header(request, "Authorization") != expected)
            return Json(400, new JsonObject { ["error"] = "invalid_client", ["error_description"] = "Invalid client credentials." });
        return Json(200, new JsonObject
        {
            ["access_token"] = "wa-token-" + Guid.NewGuid().ToString("N")[..8],
            ["token_type"] = "Bearer",
            ["expires_in"] = 1800,
            ["refresh_token"] = "rt",
            ["Permissions"] = new JsonArray(new JsonObject { ["AccountId"] = AccountId, ["SecurityProfileId"] = 1, ["AvailableScopes"] = new JsonArray("contacts_view", "account_view") }),
        });
    }

    private static IResponseMessage? Unauthorized(IRequestMessage request) =>
        Header(request, "Authorization")?.StartsWith("Bearer wa-token-", StringComparison.Ordinal) == true
            ? null
            : Json(401, new JsonObject { ["error"] = "invalid_token" });

    private static IResponseMessage Account(IRequestMessage request) =>
        Unauthorized(request) ?? Json(200, new JsonObject { ["Id"] = AccountId, ["Name"] = "Association of Certified Planners", ["PrimaryDomainName"] = "acp.wildapricot.org" });

    private IResponseMessage Contacts(IRequestMessage request)
    {
        if (Unauthorized(request) is { } refused) return refused;
        if (ContactsDelay > TimeSpan.Zero) Thread.Sleep(ContactsDelay);
        var query = HttpUtility.ParseQueryString(request.RawQuery ?? "");
        var top = int.TryParse(query["$top"], CultureInfo.InvariantCulture, out var t) ? t : 100;
        var skip = int.TryParse(query["$skip"], CultureInfo.InvariantCulture, out var s) ? s : 0;

        var all = _contacts.OrderBy(c => c.UpdatedAt).ThenBy(c => c.Id).Select(Contact).ToList();
        if (WithMalformedContact)
            all.Insert(Math.Min(1, all.Count), new JsonObject { ["Id"] = "legacy-import-17", ["FirstName"] = null, ["Email"] = 42, ["FieldValues"] = "n/a" });
        var page = new JsonArray(all.Skip(skip).Take(top).Select(c => (JsonNode)c.DeepClone()).ToArray());
        return Json(200, new JsonObject { ["Contacts"] = page });
    }

    private static JsonObject Contact(AmsContact c) => new()
    {
        ["Id"] = c.Id,
        ["Url"] = $"https://api.wildapricot.org/v2.2/accounts/{AccountId}/contacts/{c.Id}",
        ["FirstName"] = c.FirstName,
        ["LastName"] = c.LastName,
        ["Email"] = c.Email,
        ["DisplayName"] = $"{c.LastName}, {c.FirstName}",
        ["Organization"] = "",
        ["ProfileLastUpdated"] = c.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        ["MembershipLevel"] = new JsonObject { ["Id"] = 7, ["Url"] = "", ["Name"] = c.Level },
        ["MembershipEnabled"] = true,
        ["Status"] = c.Status,
        ["FieldValues"] = new JsonArray(
            new JsonObject { ["FieldName"] = "Member since", ["SystemCode"] = "MemberSince", ["Value"] = "2019-04-01T00:00:00-05:00" },
            new JsonObject { ["FieldName"] = "Renewal due", ["SystemCode"] = "RenewalDue", ["Value"] = "2027-04-01" },
            new JsonObject { ["FieldName"] = "City", ["SystemCode"] = null, ["Value"] = "Toronto" }),
    };
}
