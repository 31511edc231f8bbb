using CredentialConnect.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Badges;

/// <summary>
/// The hub's one random salt for hashing recipients' emails into badges (<see cref="RecipientIdentity"/>): made on
/// first use and never changed, so a member's hash stays the same across their badges and cycles.
/// </summary>
public sealed class RecipientSalt
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public required string Value { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The salt, made and stored on first use; a concurrent first use by another node wins and is read back.</summary>
    public static async Task<string> GetAsync(IServiceScopeFactory scopes, TimeProvider clock, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (await db.RecipientSalts.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SingletonId, cancellationToken) is { } stored) return stored.Value;
            var salt = new RecipientSalt { Value = RecipientIdentity.NewSalt(), CreatedAt = clock.GetUtcNow() };
            db.RecipientSalts.Add(salt);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return salt.Value;
            }
            catch (DbUpdateException) when (attempt < 3) { }
        }
    }
}

public sealed class RecipientSaltConfiguration : IEntityTypeConfiguration<RecipientSalt>
{
    public void Configure(EntityTypeBuilder<RecipientSalt> salt)
    {
        salt.ToTable("RecipientSalts");
        salt.Property(s => s.Id).ValueGeneratedNever();
        salt.Property(s => s.Value).HasMaxLength(64);
    }
}
