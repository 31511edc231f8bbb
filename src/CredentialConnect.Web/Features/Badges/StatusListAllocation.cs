using CredentialConnect.Web.Features.Credentials;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>
/// A credential's place in the status lists: list <see cref="ListNumber"/>, bit <see cref="Index"/>, in both the
/// revocation and the suspension list. Allocated once, when its first badge is issued, and kept through every cycle.
/// </summary>
public sealed class StatusListAllocation
{
    /// <summary>Entries per list: the specification's minimum, so a list hides which of many credentials changed.</summary>
    public const int ListLength = CredentialConnect.Badges.StatusList.BitstringStatusList.MinimumLength;

    public Guid CredentialId { get; init; }
    public int ListNumber { get; init; }
    public int Index { get; init; }

    public StatusListPosition Position => new(ListNumber, Index);

    /// <summary>The next free place after <paramref name="last"/> (the highest allocated so far), starting a new list when one is full.</summary>
    public static StatusListPosition Next(StatusListPosition? last) => last switch
    {
        null => new StatusListPosition(1, 0),
        { Index: >= ListLength - 1 } => new StatusListPosition(last.ListNumber + 1, 0),
        _ => last with { Index = last.Index + 1 },
    };
}

public sealed class StatusListAllocationConfiguration : IEntityTypeConfiguration<StatusListAllocation>
{
    public void Configure(EntityTypeBuilder<StatusListAllocation> allocation)
    {
        allocation.ToTable("StatusListAllocations");
        allocation.HasKey(a => a.CredentialId);
        // Two credentials can never share a bit, even when two nodes allocate at once.
        allocation.HasIndex(a => new { a.ListNumber, a.Index }).IsUnique();
        allocation.HasOne<Credential>().WithOne().HasForeignKey<StatusListAllocation>(a => a.CredentialId).OnDelete(DeleteBehavior.Cascade);
        allocation.Ignore(a => a.Position);
    }
}
