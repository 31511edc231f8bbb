using System.Text.Json.Serialization;
using CredentialConnect.Web.Data;

namespace CredentialConnect.Web.Features.Imports;

/// <summary>What a spreadsheet holds. On the wire: <c>certificants</c> or <c>ce-credits</c>.</summary>
public enum ImportKind
{
    [JsonStringEnumMemberName("certificants")] Certificants,
    [JsonStringEnumMemberName("ce-credits")] CeCredits,
}

/// <summary>
/// <c>additive</c> adds and updates; <c>snapshot</c> also removes imported records of the file's members that the
/// file no longer lists, because the file is the whole truth for them.
/// </summary>
public enum ImportMode
{
    [JsonStringEnumMemberName("additive")] Additive,
    [JsonStringEnumMemberName("snapshot")] Snapshot,
}

/// <summary>Uploaded → Validating → Validated | Invalid → Committing → Committed | Failed.</summary>
public enum ImportStatus { Uploaded, Validating, Validated, Invalid, Committing, Committed, Failed }

/// <summary>
/// One uploaded spreadsheet and where it stands. Its rows are checked by a dry run and written by a commit;
/// the counts are what the last dry run would do, and after a commit what it did.
/// </summary>
public sealed class ImportBatch : IAuditable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public ImportKind Kind { get; init; }
    public ImportMode Mode { get; init; }
    public required string FileName { get; init; }
    public long SizeBytes { get; init; }
    public ImportStatus Status { get; set; } = ImportStatus.Uploaded;

    /// <summary>Data rows in the file (blank rows and the header not counted); known once a dry run has read it.</summary>
    public int TotalRows { get; set; }

    public int ProcessedRows { get; set; }
    public int ErrorCount { get; set; }
    public int CreatedCount { get; set; }
    public int UpdatedCount { get; set; }
    public int UnchangedCount { get; set; }
    public int RemovedCount { get; set; }

    /// <summary>Snapshot only: records absent from the file that were kept because removing them would not be safe.</summary>
    public int KeptCount { get; set; }

    /// <summary>Why the last run failed, when <see cref="Status"/> is Failed or a commit found the data changed.</summary>
    public string? FailureReason { get; set; }

    public required string UploadedBy { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
    public DateTimeOffset? ValidatedAt { get; set; }
    public string? CommittedBy { get; set; }
    public DateTimeOffset? CommittedAt { get; set; }

    public bool IsRunning => Status is ImportStatus.Validating or ImportStatus.Committing;

    internal void Record(ImportOutcome outcome)
    {
        TotalRows = outcome.TotalRows;
        ProcessedRows = outcome.TotalRows;
        ErrorCount = outcome.Errors.Count;
        CreatedCount = outcome.Counts.Created;
        UpdatedCount = outcome.Counts.Updated;
        UnchangedCount = outcome.Counts.Unchanged;
        RemovedCount = outcome.Counts.Removed;
        KeptCount = outcome.Counts.Kept;
    }
}

/// <summary>The uploaded bytes, apart from the batch so that listing and polling batches never loads them.</summary>
public sealed class ImportFile
{
    public Guid BatchId { get; init; }
    public required byte[] Content { get; init; }
}

/// <summary>
/// One problem with one cell of the file: <see cref="Row"/> is the row as a spreadsheet shows it (the header
/// is row 1), or 0 for the file as a whole; <see cref="Column"/> is the header name.
/// </summary>
public sealed class ImportRowError
{
    public long Id { get; init; }
    public Guid BatchId { get; init; }
    public int Row { get; init; }
    public required string Column { get; init; }
    public required string Problem { get; init; }
}

/// <summary>
/// Marks a credential that an import created, so a later snapshot knows it is the import's to remove.
/// <see cref="StatusChanges"/> is the length of its status history when an import last wrote it: a longer
/// history means the hub has acted on it since, and a snapshot then leaves it alone.
/// </summary>
public sealed class ImportedCredential
{
    public Guid CredentialId { get; init; }
    public Guid BatchId { get; set; }
    public int StatusChanges { get; set; }
}
