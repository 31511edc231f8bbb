namespace CredentialConnect.Web.Data;

/// <summary>An entity whose every change writes an <see cref="Features.Audit.AuditLogEntry"/>.</summary>
public interface IAuditable;

/// <summary>
/// An entity edited through the API. <see cref="Version"/> is its optimistic concurrency token:
/// a client sends back the version it read, and a stale one gets 409 instead of overwriting.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}

public static class VersionedExtensions
{
    /// <summary>What a client is told when an edit does not say which version it read.</summary>
    public const string VersionRequired = "Version is required: send back the version you read, so concurrent edits are detected.";

    /// <summary>Makes SaveChanges check the client's version, so a stale edit fails with 409 instead of overwriting.</summary>
    public static void ExpectVersion<T>(this AppDbContext db, T entity, int version) where T : class, IVersioned =>
        db.Entry(entity).Property(e => e.Version).OriginalValue = version;
}
