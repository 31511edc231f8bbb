using System.ComponentModel.DataAnnotations;

namespace CredentialConnect.Web.Features.Applications;

/// <summary>Limits of applications, bound from the <c>Applications</c> section (e.g. <c>Applications__MaxEvidenceBytes</c>).</summary>
public sealed class ApplicationOptions
{
    public const string Section = "Applications";

    /// <summary>The largest evidence file accepted, in bytes. Default 10 MB; a larger upload gets 413.</summary>
    [Range(1, int.MaxValue)]
    public long MaxEvidenceBytes { get; set; } = 10 * 1024 * 1024;
}
