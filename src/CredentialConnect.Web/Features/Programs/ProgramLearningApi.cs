using System.Text.Json;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Programs;

/// <summary>A program's LMS activity map, read and replaced on its own; mapped from <see cref="ProgramsApi"/>.</summary>
public static class ProgramLearningApi
{
    internal static async Task<Results<Ok<ProgramLearningResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } program
            ? TypedResults.Ok(ProgramLearningResponse.From(program))
            : Problems.NotFoundResult("program", id);

    internal static async Task<Results<Ok<ProgramLearningResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAsync(
        Guid id, JsonElement body, HttpContext http, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (request, unreadable) = JsonBody.Read<LearningMapWrite>(body, http);
        if (unreadable is not null) return unreadable;
        if (request!.Version is not { } version) return Problems.ValidationFailed("version", VersionedExtensions.VersionRequired);
        var program = await db.Programs.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (program is null) return Problems.NotFoundResult("program", id);
        var categories = program.Recertification?.Categories.Select(c => c.Category).ToArray() ?? [];
        if (await LearningMapRules.CheckAsync(db, id, request, "", categories, ct) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);

        db.ExpectVersion(program, version);
        var mapped = ChangeMap(program, request, categories);
        if (await SaveAndReapplyAsync(db, clock, mapped, ct) is not { } applied) return TooManyToReapply();
        return TypedResults.Ok(ProgramLearningResponse.From(program, applied));
    }

    /// <summary>
    /// Puts the requested map on the program when it differs, and says which activities it newly maps. The same map
    /// again changes nothing, not even the version.
    /// </summary>
    internal static IReadOnlyCollection<string> ChangeMap(CredentialProgram program, LearningMapWrite? request, IReadOnlyCollection<string> categories)
    {
        if (request is null) return [];
        var map = LearningMapRules.ToMap(request, categories);
        if (map.SameAs(program.Learning)) return [];
        var before = program.Learning.ActivityIds().ToHashSet(StringComparer.Ordinal);
        program.Learning = map;
        return map.ActivityIds().Where(a => !before.Contains(a)).ToArray();
    }

    /// <summary>
    /// Saves the program and applies the LMS statements already received for its newly mapped activities, in one
    /// transaction. It runs in the request rather than as background work so the map and what it earned commit
    /// together: there is no moment where the map is saved and its credits are missing, and no queued job to lose.
    /// The work is bounded by <see cref="LearningSync.MaxReapplied"/>, found by the inbox's activity index.
    /// </summary>
    /// <returns>How many statements were applied; null (nothing saved) when there were too many.</returns>
    internal static async Task<int?> SaveAndReapplyAsync(AppDbContext db, TimeProvider clock, IReadOnlyCollection<string> newlyMapped, CancellationToken ct)
    {
        if (newlyMapped.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return 0;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        if (await new LearningSync(db, clock).ReapplyAsync(newlyMapped, ct) is not { } applied)
        {
            await transaction.RollbackAsync(ct);
            return null;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return applied;
    }

    internal static ProblemHttpResult TooManyToReapply() => Problems.ConflictResult(
        $"More than {LearningSync.MaxReapplied} LMS statements already received are waiting for these activities; map a few activities at a time.");
}
