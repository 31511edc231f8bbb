using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CredentialConnect.Badges.Baking;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Programs;

public sealed class ProgramArtworkApiTests(HubFixture hub) : HubTest(hub)
{
    private const string Svg = """<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#1c7ed6"/></svg>""";

    private static MultipartFormDataContent Upload(byte[] content, string contentType, string fileName) =>
        new() { { new ByteArrayContent(content) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } }, "file", fileName } };

    [Fact]
    public async Task Upload_APng_IsServedAsTheProgramsBadgeImage()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await CreateAsync(admin);
        var png = BadgeArtwork.Png("ZZZ");

        var stored = await (await admin.PutAsync($"/api/v1/programs/{program.Id}/artwork", Upload(png, "image/png", "badge.png")))
            .ReadAsync<ProgramArtworkResponse>();

        Assert.Equal(("image/png", png.Length), (stored.ContentType, stored.SizeBytes));
        Assert.Equal(png, await admin.GetByteArrayAsync($"/api/v1/programs/{program.Id}/artwork"));
        Assert.Equal(png, await admin.GetByteArrayAsync($"/programs/{program.Code}/badge.png"));
        Assert.NotEqual(BadgeArtwork.Png(program.Code), png);
    }

    [Fact]
    public async Task Upload_AnSvg_ReplacesThePng_AndDeleteGoesBackToTheGeneratedImage()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await CreateAsync(admin);
        await (await admin.PutAsync($"/api/v1/programs/{program.Id}/artwork", Upload(BadgeArtwork.Png("ZZZ"), "image/png", "a.png"))).ReadAsync<ProgramArtworkResponse>();

        var stored = await (await admin.PutAsync($"/api/v1/programs/{program.Id}/artwork", Upload(Encoding.UTF8.GetBytes(Svg), "image/svg+xml", "a.svg")))
            .ReadAsync<ProgramArtworkResponse>();
        var served = await admin.GetAsync($"/api/v1/programs/{program.Id}/artwork");

        Assert.Equal("image/svg+xml", stored.ContentType);
        Assert.Equal("image/svg+xml", served.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sandbox", served.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/programs/{program.Id}/artwork")).StatusCode);
        await (await admin.GetAsync($"/api/v1/programs/{program.Id}/artwork")).ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        Assert.Equal(BadgeArtwork.Png(program.Code), await admin.GetByteArrayAsync($"/programs/{program.Code}/badge.png"));
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_Returns413AndKeepsNothing()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await CreateAsync(admin);
        var big = new byte[ImageUploads.MaxBytes + 1];
        BadgeArtwork.Png("ZZZ").CopyTo(big, 0);

        var problem = await (await admin.PutAsync($"/api/v1/programs/{program.Id}/artwork", Upload(big, "image/png", "huge.png")))
            .ProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);

        Assert.Contains("at most 512 KB", problem.GetProperty("detail").GetString());
        Assert.Equal(0, await Hub.WithDbAsync(db => Task.FromResult(db.ProgramArtwork.Count())));
    }

    [Theory]
    [InlineData("image/jpeg", "photo.jpg")]
    [InlineData("image/png", "renamed.png")]
    public async Task Upload_NotAPngOrSvg_Returns415(string contentType, string fileName)
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await CreateAsync(admin);

        var problem = await (await admin.PutAsync($"/api/v1/programs/{program.Id}/artwork", Upload([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3], contentType, fileName)))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, Problems.UnsupportedMediaType);

        Assert.Contains(contentType == "image/png" ? "not a readable PNG" : "must be a PNG or SVG", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Upload_AnSvgWithScript_Returns400NamingIt()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await CreateAsync(admin);
        var svg = """<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>""";

        var problem = await (await admin.PutAsync($"/api/v1/programs/{program.Id}/artwork", Upload(Encoding.UTF8.GetBytes(svg), "image/svg+xml", "x.svg")))
            .ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("onload", Assert.Single(problem.FieldErrors("file")));
    }

    [Fact]
    public async Task Upload_ByAReviewer_IsForbidden()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await CreateAsync(admin);
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);

        var response = await reviewer.PutAsync($"/api/v1/programs/{program.Id}/artwork", Upload(BadgeArtwork.Png("ZZZ"), "image/png", "a.png"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<ProgramResponse> CreateAsync(HttpClient admin) =>
        await (await admin.PostJsonAsync("/api/v1/programs", new ProgramBuilder().Build())).ReadAsync<ProgramResponse>(HttpStatusCode.Created);
}
