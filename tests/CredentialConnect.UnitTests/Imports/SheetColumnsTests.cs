using CredentialConnect.Web.Features.Imports;

namespace CredentialConnect.UnitTests.Imports;

public sealed class SheetColumnsTests
{
    [Fact]
    public void Map_MatchesHeaderNamesTrimmedAndIgnoringCase()
    {
        var sheet = Sheet([" MEMBER_ID ", "Program_Code", "issued_on"], ["WA-1", " CNP ", ""]);
        var errors = new ImportErrors();

        var columns = SheetColumns.Map(sheet, ImportColumns.CertificantsRequired, errors);

        Assert.Equal(0, errors.Count);
        Assert.Equal(("WA-1", "CNP", null), (columns!.Value(sheet.Rows[0], "member_id"), columns.Value(sheet.Rows[0], "program_code"),
            columns.Value(sheet.Rows[0], "issued_on")));
        Assert.Null(columns.Value(sheet.Rows[0], "status"));
    }

    [Fact]
    public void Map_ReportsEachMissingOrRepeatedColumnOnceAgainstTheHeaderRow()
    {
        var sheet = Sheet(["notes", "issued_on", "Issued_On"], ["x", "2026-01-01", "2026-01-01"], ["y", "2026-01-01", "2026-01-01"]);
        var errors = new ImportErrors();

        var columns = SheetColumns.Map(sheet, ImportColumns.CertificantsRequired, errors);

        Assert.Null(columns);
        Assert.Equal([(1, "issued_on"), (1, "program_code"), (1, "member_id")], errors.InFileOrder().Select(e => (e.Row, e.Column)));
    }

    [Fact]
    public void Map_AcceptsEmailInsteadOfMemberId()
    {
        var errors = new ImportErrors();

        Assert.NotNull(SheetColumns.Map(Sheet(["email", "activity", "category", "hours", "earned_on"]), ImportColumns.CeCreditsRequired, errors));
        Assert.Equal(0, errors.Count);
    }

    [Fact]
    public void MemberDirectory_FindsByAmsIdFirst_FallsBackToEmail_AndRefusesAnAmbiguousEmail()
    {
        var ada = new MemberKey(Guid.NewGuid(), "WA-1", "ada@example.org");
        var twins = new[] { new MemberKey(Guid.NewGuid(), "WA-2", "family@example.org"), new MemberKey(Guid.NewGuid(), "WA-3", "Family@example.org") };
        var directory = new MemberDirectory([ada, .. twins]);
        var sheet = Sheet(["member_id", "email"], ["WA-1", "someone-else@example.org"], ["", "ADA@example.org"], ["", "family@example.org"], ["WA-9", "ada@example.org"]);
        var columns = SheetColumns.Map(sheet, [], new ImportErrors())!;
        var errors = new ImportErrors();

        var found = sheet.Rows.Select(r => directory.Resolve(r, columns, errors)).ToArray();

        Assert.Equal([ada.Id, ada.Id, (Guid?)null, null], found.Select(m => m?.Id));
        Assert.Equal([(4, "email"), (5, "member_id")], errors.InFileOrder().Select(e => (e.Row, e.Column)));
        Assert.Contains("give member_id", errors.InFileOrder()[0].Problem);
    }

    private static Sheet Sheet(string[] header, params string[][] rows) =>
        new(1, header, rows.Select((cells, i) => new SheetRow(i + 2, cells)).ToList(), []);
}
