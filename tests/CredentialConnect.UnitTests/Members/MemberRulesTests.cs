using CredentialConnect.Web.Features.Members;

namespace CredentialConnect.UnitTests.Members;

public sealed class MemberRulesTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    private static MemberWrite Valid() => new("WA-1", "ada@example.org", "Ada", "Okafor", MembershipStatus.Active, "Professional",
        new DateOnly(2015, 1, 1), 7, null, null, null, null, null, null, null);

    [Fact]
    public void Validate_ACompleteMember_HasNoErrors() => Assert.Empty(MemberRules.Validate(Valid(), false, Today));

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("Ada <ada@example.org>")]
    [InlineData("ada@")]
    public void Validate_BadEmail_IsReported(string email) =>
        Assert.True(MemberRules.Validate(Valid() with { Email = email }, false, Today).ContainsKey("email"));

    [Fact]
    public void Validate_MissingGoldenKey_IsReported() =>
        Assert.Contains("golden key", Assert.Single(MemberRules.Validate(Valid() with { AmsMemberId = " " }, false, Today)["amsMemberId"]));

    [Fact]
    public void Validate_MemberSinceInTheFuture_IsReported() =>
        Assert.True(MemberRules.Validate(Valid() with { MemberSince = Today.AddDays(1) }, false, Today).ContainsKey("memberSince"));

    [Theory]
    [InlineData(-1)]
    [InlineData(81)]
    public void Validate_ImplausibleExperience_IsReported(int years) =>
        Assert.True(MemberRules.Validate(Valid() with { YearsOfExperience = years }, false, Today).ContainsKey("yearsOfExperience"));

    [Fact]
    public void DirectoryConsent_OptingOut_ClearsEveryField() =>
        Assert.Equivalent(new DirectoryConsent(), DirectoryConsent.Given(false, true, true, true, true));
}
