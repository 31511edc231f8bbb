using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Association;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.Connectors;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Imports;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.CeAudits;
using CredentialConnect.Web.Features.Recertification;
using CredentialConnect.Web.Features.Readiness;
using CredentialConnect.Web.Features.Sync;
using CredentialConnect.Web.Features.Workflows;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Data;

/// <summary>
/// The hub's one database context. Each provider has a subclass that owns its migrations:
/// <see cref="SqliteAppDbContext"/> (the embedded default) and <see cref="PostgresAppDbContext"/>.
/// </summary>
/// <remarks>
/// Add a migration to both providers after changing the model:
/// <code>
/// dotnet ef migrations add Name --project src/CredentialConnect.Web --context SqliteAppDbContext --output-dir Data/Migrations/Sqlite
/// dotnet ef migrations add Name --project src/CredentialConnect.Web --context PostgresAppDbContext --output-dir Data/Migrations/Postgres
/// </code>
/// </remarks>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<UserAccount, IdentityRole, string>(options), IDataProtectionKeyContext
{
    public DbSet<CredentialProgram> Programs => Set<CredentialProgram>();
    public DbSet<ProgramPrerequisite> ProgramPrerequisites => Set<ProgramPrerequisite>();
    public DbSet<ProgramArtwork> ProgramArtwork => Set<ProgramArtwork>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Credential> Credentials => Set<Credential>();
    public DbSet<CredentialStatusChange> CredentialStatusChanges => Set<CredentialStatusChange>();
    public DbSet<Application> Applications => Set<Application>();
    public DbSet<ApplicationStatusChange> ApplicationStatusChanges => Set<ApplicationStatusChange>();
    public DbSet<ApplicationEvidence> ApplicationEvidence => Set<ApplicationEvidence>();
    public DbSet<ApplicationEvidenceFile> ApplicationEvidenceFiles => Set<ApplicationEvidenceFile>();
    public DbSet<ExamAttempt> ExamAttempts => Set<ExamAttempt>();
    public DbSet<ContinuingEducationCredit> ContinuingEducationCredits => Set<ContinuingEducationCredit>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<DomainEvent> DomainEvents => Set<DomainEvent>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<DeadLetter> DeadLetters => Set<DeadLetter>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<SyncStream> SyncStreams => Set<SyncStream>();
    public DbSet<SyncRun> SyncRuns => Set<SyncRun>();
    public DbSet<MemberMatchReview> MemberMatchReviews => Set<MemberMatchReview>();
    public DbSet<ConnectorSettings> ConnectorSettings => Set<ConnectorSettings>();
    public DbSet<PartnerPause> PartnerPauses => Set<PartnerPause>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();
    public DbSet<ImportRowError> ImportRowErrors => Set<ImportRowError>();
    public DbSet<ImportedCredential> ImportedCredentials => Set<ImportedCredential>();
    public DbSet<CredentialNotice> CredentialNotices => Set<CredentialNotice>();
    public DbSet<CeAudit> CeAudits => Set<CeAudit>();
    public DbSet<CeAuditSelection> CeAuditSelections => Set<CeAuditSelection>();
    public DbSet<CeAuditCredit> CeAuditCredits => Set<CeAuditCredit>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<StoredWorkflowDefinition> WorkflowDefinitions => Set<StoredWorkflowDefinition>();
    public DbSet<WorkflowTriggerEntry> WorkflowTriggers => Set<WorkflowTriggerEntry>();
    public DbSet<GoalProgress> GoalProgress => Set<GoalProgress>();
    public DbSet<WorkflowInstance> WorkflowInstances => Set<WorkflowInstance>();
    public DbSet<WorkflowBookmark> WorkflowBookmarks => Set<WorkflowBookmark>();
    public DbSet<WorkflowJournalEntry> WorkflowJournal => Set<WorkflowJournalEntry>();
    public DbSet<PendingStimulus> PendingStimuli => Set<PendingStimulus>();
    public DbSet<WorkflowTask> WorkflowTasks => Set<WorkflowTask>();
    public DbSet<PortalNotification> PortalNotifications => Set<PortalNotification>();
    public DbSet<MemberTag> MemberTags => Set<MemberTag>();
    public DbSet<ExamRegistration> ExamRegistrations => Set<ExamRegistration>();
    public DbSet<IssuerKey> IssuerKeys => Set<IssuerKey>();
    public DbSet<RecipientSalt> RecipientSalts => Set<RecipientSalt>();
    public DbSet<IssuedBadge> IssuedBadges => Set<IssuedBadge>();
    public DbSet<StatusListAllocation> StatusListAllocations => Set<StatusListAllocation>();
    public DbSet<PublishedStatusList> PublishedStatusLists => Set<PublishedStatusList>();
    public DbSet<BadgeEngagement> BadgeEngagements => Set<BadgeEngagement>();
    public DbSet<AssociationSettings> AssociationSettings => Set<AssociationSettings>();
    public DbSet<AssociationLogo> AssociationLogo => Set<AssociationLogo>();

    /// <summary>Shared by every hub node, so a cookie issued by one node is read by the others.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BumpVersions();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BumpVersions();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // The version a client read is the original value EF checks against; the new one is what they read next.
    private void BumpVersions()
    {
        foreach (var entry in ChangeTracker.Entries<IVersioned>())
            if (entry.State == EntityState.Modified || entry.State == EntityState.Unchanged && HasOwnedChanges(entry))
            {
                entry.Entity.Version++;
                entry.Property(e => e.Version).IsModified = true;
            }
    }

    private static bool HasOwnedChanges(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) =>
        HasOwnedParts(entry.Metadata)
        && (entry.References.Any(r => r.TargetEntry is { } t && t.Metadata.IsOwned() && t.State != EntityState.Unchanged)
            || entry.ComplexProperties.Any(c => c.IsModified));

    // Most versioned entities own no parts; asking each unchanged entry for its references on every save is not free.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Microsoft.EntityFrameworkCore.Metadata.IEntityType, bool> OwnsParts = new();

    private static bool HasOwnedParts(Microsoft.EntityFrameworkCore.Metadata.IEntityType type) =>
        OwnsParts.GetOrAdd(type, t => t.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || t.GetComplexProperties().Any());
}

/// <summary>The embedded default: a SQLite file under ./data.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        // SQLite cannot compare or order DateTimeOffset or decimal values in SQL; store them as
        // sortable numbers so queries behave as they do on PostgreSQL.
        configuration.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configuration.Properties<DateTimeOffset?>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configuration.Properties<decimal>().HaveConversion<double>();
        configuration.Properties<decimal?>().HaveConversion<double>();
    }
}

/// <summary>Production: PostgreSQL through Npgsql.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
