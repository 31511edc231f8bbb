using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Eligibility;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Readiness;

/// <summary>
/// A program a member has set out to earn. The latest readiness sits on the goal; <see cref="History"/> keeps each
/// change of it, so a member sees how far they have come.
/// </summary>
public sealed class Goal : IAuditable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid MemberId { get; init; }
    public Guid ProgramId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public decimal PercentReady { get; private set; }
    public bool Eligible { get; private set; }
    public int MetCount { get; private set; }
    public int UnmetCount { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public List<GoalProgress> History { get; init; } = [];

    /// <summary>
    /// Takes a fresh decision. A new history entry is written only when readiness changed (and always for the first
    /// decision); returns it, or null when nothing moved.
    /// </summary>
    public GoalProgress? Record(EligibilityDecision decision, DateTimeOffset at, bool first)
    {
        var (met, unmet) = EligibilityRules.Count(decision.Criteria);
        if (!first && decision.PercentReady == PercentReady && decision.Eligible == Eligible && met == MetCount && unmet == UnmetCount) return null;

        (PercentReady, Eligible, MetCount, UnmetCount, ChangedAt) = (decision.PercentReady, decision.Eligible, met, unmet, at);
        var entry = new GoalProgress { GoalId = Id, RecordedAt = at, PercentReady = PercentReady, Eligible = Eligible, MetCount = met, UnmetCount = unmet };
        History.Add(entry);
        return entry;
    }
}

/// <summary>One point on a goal's progress line.</summary>
public sealed class GoalProgress
{
    public long Id { get; init; }
    public Guid GoalId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public decimal PercentReady { get; init; }
    public bool Eligible { get; init; }
    public int MetCount { get; init; }
    public int UnmetCount { get; init; }
}

/// <summary>Details of GoalProgressed: enough for a workflow to nudge without reading anything else.</summary>
public sealed record GoalProgressedData(Guid GoalId, string ProgramCode, decimal OldPercent, decimal NewPercent, bool Eligible, int MetCount, int UnmetCount);

public sealed class GoalConfiguration : IEntityTypeConfiguration<Goal>
{
    public void Configure(EntityTypeBuilder<Goal> goal)
    {
        goal.ToTable("Goals");
        goal.HasIndex(g => new { g.MemberId, g.ProgramId }).IsUnique();
        goal.Property(g => g.PercentReady).HasPrecision(5, 1);
        goal.HasOne<Member>().WithMany().HasForeignKey(g => g.MemberId).OnDelete(DeleteBehavior.Cascade);
        goal.HasOne<CredentialProgram>().WithMany().HasForeignKey(g => g.ProgramId).OnDelete(DeleteBehavior.Cascade);
        goal.HasMany(g => g.History).WithOne().HasForeignKey(h => h.GoalId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class GoalProgressConfiguration : IEntityTypeConfiguration<GoalProgress>
{
    public void Configure(EntityTypeBuilder<GoalProgress> progress)
    {
        progress.ToTable("GoalProgress");
        progress.HasIndex(p => new { p.GoalId, p.RecordedAt });
        progress.Property(p => p.PercentReady).HasPrecision(5, 1);
    }
}
