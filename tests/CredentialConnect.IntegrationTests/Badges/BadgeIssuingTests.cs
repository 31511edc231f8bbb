using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CredentialConnect.Badges.Baking;
using CredentialConnect.IntegrationTests.Credentials;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.Events;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Badges;

public sealed class BadgeIssuingTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task Award_BadgeJsonVerifiesWithTheKeyInTheDidDocument()
    {
        var (admin, program, credential) = await BadgeHub.AwardAsync(Hub);

        var badge = await BadgeHub.BadgeJsonAsync(admin, credential.Id);

        Assert.True((await BadgeHub.VerifyWithDidDocumentAsync(Hub, badge)).Passed);
        Assert.Equal($"http://localhost:5080/credentials/{credential.Number}", badge["id"]!.GetValue<string>());
        Assert.Equal("did:web:localhost%3A5080", badge["issuer"]!["id"]!.GetValue<string>());
        Assert.StartsWith("did:web:localhost%3A5080#ed25519-", badge["proof"]!["verificationMethod"]!.GetValue<string>());
        Assert.Equal(program.Name, badge["credentialSubject"]!["achievement"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Award_BadgeJwtVerifiesWithTheKeyInJwks()
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);

        var jwt = await BadgeHub.TextAsync(admin, $"/api/v1/credentials/{credential.Id}/badge.jwt", "application/vc+jwt");
        var (check, payload) = await BadgeHub.VerifyWithJwksAsync(Hub, jwt);

        var claims = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url(jwt.Split('.')[1])))!;
        Assert.True(check.Passed, check.Reason);
        Assert.Equal($"http://localhost:5080/credentials/{credential.Number}", payload!["id"]!.GetValue<string>());
        Assert.Equal("did:web:localhost%3A5080", claims["iss"]!.GetValue<string>());
        Assert.Equal($"http://localhost:5080/credentials/{credential.Number}", claims["jti"]!.GetValue<string>());
    }

    [Fact]
    public async Task Award_BakedPngAndSvgCarryTheSameSignedCredential()
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        var json = await BadgeHub.TextAsync(admin, $"/api/v1/credentials/{credential.Id}/badge.json");

        var png = await BadgeHub.BytesAsync(admin, $"/api/v1/credentials/{credential.Id}/badge.png");
        var svg = await BadgeHub.TextAsync(admin, $"/api/v1/credentials/{credential.Id}/badge.svg", "image/svg+xml");

        Assert.Equal(json, PngBaking.Extract(png));
        Assert.Equal(JsonNode.Parse(json)!.ToJsonString(), JsonNode.Parse(SvgBaking.Extract(svg)!)!.ToJsonString());
    }

    [Fact]
    public async Task Award_CertificateIsAPdf()
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);

        var pdf = await BadgeHub.BytesAsync(admin, $"/api/v1/credentials/{credential.Id}/certificate.pdf");

        Assert.Equal("%PDF", Encoding.ASCII.GetString(pdf, 0, 4));
    }

    [Fact]
    public async Task Badge_TamperedAfterDownload_FailsVerification()
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        var badge = await BadgeHub.BadgeJsonAsync(admin, credential.Id);
        var jwt = await BadgeHub.TextAsync(admin, $"/api/v1/credentials/{credential.Id}/badge.jwt");

        badge["credentialSubject"]!["achievement"]!["name"] = "Something grander";
        var parts = jwt.Split('.');
        var forged = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url(parts[1])))!.AsObject();
        forged["exp"] = 4102444800;
        var forgedJwt = $"{parts[0]}.{Convert.ToBase64String(Encoding.UTF8.GetBytes(forged.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.{parts[2]}";

        Assert.False((await BadgeHub.VerifyWithDidDocumentAsync(Hub, badge)).Passed);
        Assert.False((await BadgeHub.VerifyWithJwksAsync(Hub, forgedJwt)).Check.Passed);
    }

    [Fact]
    public async Task Renewal_IssuesTheNextCycleUnderTheSameNumberAndKeepsTheFirst()
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        var first = await BadgeHub.BadgeJsonAsync(admin, credential.Id);
        await Hub.WithDbAsync(async db =>
        {
            var renewing = await db.Credentials.Include(c => c.StatusHistory).SingleAsync(c => c.Id == credential.Id);
            renewing.Renew(renewing.ExpiresAt!.Value.AddYears(3), "Renewed for the next cycle.", "test", Hub.Now);
            db.Raise(DomainEventTypes.CredentialRenewed, Hub.Now, renewing.MemberId, renewing.ProgramId);
            await db.SaveChangesAsync();
        });

        var second = await BadgeHub.BadgeJsonAsync(admin, credential.Id);

        Assert.Equal(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
        Assert.NotEqual(first["validUntil"]!.GetValue<string>(), second["validUntil"]!.GetValue<string>());
        Assert.True((await BadgeHub.VerifyWithDidDocumentAsync(Hub, second)).Passed);
        var cycles = await Hub.WithDbAsync(db => db.IssuedBadges.Where(b => b.CredentialId == credential.Id).OrderBy(b => b.Cycle).Select(b => b.Cycle).ToListAsync());
        Assert.Equal([1, 2], cycles);
    }

    [Theory]
    [InlineData("suspend", "suspension")]
    [InlineData("revoke", "revocation")]
    public async Task StatusAction_SetsTheBitAndReinstateClearsIt(string action, string purpose)
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        var badge = await BadgeHub.BadgeJsonAsync(admin, credential.Id);
        var (before, beforeProof) = await BadgeHub.StatusBitAsync(Hub, badge, purpose);

        (await admin.PostJsonAsync($"/api/v1/credentials/{credential.Id}/{action}", new { reason = "Board finding." })).EnsureSuccessStatusCode();
        var (during, duringProof) = await BadgeHub.StatusBitAsync(Hub, badge, purpose);
        var (other, _) = await BadgeHub.StatusBitAsync(Hub, badge, purpose == "revocation" ? "suspension" : "revocation");
        (await admin.PostJsonAsync($"/api/v1/credentials/{credential.Id}/reinstate", new { reason = "Finding overturned." })).EnsureSuccessStatusCode();
        var (after, _) = await BadgeHub.StatusBitAsync(Hub, badge, purpose);

        Assert.False(before);
        Assert.True(during);
        Assert.False(other);
        Assert.NotEqual(beforeProof, duringProof);
        Assert.False(after);
    }

    [Fact]
    public async Task BulkRevoke_SetsTheRevocationBit()
    {
        var (admin, program, credential) = await BadgeHub.AwardAsync(Hub);
        var badge = await BadgeHub.BadgeJsonAsync(admin, credential.Id);
        var preview = JsonNode.Parse(await (await admin.PostJsonAsync("/api/v1/credentials/bulk-revoke/preview",
            new { programId = program.Id, reason = "Program withdrawn." })).Content.ReadAsStringAsync())!;

        (await admin.PostJsonAsync("/api/v1/credentials/bulk-revoke", new { previewToken = preview["previewToken"]!.GetValue<string>(), reason = "Program withdrawn." }))
            .EnsureSuccessStatusCode();

        Assert.True((await BadgeHub.StatusBitAsync(Hub, badge, "revocation")).Set);
    }

    [Fact]
    public async Task StatusList_IsPublicCachedBrieflyAndAnswersIfNoneMatch()
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        await BadgeHub.BadgeJsonAsync(admin, credential.Id);
        var anonymous = Hub.Anonymous();

        var first = await anonymous.GetAsync("/status-lists/revocation/1");
        var again = new HttpRequestMessage(HttpMethod.Get, "/status-lists/revocation/1");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await anonymous.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(first.Headers.CacheControl!.MaxAge <= TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/status-lists/revocation/2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/status-lists/other/1")).StatusCode);
    }

    [Fact]
    public async Task Rotation_OldBadgesStillVerifyAndNewOnesUseTheNewKey()
    {
        var (admin, program, before) = await BadgeHub.AwardAsync(Hub);
        var old = await BadgeHub.BadgeJsonAsync(admin, before.Id);
        var oldJwt = await BadgeHub.TextAsync(admin, $"/api/v1/credentials/{before.Id}/badge.jwt");

        var rotated = await (await admin.PostJsonAsync("/api/v1/issuer/keys/rotate", new { reason = "Annual rotation." })).ReadAsync<IssuerKeyResponse[]>();
        var member = await Hub.AddMemberAsync();
        var after = await BadgeHub.AwardAsync(admin, member.Id, program);
        var fresh = await BadgeHub.BadgeJsonAsync(admin, after.Id);
        var freshJwt = await BadgeHub.TextAsync(admin, $"/api/v1/credentials/{after.Id}/badge.jwt");

        Assert.Equal(4, rotated.Length);
        Assert.True((await BadgeHub.VerifyWithDidDocumentAsync(Hub, old)).Passed);
        Assert.True((await BadgeHub.VerifyWithJwksAsync(Hub, oldJwt)).Check.Passed);
        Assert.True((await BadgeHub.VerifyWithDidDocumentAsync(Hub, fresh)).Passed);
        Assert.True((await BadgeHub.VerifyWithJwksAsync(Hub, freshJwt)).Check.Passed);
        Assert.NotEqual(old["proof"]!["verificationMethod"]!.GetValue<string>(), fresh["proof"]!["verificationMethod"]!.GetValue<string>());
        var current = rotated.Single(k => k.Current && k.Kind == IssuerKeyKind.Ed25519);
        Assert.Equal(current.Url, fresh["proof"]!["verificationMethod"]!.GetValue<string>());
        Assert.Contains(await Hub.WithDbAsync(db => db.AuditLog.Where(a => a.EntityType == nameof(IssuerKey)).Select(a => a.Changes).ToListAsync()),
            c => c.Contains("Annual rotation.") && !c.Contains("ProtectedPrivateKey"));
    }

    [Fact]
    public async Task Rotation_WithoutAReason_Returns400()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var problem = await (await admin.PostJsonAsync("/api/v1/issuer/keys/rotate", new { reason = "" })).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors("reason"));
    }

    [Fact]
    public async Task Keys_EachJwkIsServedByItsKeyIdAndUnknownKeysAre404()
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        await BadgeHub.BadgeJsonAsync(admin, credential.Id);
        var anonymous = Hub.Anonymous();
        var jwk = JsonNode.Parse(await BadgeHub.TextAsync(anonymous, "/.well-known/jwks.json"))!["keys"]![0]!.AsObject();
        var keyId = jwk["kid"]!.GetValue<string>().Split('#')[1];

        var single = JsonNode.Parse(await BadgeHub.TextAsync(anonymous, $"/keys/{keyId}"))!.AsObject();

        Assert.Equal(jwk.ToJsonString(), single.ToJsonString());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/keys/es256-unknown")).StatusCode);
    }

    [Fact]
    public async Task Member_CannotDownloadAnotherMembersBadge()
    {
        var (admin, program, credential) = await BadgeHub.AwardAsync(Hub);
        var other = await Hub.AddMemberAsync();
        var own = await BadgeHub.AwardAsync(admin, other.Id, program);
        var member = await Hub.SignedInAsync(HubRoles.Member, other.Id);

        var theirs = await member.GetAsync($"/api/v1/credentials/{credential.Id}/badge.json");
        var share = await member.GetAsync($"/api/v1/credentials/{credential.Id}/share");
        var mine = await member.GetAsync($"/api/v1/credentials/{own.Id}/badge.json");

        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, share.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
    }

    [Fact]
    public async Task Share_GivesTheLinkedInLinkAndDownloads()
    {
        var (admin, program, credential) = await BadgeHub.AwardAsync(Hub);

        var share = await (await admin.GetAsync($"/api/v1/credentials/{credential.Id}/share")).ReadAsync<BadgeShareResponse>();

        Assert.StartsWith("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=" + Uri.EscapeDataString(program.Name), share.LinkedInAddToProfileUrl);
        Assert.Contains("certId=" + credential.Number, share.LinkedInAddToProfileUrl);
        Assert.Equal($"http://localhost:5080/verify/{credential.Number}", share.VerificationUrl);
        Assert.Equal($"http://localhost:5080/ob2/assertions/{credential.Number}", share.OpenBadges2AssertionUrl);
    }

    [Fact]
    public async Task OpenBadges2_HostedAssertionChainResolvesAndRevokedSaysSo()
    {
        var (admin, program, credential) = await BadgeHub.AwardAsync(Hub);
        var anonymous = Hub.Anonymous();
        (await admin.PostJsonAsync($"/api/v1/credentials/{credential.Id}/revoke", new { reason = "Ethics finding." })).EnsureSuccessStatusCode();

        var assertion = JsonNode.Parse(await BadgeHub.TextAsync(anonymous, $"/ob2/assertions/{credential.Number}"))!;
        var badgeClass = JsonNode.Parse(await BadgeHub.TextAsync(anonymous, new Uri(assertion["badge"]!.GetValue<string>()).AbsolutePath))!;
        var issuer = JsonNode.Parse(await BadgeHub.TextAsync(anonymous, new Uri(badgeClass["issuer"]!.GetValue<string>()).AbsolutePath))!;

        Assert.Equal("Assertion", assertion["type"]!.GetValue<string>());
        Assert.True(assertion["revoked"]!.GetValue<bool>());
        Assert.Equal(program.Name, badgeClass["name"]!.GetValue<string>());
        Assert.Equal("Issuer", issuer["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/ob2/assertions/CERT-2099-999999")).StatusCode);
    }

    [Fact]
    public async Task Backfill_IssuesBadgesForCredentialsAwardedBeforeBadges()
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);

        var pass = await (await admin.PostAsync("/api/v1/issuer/badges/issue-missing", null)).ReadAsync<BadgeIssuingPass>();
        var again = await (await admin.PostAsync("/api/v1/issuer/badges/issue-missing", null)).ReadAsync<BadgeIssuingPass>();

        Assert.Equal(1, pass.Issued);
        Assert.Equal(0, again.Issued);
        Assert.Equal(1, await Hub.WithDbAsync(db => db.IssuedBadges.CountAsync(b => b.CredentialId == credential.Id)));
    }

    [Fact]
    public async Task Issuer_ProfileAndDidDocumentArePublic()
    {
        var anonymous = Hub.Anonymous();

        var profile = JsonNode.Parse(await BadgeHub.TextAsync(anonymous, "/issuer"))!;
        var did = JsonNode.Parse(await BadgeHub.TextAsync(anonymous, "/.well-known/did.json"))!;

        Assert.Equal("did:web:localhost%3A5080", profile["id"]!.GetValue<string>());
        Assert.Equal("did:web:localhost%3A5080", did["id"]!.GetValue<string>());
        Assert.NotEmpty(did["assertionMethod"]!.AsArray());
    }

    private static byte[] Base64Url(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/').PadRight(text.Length + (4 - text.Length % 4) % 4, '='));
}
