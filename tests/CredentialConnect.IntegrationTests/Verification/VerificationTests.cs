using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CredentialConnect.Badges.DataIntegrity;
using CredentialConnect.IntegrationTests.Badges;
using CredentialConnect.IntegrationTests.Credentials;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Verification;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Verification;

public sealed class VerificationTests(HubFixture hub) : HubTest(hub)
{
    private static readonly string[] EveryCheck = ["proof", "issuer", "validFrom", "validUntil", "revocation", "suspension"];

    [Fact]
    public async Task ByNumber_WhenActive_IsVerifiedWithEveryCheckPassed_AndNeverCached()
    {
        var (_, program, credential) = await BadgeHub.AwardAsync(Hub);

        var response = await Hub.Anonymous().GetAsync($"/api/v1/verify/{credential.Number}");
        var result = await response.ReadAsync<VerificationResponse>();

        Assert.Equal("Verified", result.Verdict);
        Assert.True(result.Verified);
        Assert.Equal(EveryCheck.Order(), result.Checks.Select(c => c.Name).Order());
        Assert.All(result.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Reason}"));
        Assert.Equal(credential.Number, result.Credential!.Number);
        Assert.Equal(program.Name, result.Credential.Program);
        Assert.Equal("did:web:localhost%3A5080", result.Credential.IssuerId);
        Assert.Equal("json", result.Credential.Format);
        Assert.NotNull(result.Credential.ValidUntil);
        Assert.Equal("Active", result.Status);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task ByNumber_AfterRevoke_PageAndApiShowRevokedAtOnce()
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        var anonymous = Hub.Anonymous();
        Assert.Equal("Verified", (await VerifyNumberAsync(anonymous, credential.Number)).Verdict);

        (await admin.PostJsonAsync($"/api/v1/credentials/{credential.Id}/revoke", new { reason = "Board finding." })).EnsureSuccessStatusCode();
        var result = await VerifyNumberAsync(anonymous, credential.Number);
        var page = await anonymous.GetAsync($"/verify/{credential.Number}");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal("Revoked", result.Verdict);
        Assert.Contains(result.Checks, c => c is { Name: "revocation", Passed: false } && c.Reason.Contains("Revoked"));
        Assert.Equal("Revoked", result.Status);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl!.NoStore);
        Assert.Contains("<strong>Revoked: the issuer has withdrawn this credential.</strong>", html);
        Assert.Contains("<dt>Status right now</dt><dd>Revoked</dd>", html);
    }

    [Fact]
    public async Task ByNumber_WhenSuspended_SaysSuspended()
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);

        (await admin.PostJsonAsync($"/api/v1/credentials/{credential.Id}/suspend", new { reason = "Audit open." })).EnsureSuccessStatusCode();
        var result = await VerifyNumberAsync(Hub.Anonymous(), credential.Number);

        Assert.Equal("Suspended", result.Verdict);
        Assert.Contains(result.Checks, c => c is { Name: "suspension", Passed: false } && c.Reason.Contains("suspended", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(result.Checks, c => c is { Name: "revocation", Passed: true });
    }

    [Fact]
    public async Task ByNumber_PastValidUntil_IsExpired()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithValidity("P1D").SaveAsync(Hub);
        var credential = await BadgeHub.AwardAsync(admin, member.Id, program);
        Assert.Equal("Verified", (await VerifyNumberAsync(Hub.Anonymous(), credential.Number)).Verdict);

        Hub.Factory.Clock.Advance(TimeSpan.FromDays(2));
        var result = await VerifyNumberAsync(Hub.Anonymous(), credential.Number);

        Assert.Equal("Expired", result.Verdict);
        Assert.Contains(result.Checks, c => c is { Name: "validUntil", Passed: false } && c.Reason.StartsWith("Expired on"));
    }

    [Fact]
    public async Task Upload_SignedByTheIssuerButValidFromInTheFuture_IsNotYetValid()
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        var badge = await BadgeHub.BadgeJsonAsync(admin, credential.Id);
        badge.Remove("proof");
        badge["validFrom"] = OpenBadgeCredentialBuilder.Timestamp(Hub.Now.AddDays(30));
        var signing = await Hub.Factory.Services.GetRequiredService<IssuerKeyRing>().CurrentAsync(CancellationToken.None);
        var future = EddsaRdfc2022.Sign(badge, signing.DataIntegrity, signing.VerificationMethod, Hub.Now);

        var result = await UploadAsync(Encoding.UTF8.GetBytes(future.ToJsonString()));

        Assert.Equal("NotYetValid", result.Verdict);
        Assert.Contains(result.Checks, c => c is { Name: "proof", Passed: true });
        Assert.Contains(result.Checks, c => c is { Name: "validFrom", Passed: false } && c.Reason.StartsWith("Not valid before"));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("jwt")]
    [InlineData("png")]
    [InlineData("svg")]
    public async Task Upload_EachDownloadFormat_IsVerified(string format)
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        var download = await BadgeHub.BytesAsync(admin, $"/api/v1/credentials/{credential.Id}/badge.{format}");

        var result = await UploadAsync(download);

        Assert.Equal("Verified", result.Verdict);
        Assert.Equal(format, result.Credential!.Format);
        Assert.Equal(credential.Number, result.Credential.Number);
        Assert.All(result.Checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Reason}"));
    }

    [Fact]
    public async Task Upload_AsAMultipartFile_IsVerified_AndThePageShowsTheReport()
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        var png = await BadgeHub.BytesAsync(admin, $"/api/v1/credentials/{credential.Id}/badge.png");

        var api = await Hub.Anonymous().PostAsync("/api/v1/verify", Form(png, "badge.png"));
        var page = await Hub.Anonymous().PostAsync("/verify", Form(png, "badge.png"));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal("Verified", (await api.ReadAsync<VerificationResponse>()).Verdict);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<strong>Verified: the signature holds", html);
        Assert.Contains($"<a href=\"/verify/{credential.Number}\">{credential.Number}</a>", html);
        Assert.Contains("<strong>Passed:</strong> Signature.", html);
    }

    public static TheoryData<string> Tamperings => new() { "renamed", "proof", "other key", "jwt payload", "png", "svg" };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task Upload_Tampered_IsInvalidWithAReason(string tampering)
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        var badge = await BadgeHub.BadgeJsonAsync(admin, credential.Id);
        var jwt = await BadgeHub.TextAsync(admin, $"/api/v1/credentials/{credential.Id}/badge.jwt");
        var renamed = Tampering.RenamedAchievement(badge).ToJsonString();
        byte[] upload = tampering switch
        {
            "renamed" => Encoding.UTF8.GetBytes(renamed),
            "proof" => Encoding.UTF8.GetBytes(Tampering.AlteredProof(badge).ToJsonString()),
            "other key" => Encoding.UTF8.GetBytes(Tampering.SignedByAnotherKey(badge).ToJsonString()),
            "jwt payload" => Encoding.ASCII.GetBytes(Tampering.ChangedJwtPayload(jwt)),
            "png" => Tampering.BakedPng(renamed),
            _ => Encoding.UTF8.GetBytes(Tampering.BakedSvg(renamed)),
        };

        var result = await UploadAsync(upload);

        Assert.Equal("Invalid", result.Verdict);
        var proof = Assert.Single(result.Checks, c => c.Name == "proof");
        Assert.False(proof.Passed);
        Assert.False(string.IsNullOrWhiteSpace(proof.Reason));
    }

    public static TheoryData<string> Malformed => new() { "not json", "truncated png", "compressed itxt", "svg external entity", "json array" };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task Upload_Malformed_Is400AndThePageSaysWhy(string kind)
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        var png = await BadgeHub.BytesAsync(admin, $"/api/v1/credentials/{credential.Id}/badge.png");
        var json = await BadgeHub.TextAsync(admin, $"/api/v1/credentials/{credential.Id}/badge.json");
        byte[] upload = kind switch
        {
            "not json" => Encoding.UTF8.GetBytes("{ this is not json"),
            "truncated png" => png[..(png.Length / 2)],
            "compressed itxt" => Tampering.CompressedPng(json),
            "svg external entity" => Encoding.UTF8.GetBytes("""
                <?xml version="1.0"?>
                <!DOCTYPE svg [<!ENTITY credential SYSTEM "file:///etc/passwd">]>
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>&credential;</openbadges:credential></svg>
                """),
            _ => Encoding.UTF8.GetBytes("[1, 2, 3]"),
        };

        var problem = await (await Hub.Anonymous().PostAsync("/api/v1/verify", new ByteArrayContent(upload)))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.MalformedRequest);
        var page = await Hub.Anonymous().PostAsync("/verify", Form(upload, "upload.bin"));

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Not a readable credential:", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_OverTheSizeCap_Is413WithAClearMessage()
    {
        var huge = new byte[3 * 1024 * 1024];
        huge.AsSpan().Fill((byte)'a');

        var raw = await Hub.Anonymous().PostAsync("/api/v1/verify", new ByteArrayContent(huge));
        var form = await Hub.Anonymous().PostAsync("/verify", Form(huge, "huge.png"));

        var problem = await raw.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);
        Assert.Contains("larger than 2 MB", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, form.StatusCode);
        Assert.Contains("larger than 2 MB", await form.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("CERT-2026-999999")]
    [InlineData("not-a-number")]
    public async Task ByNumber_Unknown_Is404FromPageAndApi(string number)
    {
        await BadgeHub.AwardAsync(Hub);
        var anonymous = Hub.Anonymous();

        var problem = await (await anonymous.GetAsync($"/api/v1/verify/{number}")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        var page = await anonymous.GetAsync($"/verify/{number}");

        Assert.Equal($"No credential '{number}'.", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Not found:", await page.Content.ReadAsStringAsync());
    }

    // The timing of unknown numbers is equalized by doing the same work, not measured here: this checks the work is done.
    [Theory]
    [InlineData("CERT-2026-999999")]
    [InlineData("not-a-number")]
    public async Task CheckNumber_Unknown_StillVerifiesADecoyInFull(string number)
    {
        var (admin, _, credential) = await BadgeHub.AwardAsync(Hub);
        await BadgeHub.BadgeJsonAsync(admin, credential.Id);
        await using var scope = Hub.Factory.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<CredentialVerification>().CheckNumberAsync(number, CancellationToken.None);

        Assert.False(result.Found);
        Assert.Equal(EveryCheck.Order(), result.Report.Checks.Select(c => c.Name).Order());
        Assert.Contains(result.Report.Checks, c => c is { Name: "proof", Passed: true });
        Assert.Contains(result.Report.Checks, c => c is { Name: "revocation", Passed: true });
    }

    [Fact]
    public async Task Page_ShowsTheNameOnlyWhenTheMemberConsented_AndNeverTheEmail()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await new LifecycleProgramBuilder().SaveAsync(Hub);
        var hidden = await Hub.AddMemberAsync(m => (m.FirstName, m.LastName) = ("Private", "Person"));
        var shown = await Hub.AddMemberAsync(m => (m.FirstName, m.LastName, m.Directory) =
            ("Ada <Okafor>", "& Sons", DirectoryConsent.Given(optedIn: true, showName: true, showEmail: false, showLocation: false, showCredentials: false)));
        var hiddenCredential = await BadgeHub.AwardAsync(admin, hidden.Id, program);
        var shownCredential = await BadgeHub.AwardAsync(admin, shown.Id, program);

        var hiddenPage = await Hub.Anonymous().GetStringAsync($"/verify/{hiddenCredential.Number}");
        var shownPage = await Hub.Anonymous().GetStringAsync($"/verify/{shownCredential.Number}");

        Assert.DoesNotContain("Private", hiddenPage);
        Assert.DoesNotContain(hidden.Email, hiddenPage);
        Assert.Contains("<dt>Holder</dt><dd>The holder (the member has not chosen to show their name in public)</dd>", hiddenPage);
        Assert.Contains("<dt>Holder</dt><dd>Ada &lt;Okafor&gt; &amp; Sons</dd>", shownPage);
        Assert.DoesNotContain(shown.Email, shownPage);
        Assert.Contains($"<dt>Credential</dt><dd>{program.Name}</dd>", shownPage);
        Assert.Contains("<strong>Verified: the signature holds", shownPage);
        Assert.Contains("""<form method="post" enctype="multipart/form-data" action="/verify" """, shownPage);
    }

    [Fact]
    public async Task CredentialId_RedirectsToTheVerificationPage()
    {
        var (_, _, credential) = await BadgeHub.AwardAsync(Hub);

        var response = await Hub.Anonymous().GetAsync($"/credentials/{credential.Number}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/verify/{credential.Number}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task PastTheRateLimit_PageAndApiAnswer429()
    {
        await using var limited = new HubFactory("Testing", new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DataModule.ConnectionStringName}"] = Hub.ConnectionString,
            [$"{PublicRateLimitOptions.Section}:PermitLimit"] = "2",
            [$"{PublicRateLimitOptions.Section}:WindowSeconds"] = "3600",
        });
        var client = limited.Anonymous();

        var allowed = new[] { await client.GetAsync("/api/v1/verify/CERT-2026-999999"), await client.GetAsync("/verify/CERT-2026-999999") };
        var api = await client.PostAsync("/api/v1/verify", new StringContent("{}"));
        var page = await client.GetAsync("/verify/CERT-2026-999999");

        Assert.All(allowed, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        await api.ProblemAsync(HttpStatusCode.TooManyRequests, Problems.TooManyRequests);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
    }

    private static async Task<VerificationResponse> VerifyNumberAsync(HttpClient client, string number) =>
        await (await client.GetAsync($"/api/v1/verify/{number}")).ReadAsync<VerificationResponse>();

    private async Task<VerificationResponse> UploadAsync(byte[] upload) =>
        await (await Hub.Anonymous().PostAsync("/api/v1/verify", new ByteArrayContent(upload))).ReadAsync<VerificationResponse>();

    private static MultipartFormDataContent Form(byte[] file, string fileName)
    {
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { content, VerificationUploads.FileField, fileName } };
    }
}
