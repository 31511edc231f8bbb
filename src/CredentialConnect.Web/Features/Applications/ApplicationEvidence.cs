using CredentialConnect.Web.Data;

namespace CredentialConnect.Web.Features.Applications;

/// <summary>
/// A file a member attached to an application as evidence (a licence, a transcript). The bytes live in
/// <see cref="ApplicationEvidenceFile"/>, so listing evidence and the audit log never carry them.
/// </summary>
public sealed class ApplicationEvidence : IAuditable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ApplicationId { get; init; }
    public required string FileName { get; init; }

    /// <summary>The media type the content was recognised as: application/pdf, image/png or image/jpeg.</summary>
    public required string ContentType { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>The SHA-256 of the content, lower-case hex, so a copy can be checked against what was uploaded.</summary>
    public required string Sha256 { get; init; }

    public required string UploadedBy { get; init; }
    public DateTimeOffset UploadedAt { get; init; }
}

/// <summary>The bytes of one evidence file, stored in the database so every hub node can serve them.</summary>
public sealed class ApplicationEvidenceFile
{
    public Guid EvidenceId { get; init; }
    public required byte[] Content { get; init; }
}
