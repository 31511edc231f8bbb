using System.Net;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Imports;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Imports;

public sealed class CertificantImportTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task CleanCsv_DryRunsClean_ThenCommitsCredentialsForEachMember()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var cnp = await CreateProgramAsync(admin, new ProgramBuilder().WithCode("CNP").WithValidity("P3Y"));
        await CreateProgramAsync(admin, new ProgramBuilder().WithCode("GRANTS").OfKind(ProgramKind.Certificate).WithValidity(null).WithoutRecertification());
        var ada = await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-1001");
        var ben = await Hub.AddMemberAsync(m => m.Email = "ben@example.org");
        var file = SpreadsheetBuilder.Certificants()
            .Certificant("WA-1001", "CNP", "2024-03-01", number: "CERT-2024-000007")
            .Certificant("", "cnp", "2025-01-15", validUntil: "2028-01-31", status: "Expiring", email: "BEN@example.org")
            .Certificant("WA-1001", "GRANTS", "2023-05-10", status: "lapsed")
            .ToCsv();

        var uploaded = await admin.UploadedAsync(file, "certificants.csv", "certificants");
        var dryRun = await admin.DryRunAsync(uploaded.Id);
        var committed = await admin.CommitAsync(uploaded.Id);

        Assert.Equal((ImportStatus.Uploaded, ImportKind.Certificants, ImportMode.Additive), (uploaded.Status, uploaded.Kind, uploaded.Mode));
        Assert.Equal((ImportStatus.Validated, 0, 3), (dryRun.Status, dryRun.ErrorCount, dryRun.Counts.Created));
        Assert.Equal(new ImportProgressResponse(3, 3, 100), dryRun.Progress);
        Assert.Equal(ImportStatus.Committed, committed.Status);
        Assert.Equal(new ImportCountsResponse(3, 0, 0, 0, 0), committed.Counts);
        Assert.StartsWith("staff:admin-", committed.CommittedBy);
        Assert.Equal(Hub.Now, committed.CommittedAt);

        var credentials = await CredentialsAsync();
        var explicitNumber = Assert.Single(credentials, c => c.Number == "CERT-2024-000007");
        Assert.Equal((ada.Id, cnp.Id, CredentialStatus.Active), (explicitNumber.MemberId, explicitNumber.ProgramId, explicitNumber.Status));
        Assert.Equal((Day(2024, 3, 1), Day(2027, 3, 1)), (explicitNumber.IssuedAt, explicitNumber.ExpiresAt));
        var generated = Assert.Single(credentials, c => c.MemberId == ben.Id);
        Assert.Equal(("CERT-2025-000001", CredentialStatus.Expiring, Day(2028, 1, 31)), (generated.Number, generated.Status, generated.ExpiresAt));
        var lapsed = Assert.Single(credentials, c => c.Number.StartsWith("CTFC-"));
        Assert.Equal(("CTFC-2023-000001", CredentialStatus.Lapsed, (DateTimeOffset?)null), (lapsed.Number, lapsed.Status, lapsed.ExpiresAt));
        Assert.Equal([CredentialStatus.Active, CredentialStatus.Lapsed], lapsed.StatusHistory.OrderBy(h => h.Id).Select(h => h.To));
        Assert.All(credentials.SelectMany(c => c.StatusHistory), h => Assert.Equal(committed.CommittedBy, h.ChangedBy));
    }

    [Fact]
    public async Task Commit_IsRecordedInTheAuditLogUnderWhoCommitted_NotAsTheBackgroundWorker()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await CreateProgramAsync(admin, new ProgramBuilder().WithCode("CNP"));
        await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-1001");

        var committed = await admin.ImportAsync(SpreadsheetBuilder.Certificants().Certificant("WA-1001", "CNP", "2024-03-01").ToCsv(), "one.csv", "certificants");
        var credentialLog = await (await admin.GetAsync("/api/v1/audit-log?entityType=Credential")).ReadAsync<Page<AuditLogEntryResponse>>();
        var batchLog = await (await admin.GetAsync($"/api/v1/audit-log?entityType=ImportBatch&entityId={committed.Id}")).ReadAsync<Page<AuditLogEntryResponse>>();

        Assert.Equal(committed.CommittedBy, Assert.Single(credentialLog.Items).Actor);
        var commitEntry = batchLog.Items.First();
        Assert.Equal(committed.CommittedBy, commitEntry.Actor);
        Assert.Equal(committed.CommittedBy, commitEntry.Changes.GetProperty("CommittedBy").GetProperty("to").GetString());
    }

    [Fact]
    public async Task CsvWithSeveralBadRows_ListsEveryBadRowWithRowColumnAndProblem_AndCommitIsRefusedAndImportsNothing()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var cnp = await CreateProgramAsync(admin, new ProgramBuilder().WithCode("CNP"));
        for (var i = 1; i <= 12; i++) await Hub.AddMemberAsync(m => m.AmsMemberId = $"WA-{i}");
        await Hub.AddMemberAsync(m => m.Email = "shared@example.org");
        await Hub.AddMemberAsync(m => m.Email = "Shared@example.org");
        var holder = await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-HOLDER");
        await AwardInHubAsync(holder, cnp, "CERT-2020-000001");
        var file = SpreadsheetBuilder.Certificants()
            .Certificant("WA-404", "CNP", "2024-03-01")                                 // row 2: unknown member
            .Certificant("", "CNP", "2024-03-01", email: "shared@example.org")          // row 3: ambiguous email
            .Certificant("WA-1", "NOPE", "2024-03-01")                                  // row 4: unknown program
            .Certificant("WA-2", "CNP", "03/01/2024")                                   // row 5: bad date
            .Certificant("WA-3", "CNP", "2024-03-01", validUntil: "2023-12-31")         // row 6: valid_until before issued_on
            .Certificant("WA-4", "CNP", "2024-03-01", status: "retired")                // row 7: unknown status
            .Certificant("WA-5", "CNP", "2024-03-01", number: "12345")                  // row 8: not a credential number
            .Certificant("WA-6", "CNP", "2024-03-01", number: "CERT-2024-000100")       // row 9: fine on its own
            .Certificant("WA-7", "CNP", "2024-03-01", number: "CERT-2024-000100")       // row 10: number also on row 9
            .Certificant("WA-8", "CNP", "2024-03-01")                                   // row 11: fine on its own
            .Certificant("WA-8", "CNP", "2024-04-01")                                   // row 12: member listed for CNP on row 11
            .Certificant("WA-HOLDER", "CNP", "2020-01-01", number: "CERT-2024-000200")  // row 13: holds CNP under another number
            .Certificant("WA-9", "CNP", "2026-12-01")                                   // row 14: issued in the future
            .Certificant("WA-10", "", "2024-03-01")                                     // row 15: program missing
            .Certificant("WA-11", "CNP", "2024-03-01", number: "CTFC-2024-000001")      // row 16: a certificate's number on a certification
            .Certificant("WA-12", "CNP", "2024-03-01")                                  // row 17: fine
            .ToCsv();
        var credentialsBefore = await Hub.WithDbAsync(db => db.Credentials.CountAsync());

        var uploaded = await admin.UploadedAsync(file, "bad.csv", "certificants");
        var dryRun = await admin.DryRunAsync(uploaded.Id);
        var errors = await (await admin.GetAsync($"/api/v1/imports/{uploaded.Id}/errors?pageSize=100")).ReadAsync<Page<ImportRowErrorResponse>>();
        var commit = await admin.PostAsync($"/api/v1/imports/{uploaded.Id}/commit", null);

        Assert.Equal(ImportStatus.Invalid, dryRun.Status);
        Assert.Equal(
            [(2, "member_id"), (3, "email"), (4, "program_code"), (5, "issued_on"), (6, "valid_until"), (7, "status"), (8, "credential_number"),
             (10, "credential_number"), (12, "program_code"), (13, "credential_number"), (14, "issued_on"), (15, "program_code"), (16, "credential_number")],
            errors.Items.Select(e => (e.Row, e.Column)));
        Assert.Equal(errors.TotalCount, dryRun.ErrorCount);
        Assert.Contains("WA-404", errors.Items[0].Problem);
        Assert.Contains("ambiguous email", errors.Items[1].Problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("give member_id", errors.Items[1].Problem);
        Assert.Contains("YYYY-MM-DD", errors.Items[3].Problem);
        Assert.Contains("row 9", errors.Items[7].Problem);
        Assert.Contains("CERT-2020-000001", errors.Items[9].Problem);
        var refused = await commit.ProblemAsync(HttpStatusCode.Conflict, Problems.ImportNotValidated);
        Assert.Equal(dryRun.ErrorCount, refused.GetProperty("errorCount").GetInt32());
        Assert.Contains($"{dryRun.ErrorCount} error(s)", refused.GetProperty("detail").GetString());
        Assert.Equal(credentialsBefore, await Hub.WithDbAsync(db => db.Credentials.CountAsync()));
        Assert.Equal(ImportStatus.Invalid, (await (await admin.GetAsync($"/api/v1/imports/{uploaded.Id}")).ReadAsync<ImportBatchResponse>()).Status);
    }

    [Fact]
    public async Task MissingRequiredColumns_AreReportedOnceOnTheHeaderRow_NotOnEveryRow()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var file = new SpreadsheetBuilder("member", "program", "notes")
            .Row(("member", "WA-1"), ("program", "CNP")).Row(("member", "WA-2"), ("program", "CNP")).ToCsv();

        var uploaded = await admin.UploadedAsync(file, "wrong-headers.csv", "certificants");
        var dryRun = await admin.DryRunAsync(uploaded.Id);
        var errors = await (await admin.GetAsync($"/api/v1/imports/{uploaded.Id}/errors?sort=column")).ReadAsync<Page<ImportRowErrorResponse>>();

        Assert.Equal((ImportStatus.Invalid, 2), (dryRun.Status, dryRun.Progress.TotalRows));
        Assert.Equal([(1, "issued_on"), (1, "member_id"), (1, "program_code")], errors.Items.Select(e => (e.Row, e.Column)));
    }

    [Fact]
    public async Task ReimportingTheSameFile_ChangesNothing()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await CreateProgramAsync(admin, new ProgramBuilder().WithCode("CNP"));
        await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-1");
        await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-2");
        var file = SpreadsheetBuilder.Certificants()
            .Certificant("WA-1", "CNP", "2024-03-01")
            .Certificant("WA-2", "CNP", "2024-06-01", status: "suspended")
            .ToCsv();
        await admin.ImportAsync(file, "first.csv", "certificants");
        var before = await CredentialsAsync();

        var again = await admin.ImportAsync(file, "again.csv", "certificants");

        Assert.Equal(new ImportCountsResponse(0, 0, 2, 0, 0), again.Counts);
        var after = await CredentialsAsync();
        Assert.Equal(before.Select(c => (c.Id, c.Number, c.Status, c.ExpiresAt, c.StatusHistory.Count)),
            after.Select(c => (c.Id, c.Number, c.Status, c.ExpiresAt, c.StatusHistory.Count)));
    }

    [Fact]
    public async Task Additive_UpdatesTheCredentialWithTheSameNumberOrMemberAndProgram_RatherThanDuplicatingIt()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var cnp = await CreateProgramAsync(admin, new ProgramBuilder().WithCode("CNP"));
        var ada = await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-1");
        await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-2");
        var awarded = await AwardInHubAsync(ada, cnp, "CERT-2022-000042", Day(2022, 2, 1));
        await admin.ImportAsync(SpreadsheetBuilder.Certificants().Certificant("WA-2", "CNP", "2024-03-01").ToCsv(), "first.csv", "certificants");

        var update = await admin.ImportAsync(SpreadsheetBuilder.Certificants()
            .Certificant("WA-1", "CNP", "2022-02-01", number: "CERT-2022-000042", validUntil: "2026-02-01", status: "expiring")
            .Certificant("WA-2", "CNP", "2024-03-01", status: "revoked")
            .ToCsv(), "update.csv", "certificants");

        Assert.Equal(new ImportCountsResponse(0, 2, 0, 0, 0), update.Counts);
        var credentials = await CredentialsAsync();
        Assert.Equal(2, credentials.Count);
        var updated = Assert.Single(credentials, c => c.Id == awarded.Id);
        Assert.Equal((CredentialStatus.Expiring, Day(2026, 2, 1)), (updated.Status, updated.ExpiresAt));
        Assert.Equal("Imported from update.csv.", updated.StatusHistory.OrderBy(h => h.Id).Last().Reason);
        Assert.Equal(CredentialStatus.Revoked, Assert.Single(credentials, c => c.Id != awarded.Id).Status);
    }

    [Fact]
    public async Task Snapshot_RemovesOnlyImportedCredentialsTheHubHasNotActedOn_AndKeepsTheRest()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var cnp = await CreateProgramAsync(admin, new ProgramBuilder().WithCode("CNP"));
        await CreateProgramAsync(admin, new ProgramBuilder().WithCode("PM"));
        await CreateProgramAsync(admin, new ProgramBuilder().WithCode("GRANTS").OfKind(ProgramKind.Certificate));
        var badge = await CreateProgramAsync(admin, new ProgramBuilder().WithCode("BADGE").OfKind(ProgramKind.MicroCredential));
        var ada = await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-1");
        await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-2");
        await admin.ImportAsync(SpreadsheetBuilder.Certificants()
            .Certificant("WA-1", "CNP", "2024-03-01")
            .Certificant("WA-1", "PM", "2024-03-01")
            .Certificant("WA-1", "GRANTS", "2024-03-01")
            .Certificant("WA-2", "CNP", "2024-03-01")
            .ToCsv(), "everyone.csv", "certificants");
        await Hub.WithDbAsync(async db =>
        {
            var grants = await db.Credentials.Include(c => c.StatusHistory).SingleAsync(c => c.Number.StartsWith("CTFC-"));
            grants.ChangeStatus(CredentialStatus.Suspended, "Audit evidence outstanding.", "staff:reviewer@example.org", Hub.Now);
            await db.SaveChangesAsync();
        });
        var awardedInHub = await AwardInHubAsync(ada, badge, "MCRD-2025-000001");
        var snapshotFile = SpreadsheetBuilder.Certificants().Certificant("WA-1", "CNP", "2024-03-01").ToCsv();

        var additive = await admin.ImportAsync(snapshotFile, "ada.csv", "certificants", "additive");
        var snapshot = await admin.ImportAsync(snapshotFile, "ada.csv", "certificants", "snapshot");

        Assert.Equal(new ImportCountsResponse(0, 0, 1, 0, 0), additive.Counts);
        Assert.Equal(new ImportCountsResponse(0, 0, 1, Removed: 1, Kept: 1), snapshot.Counts);
        var remaining = await CredentialsAsync();
        Assert.DoesNotContain(remaining, c => c.Number.StartsWith("CERT-") && c.ProgramId != cnp.Id);
        Assert.Contains(remaining, c => c.Number.StartsWith("CTFC-") && c.Status == CredentialStatus.Suspended);
        Assert.Contains(remaining, c => c.Id == awardedInHub.Id);
        Assert.Equal(2, remaining.Count(c => c.ProgramId == cnp.Id));
        var log = await (await admin.GetAsync("/api/v1/audit-log?entityType=Credential")).ReadAsync<Page<AuditLogEntryResponse>>();
        Assert.Equal(snapshot.CommittedBy, Assert.Single(log.Items, e => e.Action == "Deleted").Actor);
    }

    [Fact]
    public async Task Commit_WhenTheDataChangedSinceTheDryRun_ChecksAgainAndImportsNothing()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await CreateProgramAsync(admin, new ProgramBuilder().WithCode("CNP"));
        await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-1");
        var leaving = await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-2");
        var uploaded = await admin.UploadedAsync(SpreadsheetBuilder.Certificants()
            .Certificant("WA-1", "CNP", "2024-03-01")
            .Certificant("WA-2", "CNP", "2024-03-01")
            .ToCsv(), "both.csv", "certificants");
        var dryRun = await admin.DryRunAsync(uploaded.Id);
        (await admin.DeleteAsync($"/api/v1/members/{leaving.Id}")).EnsureSuccessStatusCode();

        var commit = await admin.CommitAsync(uploaded.Id);
        var errors = await (await admin.GetAsync($"/api/v1/imports/{uploaded.Id}/errors")).ReadAsync<Page<ImportRowErrorResponse>>();

        Assert.Equal(ImportStatus.Validated, dryRun.Status);
        Assert.Equal((ImportStatus.Invalid, 1), (commit.Status, commit.ErrorCount));
        Assert.Contains("changed since the dry run", commit.FailureReason);
        Assert.Equal((3, "member_id"), (Assert.Single(errors.Items).Row, errors.Items[0].Column));
        Assert.Equal(0, await Hub.WithDbAsync(db => db.Credentials.CountAsync()));
    }

    [Fact]
    public async Task Commit_BeforeADryRun_OrTwice_IsRefused()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        await CreateProgramAsync(admin, new ProgramBuilder().WithCode("CNP"));
        await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-1");
        var file = SpreadsheetBuilder.Certificants().Certificant("WA-1", "CNP", "2024-03-01").ToCsv();
        var uploaded = await admin.UploadedAsync(file, "one.csv", "certificants");

        var tooEarly = await admin.PostAsync($"/api/v1/imports/{uploaded.Id}/commit", null);
        await admin.DryRunAsync(uploaded.Id);
        await admin.CommitAsync(uploaded.Id);
        var again = await admin.PostAsync($"/api/v1/imports/{uploaded.Id}/commit", null);
        var dryRunAgain = await admin.PostAsync($"/api/v1/imports/{uploaded.Id}/dry-run", null);
        var unknown = await admin.PostAsync($"/api/v1/imports/{Guid.NewGuid()}/commit", null);

        Assert.Contains("dry run first", (await tooEarly.ProblemAsync(HttpStatusCode.Conflict, Problems.ImportNotValidated)).GetProperty("detail").GetString());
        await again.ProblemAsync(HttpStatusCode.Conflict, Problems.InvalidTransition);
        await dryRunAgain.ProblemAsync(HttpStatusCode.Conflict, Problems.InvalidTransition);
        await unknown.ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        Assert.Equal(1, await Hub.WithDbAsync(db => db.Credentials.CountAsync()));
    }

    private async Task<ProgramResponse> CreateProgramAsync(HttpClient admin, ProgramBuilder program) =>
        await (await admin.PostJsonAsync("/api/v1/programs", program.Build())).ReadAsync<ProgramResponse>(HttpStatusCode.Created);

    private async Task<Credential> AwardInHubAsync(Member member, ProgramResponse program, string number, DateTimeOffset? issuedAt = null)
    {
        var credential = Credential.Award(number, member.Id, program.Id, issuedAt ?? Hub.Now.AddYears(-1), null, "staff:admin@example.org");
        await Hub.WithDbAsync(async db =>
        {
            db.Credentials.Add(credential);
            await db.SaveChangesAsync();
        });
        return credential;
    }

    private Task<List<Credential>> CredentialsAsync() =>
        Hub.WithDbAsync(db => db.Credentials.AsNoTracking().Include(c => c.StatusHistory).OrderBy(c => c.Number).ToListAsync());

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);
}
