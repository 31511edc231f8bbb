using System.Text;
using ClosedXML.Excel;
using CredentialConnect.Web.Features.Imports;

namespace CredentialConnect.UnitTests.Imports;

public sealed class SpreadsheetsTests
{
    private const long Limit = 20 * 1024 * 1024;

    [Theory]
    [InlineData("members.csv", SpreadsheetFormat.Csv)]
    [InlineData("Members.XLSX", SpreadsheetFormat.Xlsx)]
    public void FormatOf_GoesByTheExtension(string name, SpreadsheetFormat format) =>
        Assert.Equal(format, Spreadsheets.FormatOf(name));

    [Theory]
    [InlineData("members.xls")]
    [InlineData("members.txt")]
    [InlineData("members")]
    public void FormatOf_KnowsOnlyCsvAndXlsx(string name) => Assert.Null(Spreadsheets.FormatOf(name));

    [Fact]
    public void Check_AcceptsUtf8TextWithOrWithoutAByteOrderMark()
    {
        Assert.Null(Spreadsheets.Check(SpreadsheetFormat.Csv, Encoding.UTF8.GetBytes("member_id,email\nWA-1,zoë@example.org\n"), Limit));
        Assert.Null(Spreadsheets.Check(SpreadsheetFormat.Csv, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("member_id\n")], Limit));
    }

    [Fact]
    public void Check_RefusesAWorkbookThatIsNotAZipArchive()
    {
        var rejection = Spreadsheets.Check(SpreadsheetFormat.Xlsx, Encoding.UTF8.GetBytes("member_id,email\n"), Limit);

        Assert.Equal(415, rejection?.StatusCode);
    }

    [Fact]
    public void Check_AcceptsARealWorkbook() => Assert.Null(Spreadsheets.Check(SpreadsheetFormat.Xlsx, Workbook(ws => ws.Cell(1, 1).SetValue("member_id")), Limit));

    [Fact]
    public void ReadCsv_TrimsAndNumbersRowsAsTheFileShowsThem_SkippingBlankLines()
    {
        var csv = "\uFEFF Member_ID , email\r\nWA-1 , a@example.org\r\n\r\n,\r\n\"WA-2\",\"Smith, Jane <j@example.org>\"\r\n";

        var sheet = Spreadsheets.Read(SpreadsheetFormat.Csv, Encoding.UTF8.GetBytes(csv));

        Assert.Equal(["Member_ID", "email"], sheet.Header);
        Assert.Equal([(2, "WA-1|a@example.org"), (5, "WA-2|Smith, Jane <j@example.org>")], sheet.Rows.Select(r => (r.Number, string.Join("|", r.Cells))));
        Assert.Empty(sheet.Problems);
    }

    [Fact]
    public void ReadCsv_ReportsARowWithMoreValuesThanTheHeaderHasColumns()
    {
        var sheet = Spreadsheets.Read(SpreadsheetFormat.Csv, Encoding.UTF8.GetBytes("member_id,activity\nWA-1,Ethics, a primer\nWA-2,Budgets\n"));

        var problem = Assert.Single(sheet.Problems);
        Assert.Equal(2, problem.Row);
        Assert.Contains("missing its quotes", problem.Problem);
    }

    [Fact]
    public void ReadXlsx_GivesDatesAsIsoAndNumbersInvariantly_FromTheFirstWorksheet()
    {
        var content = Workbook(ws =>
        {
            ws.Cell(1, 1).SetValue("member_id");
            ws.Cell(1, 2).SetValue("earned_on");
            ws.Cell(1, 3).SetValue("hours");
            ws.Cell(2, 1).SetValue("WA-1");
            ws.Cell(2, 2).SetValue(new DateTime(2026, 3, 1));
            ws.Cell(2, 3).SetValue(2.5);
            ws.Cell(4, 1).SetValue(1001);
            ws.Cell(4, 2).SetValue("2026-04-01");
            ws.Cell(4, 3).FormulaA1 = "=C2*2";
        });

        var sheet = Spreadsheets.Read(SpreadsheetFormat.Xlsx, content);

        Assert.Equal(["member_id", "earned_on", "hours"], sheet.Header);
        Assert.Equal([(2, "WA-1|2026-03-01|2.5"), (4, "1001|2026-04-01|5")], sheet.Rows.Select(r => (r.Number, string.Join("|", r.Cells))));
    }

    [Fact]
    public void ReadXlsx_OfSomethingThatIsNotAWorkbook_SaysItCannotBeRead() =>
        Assert.Throws<UnreadableSpreadsheetException>(() => Spreadsheets.Read(SpreadsheetFormat.Xlsx, Encoding.UTF8.GetBytes("PK\u0003\u0004 not really")));

    private static byte[] Workbook(Action<IXLWorksheet> fill)
    {
        using var workbook = new XLWorkbook();
        fill(workbook.Worksheets.Add("Sheet1"));
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }
}
