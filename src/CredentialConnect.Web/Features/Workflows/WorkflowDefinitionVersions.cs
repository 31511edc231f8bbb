using CredentialConnect.Web.Data;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// How a definition's versions come and go: drafts are added and edited; publishing freezes one, makes it the
/// version that starts new instances and indexes its triggers. Callers save the unit of work.
/// </summary>
public static class WorkflowDefinitionVersions
{
    public static Task<StoredWorkflowDefinition?> LatestAsync(AppDbContext db, string definitionId, CancellationToken ct) =>
        db.WorkflowDefinitions.Where(d => d.DefinitionId == definitionId).OrderByDescending(d => d.DefinitionVersion).FirstOrDefaultAsync(ct);

    public static Task<StoredWorkflowDefinition?> FindAsync(AppDbContext db, string definitionId, int? version, CancellationToken ct) =>
        version is { } v
            ? db.WorkflowDefinitions.SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.DefinitionVersion == v, ct)
            : LatestAsync(db, definitionId, ct);

    /// <summary>A new unpublished version <paramref name="version"/> holding <paramref name="definition"/>.</summary>
    public static StoredWorkflowDefinition AddDraft(AppDbContext db, WorkflowDefinition definition, int version, string actor, DateTimeOffset now)
    {
        var draft = definition with { Version = version, IsPublished = false };
        var stored = new StoredWorkflowDefinition
        {
            DefinitionId = draft.DefinitionId,
            DefinitionVersion = version,
            Name = draft.Name,
            Program = draft.Program,
            Json = WorkflowDefinitionJson.Write(draft),
            CreatedAt = now,
            CreatedBy = actor,
            UpdatedAt = now,
        };
        db.WorkflowDefinitions.Add(stored);
        return stored;
    }

    /// <summary>The next version after <paramref name="latest"/>, or version 1 of a new definition.</summary>
    public static StoredWorkflowDefinition AddNextDraft(AppDbContext db, StoredWorkflowDefinition? latest, WorkflowDefinition definition, string actor, DateTimeOffset now) =>
        AddDraft(db, definition, (latest?.DefinitionVersion ?? 0) + 1, actor, now);

    public static void ReplaceDraft(StoredWorkflowDefinition draft, WorkflowDefinition definition, DateTimeOffset now)
    {
        if (draft.IsPublished) throw new InvalidOperationException($"Version {draft.DefinitionVersion} of '{draft.DefinitionId}' is published and cannot change.");
        draft.Name = definition.Name;
        draft.Program = definition.Program;
        draft.Json = WorkflowDefinitionJson.Write(definition with { Version = draft.DefinitionVersion, IsPublished = false });
        draft.UpdatedAt = now;
    }

    /// <summary>
    /// Freezes <paramref name="version"/> and makes it the one that starts new instances. The trigger index then
    /// holds only its triggers: an older version keeps its running instances but starts no new ones.
    /// </summary>
    public static async Task PublishAsync(AppDbContext db, StoredWorkflowDefinition version, DateTimeOffset now, CancellationToken ct)
    {
        var superseded = await db.WorkflowDefinitions
            .Where(d => d.DefinitionId == version.DefinitionId && d.IsLatestPublished && d.Id != version.Id)
            .ToListAsync(ct);
        var supersededIds = superseded.Select(d => d.Id).ToList();
        db.WorkflowTriggers.RemoveRange(await db.WorkflowTriggers.Where(t => supersededIds.Contains(t.DefinitionVersionId)).ToListAsync(ct));
        foreach (var old in superseded) old.IsLatestPublished = false;
        // A disabled flow stays disabled when another version is published; enabling it is a separate decision.
        if (superseded.Any(d => d.IsDisabled)) version.IsDisabled = true;

        var published = version.Read() with { Version = version.DefinitionVersion, IsPublished = true };
        version.Json = WorkflowDefinitionJson.Write(published);
        version.IsPublished = true;
        version.IsLatestPublished = true;
        version.PublishedAt = now;
        version.UpdatedAt = now;
        // A republished version may still carry its old index entries.
        db.WorkflowTriggers.RemoveRange(await db.WorkflowTriggers.Where(t => t.DefinitionVersionId == version.Id).ToListAsync(ct));
        foreach (var type in TriggerIndex.TriggerTypes(published))
            db.WorkflowTriggers.Add(new WorkflowTriggerEntry { DefinitionVersionId = version.Id, TriggerType = type, Program = published.Program });
    }
}
