using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CredentialConnect.Web.Features.Access;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> key)
    {
        key.ToTable("ApiKeys");
        key.HasIndex(k => k.Prefix).IsUnique();
        key.Property(k => k.Name).HasMaxLength(100);
        key.Property(k => k.Prefix).HasMaxLength(16);
        key.Property(k => k.SecretHash).HasMaxLength(64);
        key.Property(k => k.CreatedBy).HasMaxLength(256);
        key.Ignore(k => k.IsRevoked);
    }
}

public sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> account)
    {
        account.Property(a => a.DisplayName).HasMaxLength(200);
        account.HasIndex(a => a.MemberId);
        account.Ignore(a => a.ActorName);
    }
}
