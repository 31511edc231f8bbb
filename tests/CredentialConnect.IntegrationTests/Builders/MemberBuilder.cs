using CredentialConnect.Web.Features.Members;

namespace CredentialConnect.IntegrationTests.Builders;

public sealed class MemberBuilder
{
    private string _amsId = "WA-" + Guid.NewGuid().ToString("N")[..8];
    private string _email = $"ada.{Guid.NewGuid():N}@example.org";
    private string _first = "Ada";
    private string _last = "Okafor";
    private int? _version;

    public MemberBuilder WithAmsId(string id) { _amsId = id; return this; }
    public MemberBuilder WithEmail(string email) { _email = email; return this; }
    public MemberBuilder Named(string first, string last) { (_first, _last) = (first, last); return this; }
    public MemberBuilder AtVersion(int version) { _version = version; return this; }

    public MemberWrite Build() => new(_amsId, _email, _first, _last, MembershipStatus.Active, "Professional",
        new DateOnly(2015, 4, 1), 7, null, null, "Chicago", "IL", "US", null, _version);
}
