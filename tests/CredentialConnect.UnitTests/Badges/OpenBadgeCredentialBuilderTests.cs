using System.Text.Json.Nodes;
using CredentialConnect.Web.Features.Badges;

namespace CredentialConnect.UnitTests.Badges;

public sealed class OpenBadgeCredentialBuilderTests
{
    private static readonly BadgeIssuer Issuer = new(new BadgeOptions
    {
        PublicBaseUrl = "https://credentials.example.org", IssuerName = "Example Society", IssuerUrl = "https://example.org",
    });

    private static readonly DateTimeOffset Awarded = new(2023, 3, 1, 10, 30, 0, TimeSpan.Zero);

    private static BadgeFacts Facts(DateTimeOffset? validUntil = null, string description = "Core practice.", string narrative = "Pass the exam.") => new(
        "CERT-2023-000042", 2, Awarded, Awarded.AddYears(3), validUntil, "Jane.Doe@Example.org", "0123456789abcdef",
        "CNP", "Certified Nonprofit Professional", description, narrative, new StatusListPosition(1, 41));

    private static JsonObject Build(BadgeFacts facts) => OpenBadgeCredentialBuilder.Build(Issuer, facts);

    [Fact]
    public void Build_StartsWithTheVcV2ContextThenOpenBadges303()
    {
        var contexts = Build(Facts())["@context"]!.AsArray().Select(c => c!.GetValue<string>());

        Assert.Equal(["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"], contexts);
    }

    [Fact]
    public void Build_NamesTheCredentialByItsNumberAndTypesIt()
    {
        var credential = Build(Facts());

        Assert.Equal("https://credentials.example.org/credentials/CERT-2023-000042", credential["id"]!.GetValue<string>());
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], credential["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("Certified Nonprofit Professional", credential["name"]!.GetValue<string>());
    }

    [Fact]
    public void Build_IssuerIsATypedProfileNamedByTheDidWebDid()
    {
        var issuer = Build(Facts())["issuer"]!.AsObject();

        Assert.Equal("did:web:credentials.example.org", issuer["id"]!.GetValue<string>());
        Assert.Equal(["Profile"], issuer["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("Example Society", issuer["name"]!.GetValue<string>());
        Assert.Equal("https://example.org", issuer["url"]!.GetValue<string>());
    }

    [Fact]
    public void Build_ValidFromIsTheCycleStartAndValidUntilTheEndOfTheCycle()
    {
        var credential = Build(Facts(validUntil: Awarded.AddYears(6)));

        Assert.Equal("2026-03-01T10:30:00Z", credential["validFrom"]!.GetValue<string>());
        Assert.Equal("2029-03-01T10:30:00Z", credential["validUntil"]!.GetValue<string>());
        Assert.Equal("2023-03-01T10:30:00Z", credential["awardedDate"]!.GetValue<string>());
    }

    [Fact]
    public void Build_WithoutAnEndDate_HasNoValidUntil()
    {
        Assert.False(Build(Facts(validUntil: null)).ContainsKey("validUntil"));
    }

    [Fact]
    public void Build_IdentifiesTheSubjectByASaltedHashOfTheLowerCasedEmail()
    {
        var subject = Build(Facts())["credentialSubject"]!.AsObject();
        var identity = Assert.Single(subject["identifier"]!.AsArray())!.AsObject();

        Assert.Equal(["AchievementSubject"], subject["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("IdentityObject", identity["type"]!.GetValue<string>());
        Assert.Equal("sha256$c31cf6966f2635170393c951e6a1872840e7e3c8ae87a66e7b02eb0777031b54", identity["identityHash"]!.GetValue<string>());
        Assert.Equal("emailAddress", identity["identityType"]!.GetValue<string>());
        Assert.True(identity["hashed"]!.GetValue<bool>());
        Assert.Equal("0123456789abcdef", identity["salt"]!.GetValue<string>());
        Assert.DoesNotContain("Jane", subject.ToJsonString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Build_TheAchievementHasItsProgramUrlCriteriaAndImage()
    {
        var achievement = Build(Facts())["credentialSubject"]!["achievement"]!.AsObject();

        Assert.Equal("https://credentials.example.org/programs/CNP/achievement", achievement["id"]!.GetValue<string>());
        Assert.Equal(["Achievement"], achievement["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("Certified Nonprofit Professional", achievement["name"]!.GetValue<string>());
        Assert.Equal("Core practice.", achievement["description"]!.GetValue<string>());
        Assert.Equal("Pass the exam.", achievement["criteria"]!["narrative"]!.GetValue<string>());
        Assert.Equal("https://credentials.example.org/programs/CNP/badge.png", achievement["image"]!["id"]!.GetValue<string>());
        Assert.Equal("Image", achievement["image"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Build_WithoutADescriptionOrCriteria_StillGivesBoth()
    {
        var achievement = Build(Facts(description: "", narrative: " "))["credentialSubject"]!["achievement"]!.AsObject();

        Assert.Equal("Certified Nonprofit Professional", achievement["description"]!.GetValue<string>());
        Assert.Contains("Example Society", achievement["criteria"]!["narrative"]!.GetValue<string>());
    }

    [Fact]
    public void Build_HasARevocationAndASuspensionEntryAtTheSameIndex()
    {
        var entries = Build(Facts())["credentialStatus"]!.AsArray().Select(e => e!.AsObject()).ToList();

        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("BitstringStatusListEntry", e["type"]!.GetValue<string>()));
        Assert.All(entries, e => Assert.Equal("41", e["statusListIndex"]!.GetValue<string>()));
        Assert.Equal(["revocation", "suspension"], entries.Select(e => e["statusPurpose"]!.GetValue<string>()));
        Assert.Equal("https://credentials.example.org/status-lists/revocation/1", entries[0]["statusListCredential"]!.GetValue<string>());
        Assert.Equal("https://credentials.example.org/status-lists/suspension/1", entries[1]["statusListCredential"]!.GetValue<string>());
        Assert.Equal("https://credentials.example.org/status-lists/revocation/1#41", entries[0]["id"]!.GetValue<string>());
    }

    [Fact]
    public void Build_SameFacts_SameDocument()
    {
        Assert.Equal(Build(Facts()).ToJsonString(), Build(Facts()).ToJsonString());
    }
}
