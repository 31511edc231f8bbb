using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Imports;

/// <summary>
/// Spreadsheet imports of certificants and CE histories: upload, dry run (every row checked, every problem
/// listed), then commit (checked again, written all or nothing). Runs happen in the background; follow their progress stream or read the batch.
/// </summary>
public static class ImportsApi
{
    // The multipart envelope around the file: boundaries, part headers and the two small fields.
    private const long FormOverheadBytes = 64 * 1024;

    private static readonly SortFields<ImportBatch> Sortable = new(b => b.Id, "-uploadedAt",
        ("uploadedAt", b => b.UploadedAt), ("fileName", b => b.FileName), ("status", b => b.Status));

    private static readonly SortFields<ImportRowError> ErrorSortable = new(e => e.Id, "row", ("row", e => e.Row), ("column", e => e.Column));

    public static WebApplication MapImportsApi(this WebApplication app)
    {
        var maxBody = app.Services.GetRequiredService<IOptions<ImportOptions>>().Value.MaxFileBytes + FormOverheadBytes;
        var imports = app.MapGroup("/api/v1/imports").WithTags("Imports").RequireAuthorization(AccessPolicies.ImportsWrite);

        imports.MapPost("/", UploadAsync).WithName("UploadImport")
            .WithSummary("Uploads a .csv or .xlsx of certificants or CE credits (multipart: file, kind = certificants | ce-credits, mode = additive | snapshot).")
            .WithMetadata(new RequestSizeLimitAttribute(maxBody))
            .TakesBody(("multipart/form-data", EndpointDeclarations.Form(
                ("file", EndpointDeclarations.Binary, true),
                ("kind", EndpointDeclarations.OneOf("certificants", "ce-credits"), true),
                ("mode", EndpointDeclarations.OneOf("additive", "snapshot"), false))));
        imports.MapGet("/", ListAsync).WithName("ListImports").WithSummary("Lists import batches, newest first; filter by status.");
        imports.MapGet("/{id:guid}", GetAsync).WithName("GetImport").WithSummary("A batch: its status, progress (rows processed of total) and counts.");
        imports.MapGet("/limits", GetLimits).WithName("GetImportLimits")
            .WithSummary("What an upload may be: the largest file in bytes and the file types accepted, so a client can refuse a file before sending it.");
        imports.MapGet("/{id:guid}/progress", FollowProgressAsync).WithName("FollowImportProgress")
            .WithSummary("A server-sent event stream of the batch's run: an event each time its progress changes ({stage, processedRows, totalRows}), " +
                "then 'done' carrying the batch, or 'problem' carrying a ProblemDetails when the run failed. A batch not running gets 'done' or 'problem' at once.")
            .Produces<ImportProgressEvent>(StatusCodes.Status200OK, "text/event-stream");
        imports.MapGet("/{id:guid}/errors.csv", DownloadErrorsAsync).WithName("DownloadImportErrors")
            .WithSummary("Every problem the last dry run found, as a CSV file (row, column, problem) in file order.")
            .SendsFile("text/csv");
        imports.MapGet("/{id:guid}/errors", ListErrorsAsync).WithName("ListImportErrors")
            .WithSummary("Every problem the last dry run found: row, column and what is wrong. Sort by row or column.");
        imports.MapPost("/{id:guid}/dry-run", DryRunAsync).WithName("DryRunImport")
            .WithSummary("Checks every row in the background without changing anything. Follow {id}/progress for its progress and result.");
        imports.MapPost("/{id:guid}/commit", CommitAsync).WithName("CommitImport")
            .WithSummary("Imports a batch whose last dry run was clean, all or nothing, in the background. Follow {id}/progress for its progress and result.");
        return app;
    }

    // The form is read here rather than bound, so each missing or wrong field gets its own message. Like every
    // write endpoint this relies on the SameSite=Lax session cookie against cross-site posts.
    internal static async Task<Results<Created<ImportBatchResponse>, ValidationProblem, ProblemHttpResult>> UploadAsync(
        HttpRequest request, AppDbContext db, ICurrentActor actor, TimeProvider clock, IOptions<ImportOptions> options, CancellationToken ct)
    {
        var limit = options.Value.MaxFileBytes;
        if (request.ContentLength > limit + FormOverheadBytes) return TooLarge(limit);
        if (!request.HasFormContentType)
            return Unsupported("Send the spreadsheet as multipart/form-data with the fields file, kind and mode.");

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit + FormOverheadBytes }, ct);
        }
        catch (InvalidDataException)
        {
            return TooLarge(limit);
        }

        var errors = new Dictionary<string, string[]>();
        var file = form.Files.GetFile("file");
        if (file is null) errors["file"] = ["Attach the spreadsheet (.csv or .xlsx) as the form field 'file'."];
        var kind = FromWireName<ImportKind>(form["kind"]);
        if (kind is null) errors["kind"] = ["Kind must be 'certificants' or 'ce-credits'."];
        var mode = string.IsNullOrWhiteSpace(form["mode"]) ? ImportMode.Additive : FromWireName<ImportMode>(form["mode"]);
        if (mode is null) errors["mode"] = ["Mode must be 'additive' or 'snapshot'."];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);

        if (file!.Length > limit) return TooLarge(limit);
        if (file.Length == 0) return Problems.ValidationFailed("file", "The file is empty.");
        var fileName = Path.GetFileName(file.FileName);
        if (Spreadsheets.FormatOf(fileName) is not { } format)
            return Unsupported($"Only .csv and .xlsx files can be imported; '{fileName}' is neither.");

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
        if (Spreadsheets.Check(format, content, limit) is { } rejection)
            return rejection.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge(rejection.Detail) : Unsupported(rejection.Detail);

        var batch = new ImportBatch
        {
            Kind = kind!.Value, Mode = mode!.Value, FileName = fileName.Length <= 255 ? fileName : fileName[^255..], SizeBytes = file.Length,
            UploadedBy = actor.Name, UploadedAt = clock.GetUtcNow(),
        };
        db.ImportBatches.Add(batch);
        db.ImportFiles.Add(new ImportFile { BatchId = batch.Id, Content = content });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created(Location(batch.Id), ImportBatchResponse.From(batch));
    }

    internal static async Task<Results<Ok<Page<ImportBatchResponse>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, [AsParameters] ImportFilter filter, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(Sortable) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);

        var query = db.ImportBatches.AsNoTracking();
        if (filter.Status is { } status) query = query.Where(b => b.Status == status);
        var page = await query.ToPageAsync(list, Sortable, b => b, ct);
        return TypedResults.Ok(page.Map(b => ImportBatchResponse.From(b)));
    }

    internal static async Task<Results<Ok<ImportBatchResponse>, ProblemHttpResult>> GetAsync(
        Guid id, AppDbContext db, CancellationToken ct) =>
        await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) is { } batch
            ? TypedResults.Ok(ImportBatchResponse.From(batch))
            : Problems.NotFoundResult("import", id);

    internal static async Task<Results<Ok<Page<ImportRowErrorResponse>>, ValidationProblem, ProblemHttpResult>> ListErrorsAsync(
        Guid id, [AsParameters] ListQuery list, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(ErrorSortable) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        if (!await db.ImportBatches.AnyAsync(b => b.Id == id, ct)) return Problems.NotFoundResult("import", id);

        return TypedResults.Ok(await db.ImportRowErrors.AsNoTracking().Where(e => e.BatchId == id)
            .ToPageAsync(list, ErrorSortable, e => new ImportRowErrorResponse(e.Row, e.Column, e.Problem), ct));
    }

    internal static Ok<ImportLimitsResponse> GetLimits(IOptions<ImportOptions> options) =>
        TypedResults.Ok(new ImportLimitsResponse(options.Value.MaxFileBytes, Spreadsheets.Extensions));

    // The stream reads the batch row, where every run writes its progress, so it can be opened on any node.
    internal static async Task<Results<ServerSentEventsResult<object>, ProblemHttpResult>> FollowProgressAsync(
        Guid id, AppDbContext db, IOptions<ImportOptions> options, CancellationToken ct)
    {
        if (!await db.ImportBatches.AnyAsync(b => b.Id == id, ct)) return Problems.NotFoundResult("import", id);
        return TypedResults.ServerSentEvents(
            ImportProgressStream.FollowAsync(db, id, TimeSpan.FromMilliseconds(options.Value.ProgressReadIntervalMs), ct));
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadErrorsAsync(Guid id, AppDbContext db, CancellationToken ct)
    {
        var batch = await db.ImportBatches.AsNoTracking().Where(b => b.Id == id).Select(b => new { b.FileName }).SingleOrDefaultAsync(ct);
        if (batch is null) return Problems.NotFoundResult("import", id);

        var errors = await db.ImportRowErrors.AsNoTracking().Where(e => e.BatchId == id).OrderBy(e => e.Row).ThenBy(e => e.Id)
            .Select(e => new ImportRowErrorResponse(e.Row, e.Column, e.Problem)).ToListAsync(ct);
        var csv = new StringBuilder("row,column,problem\r\n");
        foreach (var e in errors) csv.Append(e.Row).Append(',').Append(CsvField(e.Column)).Append(',').Append(CsvField(e.Problem)).Append("\r\n");
        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv",
            $"{Path.GetFileNameWithoutExtension(batch.FileName)}-errors.csv");
    }

    // Quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused so a spreadsheet does not run it as a formula.
    private static string CsvField(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"")}\"";
    }

    internal static async Task<Results<Accepted<ImportBatchResponse>, ProblemHttpResult>> DryRunAsync(
        Guid id, AppDbContext db, ImportQueue queue, ICurrentActor actor, CancellationToken ct)
    {
        // Moving the batch to Validating in one conditional statement is what keeps two runs of it from starting.
        var claimed = await db.ImportBatches
            .Where(b => b.Id == id && (b.Status == ImportStatus.Uploaded || b.Status == ImportStatus.Validated
                || b.Status == ImportStatus.Invalid || b.Status == ImportStatus.Failed))
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Validating).SetProperty(b => b.ProcessedRows, 0), ct);
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null) return Problems.NotFoundResult("import", id);
        if (claimed == 0) return InvalidTransition(batch.Status switch
        {
            ImportStatus.Committed => $"The batch was committed on {batch.CommittedAt:yyyy-MM-dd}. To import the file again, upload it again.",
            _ => $"The batch is {batch.Status}; wait until that run has finished.",
        });

        queue.Enqueue(new ImportWork(id, ImportStep.DryRun, actor.Name));
        return TypedResults.Accepted(Location(id), ImportBatchResponse.From(batch));
    }

    internal static async Task<Results<Accepted<ImportBatchResponse>, ProblemHttpResult>> CommitAsync(
        Guid id, AppDbContext db, ImportQueue queue, ICurrentActor actor, CancellationToken ct)
    {
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null) return Problems.NotFoundResult("import", id);
        if (batch.Status != ImportStatus.Validated) return batch.Status switch
        {
            ImportStatus.Uploaded => NotValidated(0, "Run a dry run first: a batch is committed only after a dry run finds no errors."),
            ImportStatus.Invalid => NotValidated(batch.ErrorCount,
                $"The last dry run found {batch.ErrorCount} error(s); nothing can be imported until there are none. " +
                $"GET {Location(id)}/errors lists them; fix the file, upload it again and run a dry run."),
            ImportStatus.Failed => NotValidated(0, $"The last run failed: {batch.FailureReason} Run a dry run again."),
            ImportStatus.Committed => InvalidTransition($"The batch was already committed on {batch.CommittedAt:yyyy-MM-dd}."),
            _ => InvalidTransition($"The batch is {batch.Status}; wait until that run has finished."),
        };

        var claimed = await db.ImportBatches.Where(b => b.Id == id && b.Status == ImportStatus.Validated)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, ImportStatus.Committing).SetProperty(b => b.ProcessedRows, 0), ct);
        if (claimed == 0) return InvalidTransition("Another run of this batch started just now; follow its progress for the result.");

        queue.Enqueue(new ImportWork(id, ImportStep.Commit, actor.Name));
        batch.Status = ImportStatus.Committing;
        batch.ProcessedRows = 0;
        return TypedResults.Accepted(Location(id), ImportBatchResponse.From(batch));
    }

    private static string Location(Guid id) => $"/api/v1/imports/{id}";

    /// <summary>The enum value whose wire name (as JSON writes it) is <paramref name="text"/>, ignoring case.</summary>
    private static TEnum? FromWireName<TEnum>(string? text) where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().Cast<TEnum?>().FirstOrDefault(v =>
            string.Equals(typeof(TEnum).GetField(v!.Value.ToString())!.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? v.Value.ToString(),
                text?.Trim(), StringComparison.OrdinalIgnoreCase));

    private static ProblemHttpResult TooLarge(long limit) =>
        TooLarge($"The file is larger than the {limit / (1024.0 * 1024.0):0.#} MB an import accepts. Split it into smaller files.");

    private static ProblemHttpResult TooLarge(string detail) => TypedResults.Problem(type: Problems.PayloadTooLarge,
        title: "The file is too large.", statusCode: StatusCodes.Status413PayloadTooLarge, detail: detail);

    private static ProblemHttpResult Unsupported(string detail) => TypedResults.Problem(type: Problems.UnsupportedMediaType,
        title: "The file is not a spreadsheet this hub can import.", statusCode: StatusCodes.Status415UnsupportedMediaType, detail: detail);

    private static ProblemHttpResult InvalidTransition(string detail) => TypedResults.Problem(type: Problems.InvalidTransition,
        title: "The batch cannot do that now.", statusCode: StatusCodes.Status409Conflict, detail: detail);

    private static ProblemHttpResult NotValidated(int errorCount, string detail) => TypedResults.Problem(type: Problems.ImportNotValidated,
        title: "The batch has not passed a dry run.", statusCode: StatusCodes.Status409Conflict, detail: detail,
        extensions: new Dictionary<string, object?> { ["errorCount"] = errorCount });
}
