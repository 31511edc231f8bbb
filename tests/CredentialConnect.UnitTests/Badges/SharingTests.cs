using CredentialConnect.Web.Features.Badges;

namespace CredentialConnect.UnitTests.Badges;

public sealed class SharingTests
{
    private static readonly BadgeIssuer Issuer = new(new BadgeOptions { PublicBaseUrl = "https://credentials.example.org" });
    private static readonly DateTimeOffset Issued = new(2024, 9, 15, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void HashEmail_IsSha256OfTheLowerCasedTrimmedEmailAndSalt()
    {
        Assert.Equal("sha256$c31cf6966f2635170393c951e6a1872840e7e3c8ae87a66e7b02eb0777031b54",
            RecipientIdentity.HashEmail("  Jane.Doe@EXAMPLE.org ", "0123456789abcdef"));
        Assert.True(RecipientIdentity.Matches(RecipientIdentity.HashEmail("a@example.org", "s"), "A@example.org", "s"));
        Assert.False(RecipientIdentity.Matches(RecipientIdentity.HashEmail("a@example.org", "s"), "b@example.org", "s"));
    }

    [Fact]
    public void LinkedIn_FillsTheCertificationFormUrlEncoded()
    {
        var link = LinkedInShare.Link("Certified Nonprofit Professional", "Meridian Society & Co", Issued, Issued.AddYears(3),
            "https://credentials.example.org/verify/CERT-2024-000007", "CERT-2024-000007");

        Assert.Equal("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Certified%20Nonprofit%20Professional"
            + "&organizationName=Meridian%20Society%20%26%20Co&issueYear=2024&issueMonth=9&expirationYear=2027&expirationMonth=9"
            + "&certUrl=https%3A%2F%2Fcredentials.example.org%2Fverify%2FCERT-2024-000007&certId=CERT-2024-000007", link);
    }

    [Fact]
    public void LinkedIn_WithoutAnEndDate_HasNoExpiration()
    {
        var link = LinkedInShare.Link("Grant Writing", "Meridian", Issued, null, "https://x.example/verify/MCRD-2024-000001", "MCRD-2024-000001");

        Assert.DoesNotContain("expiration", link);
    }

    private static HostedAssertionFacts Facts(bool revoked = false) => new(
        "CERT-2024-000007", "CNP", "jane.doe@example.org", "0123456789abcdef", Issued, Issued.AddYears(3), revoked, revoked ? "Ethics finding." : null);

    [Fact]
    public void Assertion_IsAHostedOpenBadges2AssertionOfAHashedEmail()
    {
        var assertion = OpenBadges2.Assertion(Issuer, Facts());

        Assert.Equal("https://w3id.org/openbadges/v2", assertion["@context"]!.GetValue<string>());
        Assert.Equal("Assertion", assertion["type"]!.GetValue<string>());
        Assert.Equal("https://credentials.example.org/ob2/assertions/CERT-2024-000007", assertion["id"]!.GetValue<string>());
        Assert.Equal("email", assertion["recipient"]!["type"]!.GetValue<string>());
        Assert.True(assertion["recipient"]!["hashed"]!.GetValue<bool>());
        Assert.Equal("sha256$c31cf6966f2635170393c951e6a1872840e7e3c8ae87a66e7b02eb0777031b54", assertion["recipient"]!["identity"]!.GetValue<string>());
        Assert.Equal("0123456789abcdef", assertion["recipient"]!["salt"]!.GetValue<string>());
        Assert.Equal("https://credentials.example.org/ob2/badges/CNP", assertion["badge"]!.GetValue<string>());
        Assert.Equal("hosted", assertion["verification"]!["type"]!.GetValue<string>());
        Assert.Equal("2024-09-15T00:00:00Z", assertion["issuedOn"]!.GetValue<string>());
        Assert.Equal("2027-09-15T00:00:00Z", assertion["expires"]!.GetValue<string>());
        Assert.False(assertion.ContainsKey("revoked"));
    }

    [Fact]
    public void Assertion_WhenRevoked_SaysSoWithTheReason()
    {
        var assertion = OpenBadges2.Assertion(Issuer, Facts(revoked: true));

        Assert.True(assertion["revoked"]!.GetValue<bool>());
        Assert.Equal("Ethics finding.", assertion["revocationReason"]!.GetValue<string>());
    }

    [Fact]
    public void BadgeClass_PointsToTheIssuerAndImage()
    {
        var badge = OpenBadges2.BadgeClass(Issuer, "CNP", "Certified Nonprofit Professional", "Core.", "Pass.");

        Assert.Equal("BadgeClass", badge["type"]!.GetValue<string>());
        Assert.Equal("https://credentials.example.org/ob2/issuer", badge["issuer"]!.GetValue<string>());
        Assert.Equal("https://credentials.example.org/programs/CNP/badge.png", badge["image"]!.GetValue<string>());
        Assert.Equal("Pass.", badge["criteria"]!["narrative"]!.GetValue<string>());
    }

    [Fact]
    public void Allocation_FillsAListThenStartsTheNext()
    {
        Assert.Equal(new StatusListPosition(1, 0), StatusListAllocation.Next(null));
        Assert.Equal(new StatusListPosition(1, 8), StatusListAllocation.Next(new StatusListPosition(1, 7)));
        Assert.Equal(new StatusListPosition(2, 0), StatusListAllocation.Next(new StatusListPosition(1, StatusListAllocation.ListLength - 1)));
        Assert.True(StatusListAllocation.ListLength >= 131_072);
    }
}
