using System.Text.Json;
using CredentialConnect.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CredentialConnect.Web.Features.Audit;

/// <summary>
/// Writes an <see cref="AuditLogEntry"/> for every change to an <see cref="IAuditable"/> entity, and for every role
/// granted or taken away, inside the same SaveChanges, so a change and its audit record commit or roll back together.
/// </summary>
public sealed class AuditTrailInterceptor(ICurrentActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    // Secrets and bookkeeping columns never reach the audit log.
    private static readonly HashSet<string> Unrecorded =
        ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "SecretHash", "Version", "NormalizedEmail", "NormalizedUserName", "ProtectedPrivateKey"];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) Record(context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) Record(context);
        return base.SavingChanges(eventData, result);
    }

    private void Record(DbContext context)
    {
        var now = clock.GetUtcNow();
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => (Entry: e, Root: RootOf(e)))
            .Where(x => x.Root is { Entity: IAuditable or IdentityUserRole<string> })
            .ToList();

        // Owned parts (the recertification rules of a program) are reported against their owner.
        foreach (var group in entries.GroupBy(x => x.Root!.Entity, ReferenceEqualityComparer.Instance))
        {
            var root = group.First().Root!;
            var changes = new Dictionary<string, object?>();
            foreach (var (entry, _) in group) Describe(entry, entry.Entity == root.Entity ? "" : OwnedPath(entry), changes);
            if (changes.Count == 0) continue;

            context.Add(new AuditLogEntry
            {
                At = now,
                Actor = actor.Name,
                Action = ActionOf(root.State == EntityState.Unchanged ? EntityState.Modified : root.State),
                EntityType = root.Metadata.ClrType.Name.Split('`')[0],
                EntityId = string.Join(",", root.Metadata.FindPrimaryKey()!.Properties.Select(p => root.Property(p.Name).CurrentValue)),
                Changes = JsonSerializer.Serialize(changes),
            });
        }
    }

    private static void Describe(EntityEntry entry, string prefix, Dictionary<string, object?> changes)
    {
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            if (Unrecorded.Contains(name) || property.Metadata.IsShadowProperty() && property.Metadata.IsKey()) continue;
            var key = prefix + name;
            switch (entry.State)
            {
                case EntityState.Added:
                    changes[key] = property.CurrentValue;
                    break;
                case EntityState.Deleted:
                    changes[key] = new { from = property.OriginalValue };
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[key] = new { from = property.OriginalValue, to = property.CurrentValue };
                    break;
            }
        }

        foreach (var complex in entry.ComplexProperties)
        foreach (var property in complex.Properties)
        {
            var key = $"{prefix}{complex.Metadata.Name}.{property.Metadata.Name}";
            if (entry.State == EntityState.Added) changes[key] = property.CurrentValue;
            else if (entry.State == EntityState.Modified && property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                changes[key] = new { from = property.OriginalValue, to = property.CurrentValue };
        }
    }

    private static EntityEntry? RootOf(EntityEntry entry)
    {
        var current = entry;
        while (current.Metadata.IsOwned())
        {
            var ownership = current.Metadata.FindOwnership()!;
            var owner = current.Context.ChangeTracker.Entries()
                .FirstOrDefault(e => e.Metadata == ownership.PrincipalEntityType
                    && ownership.Properties.Select(p => current.Property(p.Name).CurrentValue)
                        .SequenceEqual(ownership.PrincipalKey.Properties.Select(p => e.Property(p.Name).CurrentValue)));
            if (owner is null) return null;
            current = owner;
        }
        return current;
    }

    private static string OwnedPath(EntityEntry entry) => entry.Metadata.FindOwnership()?.PrincipalToDependent?.Name + ".";

    private static string ActionOf(EntityState state) => state switch
    {
        EntityState.Added => "Created",
        EntityState.Deleted => "Deleted",
        _ => "Updated",
    };
}
