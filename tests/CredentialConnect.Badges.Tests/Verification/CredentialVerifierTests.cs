using System.Text;
using System.Text.Json.Nodes;
using CredentialConnect.Badges.Baking;
using CredentialConnect.Badges.DataIntegrity;
using CredentialConnect.Badges.Jwt;
using CredentialConnect.Badges.StatusList;
using CredentialConnect.Badges.Verification;
using Microsoft.Extensions.Time.Testing;

namespace CredentialConnect.Badges.Tests.Verification;

/// <summary>The verifier over every format and every reason a credential fails, against an issuer held in memory.</summary>
public sealed class CredentialVerifierTests
{
    private const string Issuer = "did:web:certify.example.org";
    private const string Method = Issuer + "#key-1";
    private const string RevocationList = "https://certify.example.org/status-lists/revocation/1";
    private const string SuspensionList = "https://certify.example.org/status-lists/suspension/1";
    private const int Index = 41;

    private static readonly DateTimeOffset Issued = new(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);
    private static readonly Ed25519KeyPair Key = Ed25519KeyPair.Generate();
    private static readonly JwtSigningKey JwtKey = JwtSigningKey.CreateEs256("https://certify.example.org/keys/jwt-1");

    private readonly PublishedIssuer _issuer = new();

    private CredentialVerifier Verifier() => new(_issuer, _issuer, new FakeTimeProvider(Issued.AddDays(30)));

    [Fact]
    public async Task ASignedCredential_InGoodStanding_IsVerified_WithEveryCheckPassed()
    {
        var report = await Verifier().VerifyAsync(Signed(), CredentialFormat.Json, CancellationToken.None);

        Assert.Equal(CredentialVerdict.Verified, report.Verdict);
        Assert.Equal(["proof", "issuer", "validFrom", "validUntil", "revocation", "suspension"], report.Checks.Select(c => c.Name));
        Assert.All(report.Checks, c => Assert.True(c.Passed, c.Reason));
    }

    [Fact]
    public async Task ARevokedCredential_IsRevoked_AndASuspendedOneSuspended()
    {
        _issuer.Revoked[Index] = true;
        var revoked = await Verifier().VerifyAsync(Signed(), CredentialFormat.Json, CancellationToken.None);
        _issuer.Revoked[Index] = false;
        _issuer.Suspended[Index] = true;
        var suspended = await Verifier().VerifyAsync(Signed(), CredentialFormat.Json, CancellationToken.None);

        Assert.Equal((CredentialVerdict.Revoked, "Revoked by the issuer."), (revoked.Verdict, Failed(revoked).Reason));
        Assert.Equal((CredentialVerdict.Suspended, "Suspended by the issuer."), (suspended.Verdict, Failed(suspended).Reason));
    }

    [Fact]
    public async Task AnExpiredCredential_IsExpired_AndOneNotYetValid_IsNotYetValid()
    {
        var expired = await new CredentialVerifier(_issuer, _issuer, new FakeTimeProvider(Issued.AddYears(4)))
            .VerifyAsync(Signed(), CredentialFormat.Json, CancellationToken.None);
        var early = await new CredentialVerifier(_issuer, _issuer, new FakeTimeProvider(Issued.AddDays(-1)))
            .VerifyAsync(Signed(), CredentialFormat.Json, CancellationToken.None);

        Assert.Equal((CredentialVerdict.Expired, "validUntil"), (expired.Verdict, Failed(expired).Name));
        Assert.Equal((CredentialVerdict.NotYetValid, "validFrom"), (early.Verdict, Failed(early).Name));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("validUntil")]
    [InlineData("subject")]
    [InlineData("proofValue")]
    [InlineData("status index")]
    public async Task ATamperedCredential_IsInvalid_BecauseItsProofFails(string field)
    {
        var credential = Signed();
        switch (field)
        {
            case "name": credential["name"] = "Certified Grand Master"; break;
            case "validUntil": credential["validUntil"] = "2099-01-15T00:00:00Z"; break;
            case "subject": credential["credentialSubject"]!["achievement"]!["name"] = "Something else"; break;
            case "proofValue": credential["proof"]!["proofValue"] = "z" + new string('1', 80); break;
            case "status index": credential["credentialStatus"]![0]!["statusListIndex"] = "42"; break;
        }

        var report = await Verifier().VerifyAsync(credential, CredentialFormat.Json, CancellationToken.None);

        Assert.Equal(CredentialVerdict.Invalid, report.Verdict);
        Assert.False(report.Checks.Single(c => c.Name == "proof").Passed);
    }

    [Fact]
    public async Task FieldsOfTheWrongJsonType_FailTheirChecks_AndNeverThrow()
    {
        var credential = Signed();
        credential["credentialStatus"]![0]!["statusListIndex"] = 41;
        credential["proof"]!["verificationMethod"] = 7;

        var report = await Verifier().VerifyAsync(credential, CredentialFormat.Json, CancellationToken.None);

        Assert.Equal(CredentialVerdict.Invalid, report.Verdict);
        Assert.False(report.Checks.Single(c => c.Name == "revocation").Passed);
    }

    [Fact]
    public async Task ACredentialSignedWithASwappedKey_IsInvalid()
    {
        var forged = EddsaRdfc2022.Sign(Unsigned(), Ed25519KeyPair.Generate(), Method, Issued);

        var report = await Verifier().VerifyAsync(forged, CredentialFormat.Json, CancellationToken.None);

        Assert.Equal(CredentialVerdict.Invalid, report.Verdict);
        Assert.Contains("signature", report.Checks.Single(c => c.Name == "proof").Reason);
    }

    [Fact]
    public async Task AProofByAKeyOfAnotherIssuer_FailsTheIssuerCheck()
    {
        var other = EddsaRdfc2022.Sign(Unsigned(), Key, "did:web:elsewhere.example#key-1", Issued);
        _issuer.ExtraKeys["did:web:elsewhere.example#key-1"] = Key.PublicKey;

        var report = await Verifier().VerifyAsync(other, CredentialFormat.Json, CancellationToken.None);

        Assert.Equal(CredentialVerdict.Invalid, report.Verdict);
        Assert.False(report.Checks.Single(c => c.Name == "issuer").Passed);
    }

    [Fact]
    public async Task AForgedStatusList_IsNotTrusted()
    {
        _issuer.ListKey = Ed25519KeyPair.Generate();

        var report = await Verifier().VerifyAsync(Signed(), CredentialFormat.Json, CancellationToken.None);

        Assert.False(report.Verified);
        Assert.Contains("status list's signature", Failed(report).Reason);
    }

    [Fact]
    public async Task TheSameCredential_AsJwt_BakedPng_AndBakedSvg_IsVerifiedAndItsFormatNamed()
    {
        var jwt = VcJwt.Sign(Unsigned(), JwtKey);
        var png = PngBaking.Bake(BadgeArtwork.Png("CNP"), Signed().ToJsonString());
        var svg = SvgBaking.Bake(BadgeArtwork.Svg("CNP", "Certified Nonprofit Professional"), jwt);

        var reports = new[]
        {
            await Verifier().VerifyUploadAsync(Encoding.UTF8.GetBytes(jwt), CancellationToken.None),
            await Verifier().VerifyUploadAsync(png, CancellationToken.None),
            await Verifier().VerifyUploadAsync(Encoding.UTF8.GetBytes(svg), CancellationToken.None),
        };

        Assert.Equal([CredentialFormat.Jwt, CredentialFormat.Png, CredentialFormat.Svg], reports.Select(r => r.Format!.Value));
        Assert.All(reports, r => Assert.Equal(CredentialVerdict.Verified, r.Verdict));
    }

    [Fact]
    public async Task ATamperedJwt_IsInvalid()
    {
        var parts = VcJwt.Sign(Unsigned(), JwtKey).Split('.');
        var payload = JsonNode.Parse(Convert.FromBase64String(Pad(parts[1].Replace('-', '+').Replace('_', '/'))))!;
        payload["name"] = "Certified Grand Master";
        var tampered = $"{parts[0]}.{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.{parts[2]}";

        var report = await Verifier().VerifyUploadAsync(Encoding.UTF8.GetBytes(tampered), CancellationToken.None);

        Assert.Equal(CredentialVerdict.Invalid, report.Verdict);
    }

    public static TheoryData<string, byte[]> Malformed() => new()
    {
        { "empty", [] },
        { "not JSON", Encoding.UTF8.GetBytes("{ this is not json") },
        { "not a credential", Encoding.UTF8.GetBytes("hello there") },
        { "not UTF-8", [0xff, 0xfe, 0xfd, 0x00, 0x81] },
        { "truncated PNG", BadgeArtwork.Png("CNP")[..100] },
        { "PNG without a credential", BadgeArtwork.Png("CNP") },
        { "SVG with an external entity", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&x;</svg>") },
        { "huge", new byte[CredentialVerifier.MaxUploadBytes + 1] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task AMalformedUpload_IsUnreadable_WithAReason_AndNeverThrows(string what, byte[] upload)
    {
        var report = await Verifier().VerifyUploadAsync(upload, CancellationToken.None);

        Assert.False(report.Readable, what);
        Assert.False(string.IsNullOrWhiteSpace(report.Problem));
        Assert.Empty(report.Checks);
    }

    private static VerificationCheck Failed(VerificationReport report) => report.Checks.First(c => !c.Passed);

    private static string Pad(string base64) => base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');

    private static JsonObject Signed() => EddsaRdfc2022.Sign(Unsigned(), Key, Method, Issued);

    private static JsonObject Unsigned() => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"),
        ["id"] = "https://certify.example.org/credentials/CNP-2026-000041",
        ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
        ["issuer"] = new JsonObject { ["id"] = Issuer, ["type"] = new JsonArray("Profile"), ["name"] = "Certify Example", ["url"] = "https://certify.example.org" },
        ["name"] = "Certified Nonprofit Professional",
        ["validFrom"] = "2026-01-15T00:00:00Z",
        ["validUntil"] = "2029-01-15T00:00:00Z",
        ["credentialSubject"] = new JsonObject
        {
            ["id"] = "did:example:member-41",
            ["type"] = new JsonArray("AchievementSubject"),
            ["achievement"] = new JsonObject
            {
                ["id"] = "https://certify.example.org/programs/CNP/achievement", ["type"] = new JsonArray("Achievement"),
                ["name"] = "Certified Nonprofit Professional", ["description"] = "The association's certification.",
                ["criteria"] = new JsonObject { ["narrative"] = "An approved application and a passed exam." },
            },
        },
        ["credentialStatus"] = new JsonArray(Entry("revocation", RevocationList), Entry("suspension", SuspensionList)),
    };

    private static JsonObject Entry(string purpose, string list) => new()
    {
        ["id"] = $"{list}#{Index}", ["type"] = "BitstringStatusListEntry", ["statusPurpose"] = purpose,
        ["statusListIndex"] = Index.ToString(), ["statusListCredential"] = list,
    };

    /// <summary>The issuer's published keys and its two signed status lists, as the hub serves them.</summary>
    private sealed class PublishedIssuer : IVerificationKeys, IStatusListSource
    {
        public BitstringStatusList Revoked { get; } = new();
        public BitstringStatusList Suspended { get; } = new();
        public Dictionary<string, byte[]> ExtraKeys { get; } = [];
        public Ed25519KeyPair ListKey { get; set; } = Key;

        public byte[]? Ed25519PublicKey(string verificationMethod) =>
            verificationMethod == Method ? Key.PublicKey : ExtraKeys.GetValueOrDefault(verificationMethod);

        public JsonObject? JsonWebKey(string keyId) => keyId == JwtKey.KeyId ? JwtKey.PublicJwk() : null;

        public Task<JsonObject?> FindAsync(string statusListCredential, CancellationToken cancellationToken)
        {
            var (purpose, bits) = statusListCredential == RevocationList ? ("revocation", Revoked) : ("suspension", Suspended);
            var list = new JsonObject
            {
                ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
                ["id"] = statusListCredential,
                ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
                ["issuer"] = Issuer,
                ["validFrom"] = "2026-01-01T00:00:00Z",
                ["credentialSubject"] = new JsonObject
                {
                    ["id"] = $"{statusListCredential}#list", ["type"] = "BitstringStatusList", ["statusPurpose"] = purpose, ["encodedList"] = bits.Encode(),
                },
            };
            return Task.FromResult<JsonObject?>(EddsaRdfc2022.Sign(list, ListKey, Method, Issued));
        }
    }
}
