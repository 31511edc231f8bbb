using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Applications;

namespace CredentialConnect.IntegrationTests.Applications;

public sealed class EvidenceTests(HubFixture hub, ApplicationsHub applications) : ApplicationsTest(hub, applications)
{
    private static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8];
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];
    private static readonly byte[] Exe = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00];

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid applicationId, byte[] content, string fileName, string contentType)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return client.PostAsync($"{Url}/{applicationId}/evidence", new MultipartFormDataContent { { file, "file", fileName } });
    }

    private async Task<(ApplicationResponse Draft, HttpClient Member)> DraftAsync()
    {
        var program = await ProgramAsync();
        var (_, member) = await MemberAsync();
        return (await StartAsync(member, program.Id), member);
    }

    [Fact]
    public async Task Upload_APdf_StoresItWithItsHashAndServesItBackAsAnAttachment()
    {
        var (draft, member) = await DraftAsync();

        var stored = await (await UploadAsync(member, draft.Id, Pdf, "licence.pdf", "application/pdf")).ReadAsync<EvidenceResponse>(HttpStatusCode.Created);
        var listed = await (await member.GetAsync($"{Url}/{draft.Id}/evidence")).ReadAsync<EvidenceResponse[]>();
        var reviewer = await ReviewerAsync();
        var download = await reviewer.GetAsync($"{Url}/{draft.Id}/evidence/{stored.Id}");

        Assert.Equal(("licence.pdf", "application/pdf", (long)Pdf.Length), (stored.FileName, stored.ContentType, stored.SizeBytes));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), stored.Sha256);
        Assert.Equal(stored.Id, Assert.Single(listed).Id);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("licence.pdf", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Upload_LargerThanTheConfiguredLimit_Returns413AndStoresNothing()
    {
        var (draft, member) = await DraftAsync();
        var big = new byte[ApplicationsHub.MaxEvidenceBytes + 1];
        Pdf.CopyTo(big, 0);

        var problem = await (await UploadAsync(member, draft.Id, big, "scan.pdf", "application/pdf")).ProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);

        Assert.Contains("at most 0.25 MB", problem.GetProperty("detail").GetString());
        Assert.Equal((0, 0), (await CountAsync<ApplicationEvidence>(), await CountAsync<ApplicationEvidenceFile>()));
    }

    [Theory]
    [InlineData("exe renamed .pdf", "setup.pdf", "application/pdf", "none of them")]
    [InlineData("png declared as pdf", "photo.png", "application/pdf", "sent as application/pdf")]
    [InlineData("png named .pdf", "photo.pdf", "image/png", "named .pdf")]
    public async Task Upload_WhoseContentNameAndTypeDisagree_Returns415AndStoresNothing(string _, string fileName, string contentType, string expected)
    {
        var (draft, member) = await DraftAsync();
        var content = fileName == "setup.pdf" ? Exe : Png;

        var problem = await (await UploadAsync(member, draft.Id, content, fileName, contentType))
            .ProblemAsync(HttpStatusCode.UnsupportedMediaType, Problems.UnsupportedMediaType);

        Assert.Contains(expected, problem.GetProperty("detail").GetString());
        Assert.Equal((0, 0), (await CountAsync<ApplicationEvidence>(), await CountAsync<ApplicationEvidenceFile>()));
    }

    [Fact]
    public async Task Upload_WithoutAFileOrWithTwo_Returns400AndStoresNothing()
    {
        var (draft, member) = await DraftAsync();
        var two = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "a.pdf" }, { new ByteArrayContent(Pdf), "file", "b.pdf" } };

        var none = await member.PostAsync($"{Url}/{draft.Id}/evidence", new MultipartFormDataContent { { new StringContent("x"), "note" } });
        var both = await member.PostAsync($"{Url}/{draft.Id}/evidence", two);

        Assert.NotEmpty((await none.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).FieldErrors("file"));
        Assert.NotEmpty((await both.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).FieldErrors("file"));
        Assert.Equal(0, await CountAsync<ApplicationEvidence>());
    }

    [Fact]
    public async Task Evidence_CanBeRemovedWhileDraft_ButNotAddedOrRemovedOnceSubmitted()
    {
        var (draft, member) = await DraftAsync();
        var kept = await (await UploadAsync(member, draft.Id, Png, "scan.png", "image/png")).ReadAsync<EvidenceResponse>(HttpStatusCode.Created);
        var dropped = await (await UploadAsync(member, draft.Id, Pdf, "old.pdf", "application/pdf")).ReadAsync<EvidenceResponse>(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await member.DeleteAsync($"{Url}/{draft.Id}/evidence/{dropped.Id}")).StatusCode);
        var submitted = await SubmitAsync(member, draft.Id);
        var addLate = await UploadAsync(member, draft.Id, Pdf, "late.pdf", "application/pdf");
        var removeLate = await member.DeleteAsync($"{Url}/{draft.Id}/evidence/{kept.Id}");

        Assert.Equal(kept.Id, Assert.Single(submitted.Evidence).Id);
        await addLate.ProblemAsync(HttpStatusCode.Conflict, Problems.InvalidTransition);
        await removeLate.ProblemAsync(HttpStatusCode.Conflict, Problems.InvalidTransition);
        Assert.Equal((1, 1), (await CountAsync<ApplicationEvidence>(), await CountAsync<ApplicationEvidenceFile>()));
    }

    [Fact]
    public async Task Evidence_OfAnotherMembersApplication_IsNotFound()
    {
        var (draft, owner) = await DraftAsync();
        var stored = await (await UploadAsync(owner, draft.Id, Pdf, "licence.pdf", "application/pdf")).ReadAsync<EvidenceResponse>(HttpStatusCode.Created);
        var (_, other) = await MemberAsync();

        var download = await other.GetAsync($"{Url}/{draft.Id}/evidence/{stored.Id}");
        var upload = await UploadAsync(other, draft.Id, Pdf, "mine.pdf", "application/pdf");
        var delete = await other.DeleteAsync($"{Url}/{draft.Id}/evidence/{stored.Id}");

        await download.ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await upload.ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await delete.ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        Assert.Equal(1, await CountAsync<ApplicationEvidence>());
    }
}
