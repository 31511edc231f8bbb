using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.CeAudits;

/// <summary>
/// A CE audit of a program's renewing certificants: a random sample drawn with a recorded seed, so anyone can
/// draw it again from the same population, plus members targeted by name.
/// </summary>
public sealed class CeAudit : IAuditable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid ProgramId { get; init; }
    public decimal SamplePercent { get; init; }
    public int Seed { get; init; }
    public int RenewingWithinDays { get; init; }

    /// <summary>The population was the credentials whose cycle ends in (CreatedAt, WindowEndsAt].</summary>
    public DateTimeOffset WindowEndsAt { get; init; }

    public int PopulationCount { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string CreatedBy { get; init; }
    public List<CeAuditSelection> Selections { get; init; } = [];
}

public enum CeAuditSelectionReason { Random, Targeted }

public enum CeAuditSelectionStatus { Open, Passed, Failed }

/// <summary>One audited certificant's cycle: the credits they show evidence for, and the outcome.</summary>
public sealed class CeAuditSelection : IAuditable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid AuditId { get; init; }
    public Guid CredentialId { get; init; }
    public Guid MemberId { get; init; }
    public int Cycle { get; init; }
    public DateTimeOffset CycleStartedAt { get; init; }
    public DateTimeOffset CycleEndsAt { get; init; }
    public CeAuditSelectionReason Reason { get; init; }
    public CeAuditSelectionStatus Status { get; set; } = CeAuditSelectionStatus.Open;

    /// <summary>Why the selection passed or failed, in words the member is shown.</summary>
    public string? Explanation { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }
    public List<CeAuditCredit> Credits { get; init; } = [];
}

public enum CeAuditCreditDecision { Pending, Accepted, Rejected }

/// <summary>The evidence an audited member submitted for one credit, and the reviewer's decision on it.</summary>
public sealed class CeAuditCredit : IAuditable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid SelectionId { get; init; }
    public Guid CreditId { get; init; }
    public required string Evidence { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public CeAuditCreditDecision Decision { get; set; } = CeAuditCreditDecision.Pending;
    public string? Reason { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
}

public sealed class CeAuditConfiguration : IEntityTypeConfiguration<CeAudit>
{
    public void Configure(EntityTypeBuilder<CeAudit> audit)
    {
        audit.ToTable("CeAudits");
        audit.HasIndex(a => new { a.ProgramId, a.CreatedAt });
        audit.Property(a => a.SamplePercent).HasPrecision(5, 2);
        audit.Property(a => a.CreatedBy).HasMaxLength(256);
        audit.HasOne<CredentialProgram>().WithMany().HasForeignKey(a => a.ProgramId).OnDelete(DeleteBehavior.Restrict);
        audit.HasMany(a => a.Selections).WithOne().HasForeignKey(s => s.AuditId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CeAuditSelectionConfiguration : IEntityTypeConfiguration<CeAuditSelection>
{
    public void Configure(EntityTypeBuilder<CeAuditSelection> selection)
    {
        selection.ToTable("CeAuditSelections");
        // A cycle is audited once, however many audits are drawn.
        selection.HasIndex(s => new { s.CredentialId, s.Cycle }).IsUnique();
        selection.HasIndex(s => s.MemberId);
        selection.Property(s => s.Reason).HasConversion<string>().HasMaxLength(16);
        selection.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        selection.Property(s => s.Explanation).HasMaxLength(4000);
        selection.HasOne<Credential>().WithMany().HasForeignKey(s => s.CredentialId).OnDelete(DeleteBehavior.Restrict);
        selection.HasMany(s => s.Credits).WithOne().HasForeignKey(c => c.SelectionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CeAuditCreditConfiguration : IEntityTypeConfiguration<CeAuditCredit>
{
    public void Configure(EntityTypeBuilder<CeAuditCredit> credit)
    {
        credit.ToTable("CeAuditCredits");
        credit.HasIndex(c => new { c.SelectionId, c.CreditId }).IsUnique();
        credit.Property(c => c.Evidence).HasMaxLength(CeCreditRules.MaxEvidenceLength);
        credit.Property(c => c.Decision).HasConversion<string>().HasMaxLength(16);
        credit.Property(c => c.Reason).HasMaxLength(CeCreditRules.MaxReasonLength);
        credit.Property(c => c.DecidedBy).HasMaxLength(256);
        credit.HasOne<ContinuingEducationCredit>().WithMany().HasForeignKey(c => c.CreditId).OnDelete(DeleteBehavior.Restrict);
    }
}
