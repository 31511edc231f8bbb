using CredentialConnect.Web.Features.Badges;
using System.ComponentModel.DataAnnotations;

namespace CredentialConnect.UnitTests.Badges;

public sealed class BadgeIssuerTests
{
    [Theory]
    [InlineData("https://credentials.example.org", "did:web:credentials.example.org")]
    [InlineData("https://credentials.example.org/", "did:web:credentials.example.org")]
    [InlineData("http://localhost:5000", "did:web:localhost%3A5000")]
    [InlineData("https://example.org:8443/hub/badges", "did:web:example.org%3A8443:hub:badges")]
    public void Id_IsTheDidWebOfTheBaseUrl(string baseUrl, string did)
    {
        Assert.Equal(did, new BadgeIssuer(new BadgeOptions { PublicBaseUrl = baseUrl }).Id);
    }

    [Fact]
    public void KeyIdOf_ReadsDidUrlsKeyUrlsAndBareIds_AndNothingElse()
    {
        var issuer = new BadgeIssuer(new BadgeOptions { PublicBaseUrl = "http://localhost:5000" });

        Assert.Equal("ed25519-1", issuer.KeyIdOf("did:web:localhost%3A5000#ed25519-1"));
        Assert.Equal("es256-1", issuer.KeyIdOf("http://localhost:5000/keys/es256-1"));
        Assert.Equal("es256-1", issuer.KeyIdOf("es256-1"));
        Assert.Null(issuer.KeyIdOf("did:web:elsewhere.org#ed25519-1"));
        Assert.Null(issuer.KeyIdOf("https://elsewhere.org/keys/es256-1"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("credentials.example.org")]
    [InlineData("ftp://credentials.example.org")]
    [InlineData("https://credentials.example.org/?x=1")]
    public void Validate_RefusesABaseUrlThatIsNotAnAbsoluteHttpAddress(string? baseUrl)
    {
        var options = new BadgeOptions { PublicBaseUrl = baseUrl };

        var errors = options.Validate(new ValidationContext(options)).ToList();

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(BadgeOptions.PublicBaseUrl)));
    }

    [Fact]
    public void Validate_AcceptsTheDefaults()
    {
        var options = new BadgeOptions { PublicBaseUrl = BadgeOptions.LocalBaseUrl };

        Assert.Empty(options.Validate(new ValidationContext(options)));
    }

    [Fact]
    public void PublishedProfile_IsAnOpenBadgesProfileWithEmail()
    {
        var issuer = new BadgeIssuer(new BadgeOptions { PublicBaseUrl = "https://credentials.example.org", IssuerEmail = "cred@example.org" });

        var profile = issuer.PublishedProfile();

        Assert.Equal("did:web:credentials.example.org", profile["id"]!.GetValue<string>());
        Assert.Equal("Profile", profile["type"]![0]!.GetValue<string>());
        Assert.Equal("cred@example.org", profile["email"]!.GetValue<string>());
        Assert.Equal(issuer.Name, profile["name"]!.GetValue<string>());
    }
}
