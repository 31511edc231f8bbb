namespace CredentialConnect.Web.Features.Imports;

/// <summary>Rows processed so far out of the file's data rows.</summary>
public sealed record ImportProgressResponse(int ProcessedRows, int TotalRows, int Percent);

/// <summary>What the last dry run would change or, once committed, what the commit changed.</summary>
public sealed record ImportCountsResponse(int Created, int Updated, int Unchanged, int Removed, int Kept);

public sealed record ImportBatchResponse(
    Guid Id, ImportKind Kind, ImportMode Mode, string FileName, long SizeBytes, ImportStatus Status, ImportProgressResponse Progress,
    int ErrorCount, ImportCountsResponse Counts, string? FailureReason, string UploadedBy, DateTimeOffset UploadedAt,
    DateTimeOffset? ValidatedAt, string? CommittedBy, DateTimeOffset? CommittedAt)
{
    /// <summary>A batch as the database holds it: a running one's progress is written there at each checkpoint.</summary>
    internal static ImportBatchResponse From(ImportBatch b)
    {
        var finished = b.Status is ImportStatus.Validated or ImportStatus.Invalid or ImportStatus.Committed;
        var percent = b.TotalRows == 0 ? (finished ? 100 : 0) : (int)Math.Min(100, b.ProcessedRows * 100L / b.TotalRows);
        return new ImportBatchResponse(b.Id, b.Kind, b.Mode, b.FileName, b.SizeBytes, b.Status,
            new ImportProgressResponse(b.ProcessedRows, b.TotalRows, percent), b.ErrorCount,
            new ImportCountsResponse(b.CreatedCount, b.UpdatedCount, b.UnchangedCount, b.RemovedCount, b.KeptCount),
            b.FailureReason, b.UploadedBy, b.UploadedAt, b.ValidatedAt, b.CommittedBy, b.CommittedAt);
    }
}

public sealed record ImportRowErrorResponse(int Row, string Column, string Problem);

public sealed record ImportFilter(ImportStatus? Status);

/// <summary>One step of a run's progress, as its stream sends it: the stage (Validating or Committing) and rows processed of total.</summary>
public sealed record ImportProgressEvent(ImportStatus Stage, int ProcessedRows, int TotalRows);

/// <summary>What an upload may be: the largest file in bytes, and the file types accepted.</summary>
public sealed record ImportLimitsResponse(long MaxFileBytes, IReadOnlyList<string> FileTypes);
