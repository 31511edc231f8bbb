using System.Text.Json.Nodes;

namespace CredentialConnect.ConnectorTests.WildApricot;

/// <summary>A contact shaped like Wild Apricot's, with sensible defaults.</summary>
public sealed class WildApricotContactBuilder(int id)
{
    private string _firstName = "Ada";
    private string _lastName = "Lovelace";
    private string? _email = $"member{id}@example.org";
    private string? _updated = "2024-02-20T10:00:00-05:00";
    private string? _status = "Active";
    private bool _membershipEnabled = true;
    private string? _level = "Professional";
    private readonly JsonArray _fields = [];

    public WildApricotContactBuilder Named(string firstName, string lastName) { (_firstName, _lastName) = (firstName, lastName); return this; }

    public WildApricotContactBuilder WithEmail(string? email) { _email = email; return this; }

    /// <summary>"Profile last updated" exactly as Wild Apricot writes it.</summary>
    public WildApricotContactBuilder UpdatedAt(string? profileLastUpdated) { _updated = profileLastUpdated; return this; }

    public WildApricotContactBuilder UpdatedAt(DateTimeOffset instant) => UpdatedAt(instant.ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz"));

    public WildApricotContactBuilder WithStatus(string? status) { _status = status; return this; }

    public WildApricotContactBuilder WithoutMembership() { _membershipEnabled = false; _status = null; _level = null; return this; }

    public WildApricotContactBuilder WithLevel(string? level) { _level = level; return this; }

    public WildApricotContactBuilder WithField(string name, JsonNode? value, string systemCode = "custom-1")
    {
        _fields.Add(new JsonObject { ["FieldName"] = name, ["Value"] = value, ["SystemCode"] = systemCode });
        return this;
    }

    public JsonObject Build()
    {
        var contact = new JsonObject
        {
            ["FirstName"] = _firstName,
            ["LastName"] = _lastName,
            ["Email"] = _email,
            ["DisplayName"] = $"{_lastName}, {_firstName}",
            ["Organization"] = "",
            ["ProfileLastUpdated"] = _updated,
            ["MembershipEnabled"] = _membershipEnabled,
            ["FieldValues"] = _fields.DeepClone(),
            ["Id"] = id,
            ["Url"] = $"https://api.wildapricot.org/v2.2/accounts/123456/Contacts/{id}",
            ["IsAccountAdministrator"] = false,
            ["TermsOfUseAccepted"] = true,
        };
        if (_status is not null) contact["Status"] = _status;
        if (_level is not null)
            contact["MembershipLevel"] = new JsonObject { ["Id"] = 7001, ["Url"] = "https://api.wildapricot.org/v2.2/accounts/123456/MembershipLevels/7001", ["Name"] = _level };
        return contact;
    }
}
