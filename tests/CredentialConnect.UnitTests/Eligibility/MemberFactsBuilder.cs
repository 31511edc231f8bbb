using System.Text.Json;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Eligibility;
using CredentialConnect.Web.Features.Members;

namespace CredentialConnect.UnitTests.Eligibility;

/// <summary>A member with nothing on record yet, on a fixed date; each test adds only what it is about.</summary>
public sealed class MemberFactsBuilder
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private decimal? _years;
    private MembershipStatus _status = MembershipStatus.Active;
    private string? _level = "Professional";
    private readonly List<CeCreditFact> _credits = [];
    private readonly List<HeldCredentialFact> _credentials = [];
    private JsonElement? _answers;

    public MemberFactsBuilder WithYears(decimal years) { _years = years; return this; }
    public MemberFactsBuilder WithMembership(MembershipStatus status, string? level) { (_status, _level) = (status, level); return this; }

    public MemberFactsBuilder WithCeHours(string category, decimal hours, int monthsAgo = 1, CreditReviewStatus review = CreditReviewStatus.NotRequired)
    {
        _credits.Add(new CeCreditFact(category, hours, Now.AddMonths(-monthsAgo), review));
        return this;
    }

    public MemberFactsBuilder Holding(string programCode, CredentialStatus status = CredentialStatus.Active)
    {
        _credentials.Add(new HeldCredentialFact(programCode, status));
        return this;
    }

    public MemberFactsBuilder Answering(string json) { _answers = JsonDocument.Parse(json).RootElement.Clone(); return this; }

    public MemberFacts Build() => new(Guid.CreateVersion7(), Now, _years, _status, _level, _credits, _credentials, _answers);
}
