using System.Net;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Imports;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Imports;

public sealed class CeCreditImportTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task CleanCsv_CommitsCeCredits_InTheProgramsSpellingOfEachCategory()
    {
        var (admin, ada) = await MemberHoldingCnpAsync();
        var file = SpreadsheetBuilder.CeCredits()
            .Credit("WA-1", "Ethics in Governance", "ethics", "2.5", "2026-01-10", evidence: "https://lms.example.org/certificates/1")
            .Credit("WA-1", "Board Basics", "Self-study", "10", "2026-02-01")
            .ToCsv();

        var committed = await admin.ImportAsync(file, "ce.csv", "ce-credits");

        Assert.Equal((ImportKind.CeCredits, ImportStatus.Committed), (committed.Kind, committed.Status));
        Assert.Equal(new ImportCountsResponse(2, 0, 0, 0, 0), committed.Counts);
        var credits = await CreditsAsync();
        Assert.Equal(
            [("Board Basics", "Self-study", 10m, Day(2026, 2, 1), null), ("Ethics in Governance", "Ethics", 2.5m, Day(2026, 1, 10), "https://lms.example.org/certificates/1")],
            credits.Select(c => (c.Activity, c.Category, c.Hours, c.EarnedAt, c.Evidence)));
        Assert.All(credits, c => Assert.Equal((ada.Id, CreditSource.Import, CreditReviewStatus.NotRequired), (c.MemberId, c.Source, c.ReviewStatus)));
    }

    [Fact]
    public async Task Xlsx_WithDateAndNumberCells_Imports()
    {
        var (admin, _) = await MemberHoldingCnpAsync();
        var workbook = SpreadsheetBuilder.CeCredits()
            .Credit("WA-1", "Ethics in Governance", "Ethics", "1.5", "2026-01-10")
            .Credit("WA-1", "Grant Writing", "Self-study", "3", "2025-11-30", evidence: "Transcript")
            .ToXlsx();

        var committed = await admin.ImportAsync(workbook, "ce.xlsx", "ce-credits");

        Assert.Equal(new ImportProgressResponse(2, 2, 100), committed.Progress);
        Assert.Equal([("Ethics in Governance", 1.5m, Day(2026, 1, 10)), ("Grant Writing", 3m, Day(2025, 11, 30))],
            (await CreditsAsync()).Select(c => (c.Activity, c.Hours, c.EarnedAt)));
    }

    [Fact]
    public async Task CsvWithSeveralBadRows_ListsEveryBadRow_AndImportsNothing()
    {
        var (admin, _) = await MemberHoldingCnpAsync();
        var file = SpreadsheetBuilder.CeCredits()
            .Credit("WA-1", "Ethics in Governance", "Ethics", "1,5", "2026-01-10")     // row 2: decimal comma
            .Credit("WA-1", "Board Basics", "Ethics", "0", "2026-01-10")              // row 3: not positive
            .Credit("WA-1", "Board Basics", "Ethics", "-2", "2026-01-11")             // row 4: negative
            .Credit("WA-1", "Board Basics", "Ethics", "1.255", "2026-01-12")          // row 5: three decimals
            .Credit("WA-1", "Leading Teams", "Leadership", "2", "2026-01-10")         // row 6: not a category of CNP
            .Credit("WA-1", "Fundraising", "Ethics", "2", "2026-07-01")               // row 7: earned in the future
            .Credit("WA-1", "Fundraising", "Ethics", "2", "2026-02-01")               // row 8: fine on its own
            .Credit("WA-1", "Fundraising", "ethics", "2", "2026-02-01")               // row 9: same credit as row 8
            .Credit("WA-1", "", "Ethics", "2", "2026-02-01")                          // row 10: activity missing
            .Credit("WA-1", "Budgeting", "Self-study", "2", "2026-13-01")             // row 11: no month 13
            .ToCsv();

        var uploaded = await admin.UploadedAsync(file, "ce.csv", "ce-credits");
        var dryRun = await admin.DryRunAsync(uploaded.Id);
        var errors = await (await admin.GetAsync($"/api/v1/imports/{uploaded.Id}/errors?pageSize=3&page=1")).ReadAsync<Page<ImportRowErrorResponse>>();
        var all = await (await admin.GetAsync($"/api/v1/imports/{uploaded.Id}/errors?pageSize=100")).ReadAsync<Page<ImportRowErrorResponse>>();
        var commit = await admin.PostAsync($"/api/v1/imports/{uploaded.Id}/commit", null);

        Assert.Equal((ImportStatus.Invalid, 9), (dryRun.Status, dryRun.ErrorCount));
        Assert.Equal((3, 9, 3), (errors.Items.Count, errors.TotalCount, errors.TotalPages));
        Assert.Equal([(2, "hours"), (3, "hours"), (4, "hours"), (5, "hours"), (6, "category"), (7, "earned_on"), (9, "activity"), (10, "activity"), (11, "earned_on")],
            all.Items.Select(e => (e.Row, e.Column)));
        Assert.Contains("Ethics, Self-study", all.Items[4].Problem);
        Assert.Contains("Row 8", all.Items[6].Problem);
        await commit.ProblemAsync(HttpStatusCode.Conflict, Problems.ImportNotValidated);
        Assert.Empty(await CreditsAsync());
    }

    [Fact]
    public async Task Snapshot_RemovesTheImportedCreditsOfTheFilesMembersThatItNoLongerLists_AdditiveKeepsThem()
    {
        var (admin, ada) = await MemberHoldingCnpAsync();
        var ben = await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-2");
        await Hub.WithDbAsync(async db =>
        {
            db.ContinuingEducationCredits.Add(new ContinuingEducationCredit
            {
                MemberId = ada.Id, Activity = "LMS course", Category = "Ethics", Hours = 1, EarnedAt = Day(2026, 1, 5), Source = CreditSource.Lms,
            });
            await db.SaveChangesAsync();
        });
        await admin.ImportAsync(SpreadsheetBuilder.CeCredits()
            .Credit("WA-1", "Ethics in Governance", "Ethics", "2", "2026-01-10")
            .Credit("WA-1", "Board Basics", "Self-study", "3", "2026-02-01")
            .Credit("WA-2", "Board Basics", "Self-study", "3", "2026-02-01")
            .ToCsv(), "all.csv", "ce-credits");
        var adaOnly = SpreadsheetBuilder.CeCredits().Credit("WA-1", "Ethics in Governance", "Ethics", "2", "2026-01-10", evidence: "Certificate").ToCsv();

        var additive = await admin.ImportAsync(adaOnly, "ada.csv", "ce-credits", "additive");
        var afterAdditive = await CreditsAsync();
        var snapshot = await admin.ImportAsync(adaOnly, "ada.csv", "ce-credits", "snapshot");
        var afterSnapshot = await CreditsAsync();

        Assert.Equal(new ImportCountsResponse(0, 1, 0, 0, 0), additive.Counts);
        Assert.Equal(4, afterAdditive.Count);
        Assert.Equal(new ImportCountsResponse(0, 0, 1, 1, 0), snapshot.Counts);
        Assert.Equal(
            [("Board Basics", ben.Id, CreditSource.Import), ("Ethics in Governance", ada.Id, CreditSource.Import), ("LMS course", ada.Id, CreditSource.Lms)],
            afterSnapshot.Select(c => (c.Activity, c.MemberId, c.Source)));
        Assert.Equal("Certificate", afterSnapshot.Single(c => c.Activity == "Ethics in Governance").Evidence);
    }

    [Fact]
    public async Task ReimportingTheSameFile_AddsNoCreditTwice()
    {
        var (admin, _) = await MemberHoldingCnpAsync();
        var file = SpreadsheetBuilder.CeCredits()
            .Credit("WA-1", "Ethics in Governance", "Ethics", "2", "2026-01-10")
            .Credit("WA-1", "Board Basics", "Self-study", "3", "2026-02-01")
            .ToCsv();
        await admin.ImportAsync(file, "ce.csv", "ce-credits");

        var again = await admin.ImportAsync(file, "ce.csv", "ce-credits");

        Assert.Equal(new ImportCountsResponse(0, 0, 2, 0, 0), again.Counts);
        Assert.Equal(2, (await CreditsAsync()).Count);
    }

    /// <summary>An Admin, and member WA-1 holding CNP, whose recertification counts Ethics and Self-study.</summary>
    private async Task<(HttpClient Admin, Member Member)> MemberHoldingCnpAsync()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await (await admin.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("CNP").Build())).ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        var member = await Hub.AddMemberAsync(m => m.AmsMemberId = "WA-1");
        await Hub.WithDbAsync(async db =>
        {
            db.Credentials.Add(Credential.Award("CERT-2024-000001", member.Id, program.Id, Day(2024, 3, 1), Day(2027, 3, 1), "staff:admin@example.org"));
            await db.SaveChangesAsync();
        });
        return (admin, member);
    }

    private Task<List<ContinuingEducationCredit>> CreditsAsync() =>
        Hub.WithDbAsync(db => db.ContinuingEducationCredits.AsNoTracking().OrderBy(c => c.Activity).ToListAsync());

    private static DateTimeOffset Day(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.Zero);
}
