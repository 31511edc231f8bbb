using System.IO.Compression;
using System.Net;
using System.Text;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Imports;

namespace CredentialConnect.IntegrationTests.Imports;

public sealed class ImportUploadTests(HubFixture hub) : HubTest(hub)
{
    private static readonly byte[] Csv = SpreadsheetBuilder.Certificants().Certificant("WA-1", "CNP", "2024-03-01").ToCsv();

    [Fact]
    public async Task Upload_StoresTheFileAsAnUploadedBatch_AndListsIt()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.UploadAsync(Csv, "certificants.csv", "certificants", "snapshot");
        var uploaded = await response.ReadAsync<ImportBatchResponse>(HttpStatusCode.Created);
        var list = await (await admin.GetAsync("/api/v1/imports")).ReadAsync<Page<ImportBatchResponse>>();

        Assert.Equal($"/api/v1/imports/{uploaded.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(("certificants.csv", (long)Csv.Length, ImportStatus.Uploaded, ImportMode.Snapshot),
            (uploaded.FileName, uploaded.SizeBytes, uploaded.Status, uploaded.Mode));
        Assert.StartsWith("staff:admin-", uploaded.UploadedBy);
        Assert.Equal(uploaded.Id, Assert.Single(list.Items).Id);
        Assert.Equal(Csv, await Hub.WithDbAsync(async db => (await db.ImportFiles.FindAsync(uploaded.Id))!.Content));
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_Returns413()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var oversize = Encoding.UTF8.GetBytes(new string('a', (int)new ImportOptions().MaxFileBytes + 1));

        var response = await admin.UploadAsync(oversize, "huge.csv", "certificants");

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge, Problems.PayloadTooLarge);
        Assert.Contains("20 MB", problem.GetProperty("detail").GetString());
        await NothingStoredAsync(admin);
    }

    public static TheoryData<string, byte[], string> NotWhatTheyClaim => new()
    {
        { "notes.txt", Csv, "neither" },
        { "renamed.xlsx", Csv, "not an Excel workbook" },
        { "archive.xlsx", Zip("readme.txt"), "no workbook inside" },
        { "workbook.csv", SpreadsheetBuilder.Certificants().ToXlsx(), "zip archive" },
        { "utf16.csv", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("member_id,program_code\n")).ToArray(), "UTF-16" },
        { "latin1.csv", Encoding.Latin1.GetBytes("member_id,email\nWA-1,zoë@example.org\n"), "not UTF-8" },
    };

    [Theory]
    [MemberData(nameof(NotWhatTheyClaim))]
    public async Task Upload_OfAFileThatIsNotTheSpreadsheetItsNameClaims_Returns415(string fileName, byte[] content, string reason)
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.UploadAsync(content, fileName, "certificants");

        var problem = await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType, Problems.UnsupportedMediaType);
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
        await NothingStoredAsync(admin);
    }

    [Fact]
    public async Task Upload_WithoutFileOrWithUnknownKindAndMode_Returns400NamingEachField()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var noFile = await admin.PostAsync("/api/v1/imports", new MultipartFormDataContent { { new StringContent("certificants"), "kind" } });
        var badFields = await admin.UploadAsync(Csv, "certificants.csv", "members", "replace");
        var notAForm = await admin.PostJsonAsync("/api/v1/imports", new { kind = "certificants" });

        Assert.NotEmpty((await noFile.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation)).FieldErrors("file"));
        var problem = await badFields.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Equal(["Kind must be 'certificants' or 'ce-credits'."], problem.FieldErrors("kind"));
        Assert.Equal(["Mode must be 'additive' or 'snapshot'."], problem.FieldErrors("mode"));
        await notAForm.ProblemAsync(HttpStatusCode.UnsupportedMediaType, Problems.UnsupportedMediaType);
        await NothingStoredAsync(admin);
    }

    [Fact]
    public async Task MemberAndReviewer_AreForbidden_AndAnApiKeyNeedsTheImportsScope()
    {
        var member = await Hub.SignedInAsync(HubRoles.Member, (await Hub.AddMemberAsync()).Id);
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);
        var (importer, _) = await Hub.WithApiKeyAsync(ApiScopes.ImportsWrite);
        var (memberSync, _) = await Hub.WithApiKeyAsync(ApiScopes.MembersWrite);

        foreach (var client in new[] { member, reviewer, memberSync })
        {
            await (await client.UploadAsync(Csv, "certificants.csv", "certificants")).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
            await (await client.GetAsync("/api/v1/imports")).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        }
        var uploaded = await importer.UploadedAsync(Csv, "certificants.csv", "certificants");
        await (await member.GetAsync($"/api/v1/imports/{uploaded.Id}")).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);
        await (await reviewer.PostAsync($"/api/v1/imports/{uploaded.Id}/dry-run", null)).ProblemAsync(HttpStatusCode.Forbidden, Problems.Forbidden);

        Assert.StartsWith("api-key:test-", uploaded.UploadedBy);
    }

    [Fact]
    public async Task AnUnreadableWorkbook_FailsItsDryRunWithAFileLevelError()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var broken = Zip("[Content_Types].xml", "xl/workbook.xml");

        var uploaded = await admin.UploadedAsync(broken, "broken.xlsx", "certificants");
        var dryRun = await admin.DryRunAsync(uploaded.Id);
        var errors = await (await admin.GetAsync($"/api/v1/imports/{uploaded.Id}/errors")).ReadAsync<Page<ImportRowErrorResponse>>();

        Assert.Equal((ImportStatus.Invalid, 1), (dryRun.Status, dryRun.ErrorCount));
        Assert.Equal((0, "file"), (errors.Items[0].Row, errors.Items[0].Column));
    }

    private async Task NothingStoredAsync(HttpClient admin) =>
        Assert.Equal(0, (await (await admin.GetAsync("/api/v1/imports")).ReadAsync<Page<ImportBatchResponse>>()).TotalCount);

    private static byte[] Zip(params string[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var entry in entries)
                using (var writer = new StreamWriter(zip.CreateEntry(entry).Open()))
                    writer.Write("not what Excel writes");
        return output.ToArray();
    }
}
