using System.Globalization;
using System.IO.Compression;
using System.Text.Unicode;
using ClosedXML.Excel;
using CsvHelper;

namespace CredentialConnect.Web.Features.Imports;

public enum SpreadsheetFormat { Csv, Xlsx }

/// <summary>A data row, numbered as a spreadsheet program shows it (the header is row 1), with its cells as text.</summary>
internal sealed record SheetRow(int Number, string[] Cells);

/// <summary>A problem with the file's structure, found while reading it: a row whose quotes or cells do not line up.</summary>
internal sealed record SheetProblem(int Row, string Problem);

/// <summary>The CSV, or the first worksheet of the workbook, as text: the header and every non-blank data row.</summary>
internal sealed record Sheet(int HeaderRow, IReadOnlyList<string> Header, IReadOnlyList<SheetRow> Rows, IReadOnlyList<SheetProblem> Problems);

/// <summary>Why an upload is refused before it is stored: the status (413 or 415) and what to do about it.</summary>
internal sealed record UploadRejection(int StatusCode, string Detail);

internal sealed class UnreadableSpreadsheetException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Recognises and reads the two formats an association's spreadsheet arrives in. The bytes must be what the
/// extension says: a workbook is a zip archive holding <c>xl/workbook.xml</c>, and a CSV is UTF-8 text.
/// </summary>
internal static class Spreadsheets
{
    // A workbook's XML compresses about tenfold; anything that expands far beyond that is not a spreadsheet.
    private const int MaxExpansion = 25;
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] Utf16LittleEndianMark = [0xFF, 0xFE];
    private static readonly byte[] Utf16BigEndianMark = [0xFE, 0xFF];

    /// <summary>The file types an import accepts, by extension.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".csv", ".xlsx"];

    public static SpreadsheetFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".csv" => SpreadsheetFormat.Csv,
        ".xlsx" => SpreadsheetFormat.Xlsx,
        _ => null,
    };

    /// <summary>Null when <paramref name="content"/> really is <paramref name="format"/>; otherwise why it is refused.</summary>
    public static UploadRejection? Check(SpreadsheetFormat format, byte[] content, long maxFileBytes) =>
        format == SpreadsheetFormat.Csv ? CheckCsv(content) : CheckXlsx(content, maxFileBytes);

    private static UploadRejection? CheckCsv(byte[] content)
    {
        ReadOnlySpan<byte> bytes = content;
        if (bytes.StartsWith(ZipSignature))
            return Unsupported("The file is named .csv but is a zip archive, such as an Excel workbook. Upload a workbook with the .xlsx extension.");
        if (bytes.StartsWith(Utf16LittleEndianMark) || bytes.StartsWith(Utf16BigEndianMark))
            return Unsupported("The CSV is UTF-16 text; it must be UTF-8. In Excel, save it as 'CSV UTF-8 (Comma delimited)'.");
        if (bytes.Contains((byte)0))
            return Unsupported("The file is named .csv but holds binary data, not text.");
        if (!Utf8.IsValid(bytes))
            return Unsupported("The CSV is not UTF-8 text. In Excel, save it as 'CSV UTF-8 (Comma delimited)'.");
        return null;
    }

    private static UploadRejection? CheckXlsx(byte[] content, long maxFileBytes)
    {
        if (!content.AsSpan().StartsWith(ZipSignature))
            return Unsupported("The file is named .xlsx but is not an Excel workbook (an .xlsx file is a zip archive). " +
                "Older .xls workbooks and renamed CSV files cannot be read; save it from Excel as .xlsx or CSV UTF-8.");
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains("[Content_Types].xml") || !names.Contains("xl/workbook.xml"))
                return Unsupported("The file is a zip archive but not an Excel workbook: it has no workbook inside.");
            if (zip.Entries.Sum(e => e.Length) > maxFileBytes * MaxExpansion)
                return new UploadRejection(StatusCodes.Status413PayloadTooLarge,
                    $"The workbook expands to more than {maxFileBytes * MaxExpansion / (1024 * 1024):N0} MB. Split it into smaller files.");
            return null;
        }
        catch (InvalidDataException)
        {
            return Unsupported("The file is named .xlsx but is damaged: it is not a readable zip archive.");
        }
    }

    private static UploadRejection Unsupported(string detail) => new(StatusCodes.Status415UnsupportedMediaType, detail);

    /// <summary>Reads the file as text. Throws <see cref="UnreadableSpreadsheetException"/> when it cannot be read at all.</summary>
    public static Sheet Read(SpreadsheetFormat format, byte[] content) =>
        format == SpreadsheetFormat.Csv ? ReadCsv(content) : ReadXlsx(content);

    private static Sheet ReadCsv(byte[] content)
    {
        var problems = new List<SheetProblem>();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            // Values are members' personal data; they belong in the row report, not in exception messages and logs.
            IncludeValuesInExceptions = false,
            OnMalformedRecord = m => problems.Add(new SheetProblem((int)m.LineNumber, Describe(m.Reason))),
        };
        try
        {
            using var reader = CsvReader.Create(content, options);
            var header = reader.Headers.ToArray();
            var rows = new List<SheetRow>();
            while (reader.Read())
            {
                var cells = new string[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++) cells[i] = reader.GetString(i) ?? "";
                if (cells.All(string.IsNullOrWhiteSpace)) continue;
                var row = (int)reader.LineNumber;
                if (cells.Length > header.Length && cells.Skip(header.Length).Any(c => c.Length > 0))
                    problems.Add(new SheetProblem(row,
                        $"The row has {cells.Length} values but the header names {header.Length} columns. Is a value with a comma missing its quotes?"));
                rows.Add(new SheetRow(row, cells));
            }
            return new Sheet(1, header, rows, problems);
        }
        catch (CsvFormatException e)
        {
            throw new UnreadableSpreadsheetException($"The CSV cannot be read: {e.Message}", e);
        }
    }

    private static string Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.UnterminatedQuote => "A quoted value is never closed: the rest of the file was read as part of it.",
        CsvMalformedReason.StrayQuote => "A quote appears inside a value that is not quoted. Quote the whole value and double the inner quote.",
        CsvMalformedReason.TextAfterClosingQuote => "There is text after the closing quote of a value.",
        _ => $"The row is malformed ({reason}).",
    };

    private static Sheet ReadXlsx(byte[] content)
    {
        try
        {
            using var workbook = new XLWorkbook(new MemoryStream(content, writable: false), XLEventTracking.Disabled);
            var sheet = workbook.Worksheets.FirstOrDefault() ?? throw new UnreadableSpreadsheetException("The workbook has no worksheet.");
            if (sheet.RangeUsed() is not { } used) return new Sheet(1, [], [], []);

            var firstColumn = used.FirstColumn().ColumnNumber();
            var width = used.ColumnCount();
            string[] CellsOf(IXLRow row) =>
                Enumerable.Range(firstColumn, width).Select(c => TextOf(row.Cell(c))).ToArray();

            var headerRow = used.FirstRow().RowNumber();
            var header = CellsOf(sheet.Row(headerRow));
            var rows = used.RowsUsed().Skip(1)
                .Select(r => new SheetRow(r.RowNumber(), CellsOf(r.WorksheetRow())))
                .Where(r => !r.Cells.All(string.IsNullOrWhiteSpace))
                .ToList();
            return new Sheet(headerRow, header, rows, []);
        }
        catch (Exception e) when (e is not UnreadableSpreadsheetException and not OutOfMemoryException)
        {
            throw new UnreadableSpreadsheetException("The workbook cannot be read. Open it in Excel, save it again as .xlsx, and upload that.", e);
        }
    }

    /// <summary>
    /// A cell as the text its column expects: dates as YYYY-MM-DD, numbers in invariant notation (2.5),
    /// formulas by their value, so nothing depends on this server's culture.
    /// </summary>
    private static string TextOf(IXLCell cell)
    {
        var value = cell.HasFormula ? FormulaValue(cell) : cell.Value;
        // A formula's last value is stored as a serial number even when its cell is formatted as a date.
        if (value is double serial && cell.DataType == XLDataType.DateTime) value = DateTime.FromOADate(serial);
        return value switch
        {
            null => "",
            string s => s.Trim(),
            DateTime d when d.TimeOfDay == TimeSpan.Zero => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            double n => n.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString()?.Trim() ?? "",
        };
    }

    /// <summary>
    /// The value Excel stored when it last calculated the formula. A file written by another program may hold
    /// none; then the formula is calculated here, and one that cannot be is shown as written, so the row
    /// report says what the cell holds rather than calling it empty.
    /// </summary>
    private static object? FormulaValue(IXLCell cell)
    {
        if (cell.CachedValue is { } cached && !(cached is string text && text.Length == 0)) return cached;
        try
        {
            return cell.Value;
        }
        catch (Exception)
        {
            return "=" + cell.FormulaA1;
        }
    }
}
