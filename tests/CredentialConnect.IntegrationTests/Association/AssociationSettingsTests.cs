using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialConnect.Badges.Baking;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Association;
using CredentialConnect.Web.Features.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Association;

/// <summary>An Admin changes who the association is: the public pages, badges and every node follow; bad values change nothing.</summary>
[Collection(HubCollection.Name)]
public sealed class AssociationSettingsTests(HubFixture fixture, AssociationHub association) : IClassFixture<AssociationHub>
{
    private const string Settings = "/api/v1/association/settings";
    private const string Logo = "/api/v1/association/logo";

    private static AssociationSettingsWrite Write(AssociationSettingsResponse read, string? name = null, string? primary = null, string? accent = null,
        string? baseUrl = null, string? timeZone = null, string? locale = null, string? email = null, string? website = null, int? version = -1) =>
        new(name ?? read.Name, website ?? read.Website, email ?? read.Email, timeZone ?? read.TimeZone, locale ?? read.Locale,
            primary ?? read.PrimaryColour, accent ?? read.AccentColour, baseUrl ?? read.PublicBaseUrl, version == -1 ? read.Version : version);

    private static MultipartFormDataContent Upload(byte[] content, string contentType, string fileName) =>
        new() { { new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } }, "file", fileName } };

    [Fact]
    public async Task Settings_BeforeAnyoneSaves_AreWhatConfigurationSays_AtVersionZero()
    {
        var hub = await association.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);

        var read = await (await admin.GetAsync(Settings)).ReadAsync<AssociationSettingsResponse>();

        Assert.Equal((AssociationHub.ConfiguredName, AssociationHub.ConfiguredBaseUrl, 0, null), (read.Name, read.PublicBaseUrl, read.Version, read.UpdatedBy));
        Assert.Equal((AssociationColours.DefaultPrimary, AssociationColours.DefaultAccent, "UTC", "en-GB"), (read.PrimaryColour, read.AccentColour, read.TimeZone, read.Locale));
        Assert.Null(read.LogoUrl);
    }

    [Fact]
    public async Task Save_ChangesThePublicPages_TheIssuerProfile_AndTheProfileAnyoneCanRead_AndIsAudited()
    {
        var hub = await association.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);
        var read = await (await admin.GetAsync(Settings)).ReadAsync<AssociationSettingsResponse>();

        var saved = await (await admin.PutJsonAsync(Settings, Write(read, name: "Society of <Safety> Engineers", primary: "#123456", accent: "#8A1C1C",
            website: "https://www.sse.example", email: "credentials@sse.example", timeZone: "America/Chicago", locale: "en-US"))).ReadAsync<AssociationSettingsResponse>();
        var anonymous = hub.Anonymous();
        var profile = await (await anonymous.GetAsync("/api/v1/association")).ReadAsync<AssociationProfile>();
        var verifyPage = await anonymous.GetStringAsync("/verify");
        var directoryPage = await anonymous.GetStringAsync("/directory");
        var issuer = JsonNode.Parse(await anonymous.GetStringAsync("/issuer"))!;

        Assert.Equal((1, "Society of <Safety> Engineers", "#8a1c1c", "America/Chicago"), (saved.Version, saved.Name, saved.AccentColour, saved.TimeZone));
        Assert.NotNull(saved.UpdatedBy);
        Assert.Equal(new AssociationProfile("Society of <Safety> Engineers", "https://www.sse.example", "credentials@sse.example", "#123456", "#8a1c1c", null), profile);
        foreach (var page in new[] { verifyPage, directoryPage })
        {
            Assert.Contains("<span>Society of &lt;Safety&gt; Engineers</span>", page);
            Assert.Contains("background: #123456", page);
            Assert.Contains("a { color: #8a1c1c; }", page);
        }
        Assert.Contains("<title>Directory · Society of &lt;Safety&gt; Engineers</title>", directoryPage);
        Assert.Equal(("Society of <Safety> Engineers", "https://www.sse.example", "credentials@sse.example"),
            (issuer["name"]!.GetValue<string>(), issuer["url"]!.GetValue<string>(), issuer["email"]!.GetValue<string>()));
        var audit = await hub.WithDbAsync(db => Task.FromResult(db.AuditLog.Where(e => e.EntityType == nameof(AssociationSettings)).ToList()));
        var entry = Assert.Single(audit);
        Assert.Equal(saved.UpdatedBy, entry.Actor);
        Assert.Contains("Society of", entry.Changes);
    }

    [Fact]
    public async Task Save_ANewPublicAddress_IsTheIssuerOfCredentialsFromThenOn()
    {
        var hub = await association.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);
        var read = await (await admin.GetAsync(Settings)).ReadAsync<AssociationSettingsResponse>();

        var saved = await (await admin.PutJsonAsync(Settings, Write(read, baseUrl: "https://badges.moved.example/"))).ReadAsync<AssociationSettingsResponse>();
        var issuer = JsonNode.Parse(await hub.Anonymous().GetStringAsync("/issuer"))!;

        Assert.Equal("https://badges.moved.example", saved.PublicBaseUrl);
        Assert.Equal("did:web:badges.moved.example", issuer["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("name", "   ")]
    [InlineData("primaryColour", "#ffff00")]
    [InlineData("primaryColour", "yellow")]
    [InlineData("accentColour", "#9ec5fe")]
    [InlineData("timeZone", "Mars/Olympus_Mons")]
    [InlineData("locale", "xx-NOPE")]
    [InlineData("publicBaseUrl", "ftp://credentials.example.org")]
    [InlineData("publicBaseUrl", "https://credentials.example.org/?tenant=1")]
    [InlineData("website", "www.example.org")]
    [InlineData("email", "not an address")]
    public async Task Save_WithABadValue_Returns400OnItsField_AndChangesNothing(string field, string value)
    {
        var hub = await association.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);
        var read = await (await admin.GetAsync(Settings)).ReadAsync<AssociationSettingsResponse>();
        var body = JsonSerializer.SerializeToNode(Write(read), HttpExtensions.Json)!.AsObject();
        body[field] = value;

        var problem = await (await admin.PutAsJsonAsync(Settings, body)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.NotEmpty(problem.FieldErrors(field));
        Assert.Equal(read, await (await admin.GetAsync(Settings)).ReadAsync<AssociationSettingsResponse>());
    }

    [Fact]
    public async Task Save_ATooLightColour_SaysHowLittleContrastItHas()
    {
        var hub = await association.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);
        var read = await (await admin.GetAsync(Settings)).ReadAsync<AssociationSettingsResponse>();

        var problem = await (await admin.PutJsonAsync(Settings, Write(read, primary: "#ffff00"))).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("contrast with white is 1.1:1", problem.FieldErrors("primaryColour").Single());
    }

    [Fact]
    public async Task Save_WithoutAVersion_OrAStaleOne_IsRefused_AndTheOtherEditStands()
    {
        var hub = await association.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);
        var read = await (await admin.GetAsync(Settings)).ReadAsync<AssociationSettingsResponse>();
        await (await admin.PutJsonAsync(Settings, Write(read, name: "First Edit"))).ReadAsync<AssociationSettingsResponse>();

        var missing = await (await admin.PutJsonAsync(Settings, Write(read, name: "No Version", version: null))).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        await (await admin.PutJsonAsync(Settings, Write(read, name: "Stale Edit"))).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);

        Assert.NotEmpty(missing.FieldErrors("version"));
        Assert.Equal("First Edit", (await (await admin.GetAsync(Settings)).ReadAsync<AssociationSettingsResponse>()).Name);
    }

    [Fact]
    public async Task Save_OnOneNode_ReachesAnotherNodeAtItsNextCheck()
    {
        var hub = await association.StartAsync(fixture);
        var otherNode = association.SecondNode();
        await using (var scope = otherNode.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<AssociationSettingsStore>().LoadAsync(CancellationToken.None);
        var admin = await hub.SignedInAsync(HubRoles.Admin);
        var read = await (await admin.GetAsync(Settings)).ReadAsync<AssociationSettingsResponse>();

        await (await admin.PutJsonAsync(Settings, Write(read, name: "Renamed On Node One"))).ReadAsync<AssociationSettingsResponse>();
        await (await admin.PutAsync(Logo, Upload(BadgeArtwork.Png("LOGO"), "image/png", "logo.png"))).ReadAsync<AssociationLogoResponse>();
        var before = await (await otherNode.Anonymous().GetAsync("/api/v1/association")).ReadAsync<AssociationProfile>();
        bool loaded, loadedAgain;
        await using (var scope = otherNode.Services.CreateAsyncScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<AssociationSettingsStore>();
            loaded = await store.RefreshAsync(CancellationToken.None);
            loadedAgain = await store.RefreshAsync(CancellationToken.None);
        }
        var after = await (await otherNode.Anonymous().GetAsync("/api/v1/association")).ReadAsync<AssociationProfile>();

        Assert.Equal(AssociationHub.ConfiguredName, before.Name);
        Assert.Equal((true, false), (loaded, loadedAgain));
        Assert.Equal("Renamed On Node One", after.Name);
        Assert.StartsWith(Logo + "?v=", after.LogoUrl);
        Assert.Contains("Renamed On Node One", await otherNode.Anonymous().GetStringAsync("/verify"));
    }

    [Fact]
    public async Task Logo_UploadedOnce_IsServedToAnyone_ShownOnThePublicPages_AndRemoved()
    {
        var hub = await association.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);
        var svg = Encoding.UTF8.GetBytes("""<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#123456"/></svg>""");

        var stored = await (await admin.PutAsync(Logo, Upload(svg, "image/svg+xml", "logo.svg"))).ReadAsync<AssociationLogoResponse>();
        var anonymous = hub.Anonymous();
        var served = await anonymous.GetAsync(Logo);
        var page = await anonymous.GetStringAsync("/directory");

        Assert.Equal(("image/svg+xml", svg.Length), (stored.ContentType, stored.SizeBytes));
        Assert.Equal(svg, await served.Content.ReadAsByteArrayAsync());
        Assert.Contains("sandbox", served.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains($"<img src=\"{WebUtility.HtmlEncode(stored.LogoUrl)}\" alt=\"\">", page);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync(Logo)).StatusCode);
        await (await anonymous.GetAsync(Logo)).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        Assert.DoesNotContain("<img", await anonymous.GetStringAsync("/directory"));
        await (await admin.DeleteAsync(Logo)).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        var audit = await hub.WithDbAsync(db => Task.FromResult(db.AuditLog.Where(e => e.EntityType == nameof(AssociationLogo)).Select(e => e.Action).ToList()));
        Assert.Equal(["LogoRemoved", "LogoReplaced"], audit.Order());
    }

    [Fact]
    public async Task Logo_ThatIsNotAnImage_TooLarge_OrScripted_IsRefused_AndTheOldOneStays()
    {
        var hub = await association.StartAsync(fixture);
        var admin = await hub.SignedInAsync(HubRoles.Admin);
        var png = BadgeArtwork.Png("KEEP");
        await (await admin.PutAsync(Logo, Upload(png, "image/png", "logo.png"))).ReadAsync<AssociationLogoResponse>();

        var text = await (await admin.PutAsync(Logo, Upload("name,email"u8.ToArray(), "text/csv", "members.csv")))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, Problems.UnsupportedMediaType);
        var fake = await (await admin.PutAsync(Logo, Upload("not a png"u8.ToArray(), "image/png", "logo.png")))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, Problems.UnsupportedMediaType);
        var big = await (await admin.PutAsync(Logo, Upload(new byte[ImageUploads.MaxBytes + 1], "image/png", "huge.png")))
            .ProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);
        var scripted = await (await admin.PutAsync(Logo, Upload(
            """<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>"""u8.ToArray(), "image/svg+xml", "logo.svg")))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("The logo must be a PNG or SVG image", text.GetProperty("detail").GetString());
        Assert.Contains("not a readable PNG", fake.GetProperty("detail").GetString());
        Assert.Contains("The logo must be at most 512 KB", big.GetProperty("detail").GetString());
        Assert.Contains("may not hold script", scripted.FieldErrors("file").Single());
        Assert.Equal(png, await admin.GetByteArrayAsync(Logo));
    }

    [Fact]
    public async Task OnlyAnAdmin_ReadsOrChangesTheSettings_ButAnyoneReadsTheProfile()
    {
        var hub = await association.StartAsync(fixture);
        var reviewer = await hub.SignedInAsync(HubRoles.Reviewer);
        var anonymous = hub.Anonymous();
        var (keyClient, _) = await hub.WithApiKeyAsync(ApiScopes.ProgramsWrite);

        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.GetAsync(Settings)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.PutJsonAsync(Settings, new { name = "Taken Over", version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reviewer.DeleteAsync(Logo)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await keyClient.GetAsync(Settings)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Settings)).StatusCode);
        Assert.Equal(AssociationHub.ConfiguredName, (await (await anonymous.GetAsync("/api/v1/association")).ReadAsync<AssociationProfile>()).Name);
    }
}
