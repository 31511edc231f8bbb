using System.ComponentModel.DataAnnotations;

namespace CredentialConnect.Web.Features.Imports;

/// <summary>Limits of spreadsheet imports, bound from the <c>Imports</c> section (e.g. <c>Imports__MaxFileBytes</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Imports";

    /// <summary>The largest file accepted, in bytes. Default 20 MB; a larger upload gets 413.</summary>
    [Range(1, int.MaxValue)]
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>How many rows a dry run or commit processes between progress reports. Default 500.</summary>
    [Range(1, 1_000_000)]
    public int ProgressEvery { get; set; } = 500;

    /// <summary>How long a progress stream waits between reads of the batch, in milliseconds. Default 250.</summary>
    [Range(10, 10_000)]
    public int ProgressReadIntervalMs { get; set; } = 250;
}
