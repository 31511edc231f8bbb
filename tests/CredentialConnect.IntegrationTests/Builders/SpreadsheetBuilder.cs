using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;

namespace CredentialConnect.IntegrationTests.Builders;

/// <summary>
/// A spreadsheet as an association exports it: a header and rows, written as CSV or as an Excel workbook.
/// Rows are given by column name, so a test can leave a column out of the header or a value out of a row.
/// </summary>
public sealed class SpreadsheetBuilder(params string[] header)
{
    private readonly List<string[]> _rows = [];

    public static SpreadsheetBuilder Certificants() =>
        new("member_id", "email", "program_code", "credential_number", "issued_on", "valid_until", "status");

    public static SpreadsheetBuilder CeCredits() =>
        new("member_id", "email", "activity", "category", "hours", "earned_on", "evidence");

    public SpreadsheetBuilder Row(params (string Column, string Value)[] values)
    {
        var cells = header.Select(h => values.FirstOrDefault(v => v.Column == h).Value ?? "").ToArray();
        _rows.Add(cells);
        return this;
    }

    public SpreadsheetBuilder Certificant(string memberId, string program, string issuedOn, string number = "", string validUntil = "",
        string status = "", string email = "") =>
        Row(("member_id", memberId), ("email", email), ("program_code", program), ("credential_number", number), ("issued_on", issuedOn),
            ("valid_until", validUntil), ("status", status));

    public SpreadsheetBuilder Credit(string memberId, string activity, string category, string hours, string earnedOn, string evidence = "",
        string email = "") =>
        Row(("member_id", memberId), ("email", email), ("activity", activity), ("category", category), ("hours", hours),
            ("earned_on", earnedOn), ("evidence", evidence));

    public byte[] ToCsv()
    {
        using var output = new MemoryStream();
        using (var writer = CsvWriter.Create(output, null, leaveOpen: true))
        {
            writer.WriteHeader(header);
            foreach (var row in _rows) writer.WriteRecord(row);
        }
        return output.ToArray();
    }

    /// <summary>A workbook typed as Excel types what people key in: dates are date cells, plain numbers are number cells.</summary>
    public byte[] ToXlsx()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("Import");
        for (var c = 0; c < header.Length; c++) sheet.Cell(1, c + 1).SetValue(header[c]);
        for (var r = 0; r < _rows.Count; r++)
            for (var c = 0; c < header.Length; c++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                var text = _rows[r][c];
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    cell.SetValue(date.ToDateTime(TimeOnly.MinValue));
                else if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                    cell.SetValue(number);
                else
                    cell.SetValue(text);
            }
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }
}
