using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Programs;

public sealed record ProgramFilter(ProgramKind? Kind, ProgramStatus? Status, string? Q);

public static class ProgramsApi
{
    private static readonly SortFields<CredentialProgram> Sortable = new(p => p.Id, "code",
        ("code", p => p.Code), ("name", p => p.Name), ("kind", p => p.Kind), ("status", p => p.Status), ("createdAt", p => p.CreatedAt));

    public static WebApplication MapProgramsApi(this WebApplication app)
    {
        var programs = app.MapGroup("/api/v1/programs").WithTags("Programs");
        var read = programs.MapGroup("").RequireAuthorization(AccessPolicies.ProgramsRead);
        var write = programs.MapGroup("").RequireAuthorization(AccessPolicies.ProgramsWrite);

        read.MapGet("/", ListAsync).WithName("ListPrograms").WithSummary("Lists programs; filter by kind, status or text, sort by code, name, kind, status or createdAt.");
        read.MapGet("/{id:guid}", GetAsync).WithName("GetProgram").WithSummary("Gets one program with its cycle rules and prerequisites.");
        write.MapPost("/", CreateAsync).WithName("CreateProgram").WithSummary("Creates a program in Draft.");
        write.MapPut("/{id:guid}", ReplaceAsync).WithName("ReplaceProgram").WithSummary("Replaces a program's definition. Send the version you read.");
        write.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteProgram").WithSummary("Deletes a Draft program. Published programs are retired instead.");
        write.MapPost("/{id:guid}/publish", PublishAsync).WithName("PublishProgram").WithSummary("Draft → Published: members can apply.");
        read.MapGet("/{id:guid}/learning", ProgramLearningApi.GetAsync).WithName("GetProgramLearning")
            .WithSummary("Gets which LMS activities count for the program: its exam activities, and the courses that earn CE hours.");
        write.MapPut("/{id:guid}/learning", ProgramLearningApi.ReplaceAsync).WithName("ReplaceProgramLearning")
            .WithSummary("Replaces the program's LMS activity map. Send the version you read. LMS statements already received for " +
                "newly mapped activities are applied as they would have been on arrival: CE credits, exam attempts and their events, once.");
        read.MapPost("/criteria/qualifying", QualifyingMembersApi.CountAsync).WithName("CountQualifyingMembers")
            .WithSummary("Counts the members who meet a criteria document now, as it is being edited, by the rules that decide applications.");
        write.MapPut("/{id:guid}/artwork", ProgramArtworkApi.ReplaceAsync).WithName("ReplaceProgramArtwork")
            .WithSummary($"Uploads the program's badge artwork, a PNG or SVG of at most {ImageUploads.MaxBytes / 1024} KB (multipart: file). " +
                "The badge images baked for its credentials use it.")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ImageUploads.MaxBytes + ImageUploads.FormOverheadBytes))
            .TakesBody(("multipart/form-data", EndpointDeclarations.Form(("file", EndpointDeclarations.Binary, true))));
        read.MapGet("/{id:guid}/artwork", ProgramArtworkApi.GetAsync).WithName("GetProgramArtwork")
            .WithSummary("The program's uploaded badge artwork, as uploaded.").SendsFile(ProgramArtwork.Png, ProgramArtwork.Svg);
        write.MapDelete("/{id:guid}/artwork", ProgramArtworkApi.DeleteAsync).WithName("DeleteProgramArtwork")
            .WithSummary("Removes the uploaded artwork; the program's badge goes back to the generated image.");
        write.MapPost("/{id:guid}/retire", RetireAsync).WithName("RetireProgram").WithSummary("Published → Retired: no new awards; existing credentials stay.");
        return app;
    }

    internal static async Task<Results<Ok<Page<ProgramSummary>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, [AsParameters] ProgramFilter filter, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(Sortable) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);

        var query = db.Programs.AsNoTracking();
        if (filter.Kind is { } kind) query = query.Where(p => p.Kind == kind);
        if (filter.Status is { } status) query = query.Where(p => p.Status == status);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim().ToLower();
            query = query.Where(p => p.Code.ToLower().Contains(text) || p.Name.ToLower().Contains(text));
        }
        return TypedResults.Ok(await query.ToPageAsync(list, Sortable,
            p => new ProgramSummary(p.Id, p.Code, p.Name, p.Kind, p.Status, p.ValidityPeriod, p.Version), ct));
    }

    internal static async Task<Results<Ok<ProgramResponse>, ProblemHttpResult>> GetAsync(Guid id, AppDbContext db, CancellationToken ct) =>
        await FindAsync(db, id, ct) is { } program
            ? TypedResults.Ok(ProgramResponse.From(program))
            : Problems.NotFoundResult("program", id);

    internal static async Task<Results<Created<ProgramResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ProgramWrite request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var program = new CredentialProgram { Code = "", Name = "", CreatedAt = clock.GetUtcNow() };
        if (await CheckAsync(db, program.Id, request, isReplace: false, ct) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        if (await db.Programs.AnyAsync(p => p.Code == request.Code, ct)) return Problems.ConflictResult($"A program with code '{request.Code}' already exists.");

        Apply(request, program);
        var mapped = ProgramLearningApi.ChangeMap(program, request.Learning, CategoriesOf(request));
        db.Programs.Add(program);
        if (await ProgramLearningApi.SaveAndReapplyAsync(db, clock, mapped, ct) is null) return ProgramLearningApi.TooManyToReapply();
        return TypedResults.Created($"/api/v1/programs/{program.Id}", ProgramResponse.From(program));
    }

    internal static async Task<Results<Ok<ProgramResponse>, ProblemHttpResult, ValidationProblem>> ReplaceAsync(
        Guid id, ProgramWrite request, AppDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var program = await FindAsync(db, id, ct);
        if (program is null) return Problems.NotFoundResult("program", id);
        if (await CheckAsync(db, id, request, isReplace: true, ct) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        if (await db.Programs.AnyAsync(p => p.Code == request.Code && p.Id != id, ct)) return Problems.ConflictResult($"A program with code '{request.Code}' already exists.");

        db.ExpectVersion(program, request.Version!.Value);
        Apply(request, program);
        var mapped = ProgramLearningApi.ChangeMap(program, request.Learning, CategoriesOf(request));
        if (await ProgramLearningApi.SaveAndReapplyAsync(db, clock, mapped, ct) is null) return ProgramLearningApi.TooManyToReapply();
        return TypedResults.Ok(ProgramResponse.From(program));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        Guid id, AppDbContext db, CancellationToken ct)
    {
        var program = await FindAsync(db, id, ct);
        if (program is null) return Problems.NotFoundResult("program", id);
        if (program.Status != ProgramStatus.Draft)
            return Problems.ConflictResult($"Program '{program.Code}' is {program.Status}; only Draft programs can be deleted. Retire it instead.");
        if (await db.ProgramPrerequisites.AnyAsync(p => p.PrerequisiteProgramId == id, ct))
            return Problems.ConflictResult($"Program '{program.Code}' is a prerequisite of another program; remove it there first.");
        db.Programs.Remove(program);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    internal static Task<Results<Ok<ProgramResponse>, ProblemHttpResult, ValidationProblem>> PublishAsync(
        Guid id, ProgramTransition request, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        TransitionAsync(db, id, request, ProgramStatus.Draft, ProgramStatus.Published, p => p.PublishedAt = clock.GetUtcNow(), ct);

    internal static Task<Results<Ok<ProgramResponse>, ProblemHttpResult, ValidationProblem>> RetireAsync(
        Guid id, ProgramTransition request, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        TransitionAsync(db, id, request, ProgramStatus.Published, ProgramStatus.Retired, p => p.RetiredAt = clock.GetUtcNow(), ct);

    private static async Task<Results<Ok<ProgramResponse>, ProblemHttpResult, ValidationProblem>> TransitionAsync(
        AppDbContext db, Guid id, ProgramTransition request, ProgramStatus from, ProgramStatus to, Action<CredentialProgram> stamp, CancellationToken ct)
    {
        if (request.Version is null) return Problems.ValidationFailed("version", VersionedExtensions.VersionRequired);
        var program = await FindAsync(db, id, ct);
        if (program is null) return Problems.NotFoundResult("program", id);
        if (program.Status != from)
            return TypedResults.Problem(type: Problems.InvalidTransition, title: "Not allowed in this state.", statusCode: StatusCodes.Status409Conflict,
                detail: $"Program '{program.Code}' is {program.Status}; it can become {to} only from {from}.");

        db.ExpectVersion(program, request.Version.Value);
        program.Status = to;
        stamp(program);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ProgramResponse.From(program));
    }

    private static Task<CredentialProgram?> FindAsync(AppDbContext db, Guid id, CancellationToken ct) =>
        db.Programs.Include(p => p.Prerequisites).SingleOrDefaultAsync(p => p.Id == id, ct);

    /// <summary>
    /// Field rules first, then what only the database can tell: prerequisites and criteria references exist and stay
    /// acyclic, and no other program maps the same LMS activities.
    /// </summary>
    private static async Task<Dictionary<string, string[]>> CheckAsync(AppDbContext db, Guid id, ProgramWrite request, bool isReplace, CancellationToken ct)
    {
        var errors = await CheckPrerequisitesAsync(db, id, request, isReplace, ct);
        if (errors.Count == 0) errors = await Eligibility.CriteriaReferences.CheckAsync(db, id, request, ct);
        if (errors.Count == 0 && request.Learning is { } learning)
            errors = await LearningMapRules.CheckAsync(db, id, learning, "learning.", CategoriesOf(request), ct);
        return errors;
    }

    private static string[] CategoriesOf(ProgramWrite request) =>
        (request.Recertification?.Categories ?? []).Select(c => c.Category?.Trim()).OfType<string>().ToArray();

    private static async Task<Dictionary<string, string[]>> CheckPrerequisitesAsync(AppDbContext db, Guid id, ProgramWrite request, bool isReplace, CancellationToken ct)
    {
        var errors = ProgramRules.Validate(request, isReplace);
        if (errors.Count > 0 || request.PrerequisiteProgramIds is not { Length: > 0 } prerequisites) return errors;

        if (prerequisites.Contains(id))
            return new() { ["prerequisiteProgramIds"] = ["A program cannot be its own prerequisite."] };
        var known = await db.Programs.Where(p => prerequisites.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        if (prerequisites.Except(known).ToArray() is { Length: > 0 } missing)
            return new() { ["prerequisiteProgramIds"] = [$"No program with id {string.Join(", ", missing)}."] };

        var edges = (await db.ProgramPrerequisites.Where(e => e.ProgramId != id).ToListAsync(ct))
            .ToLookup(e => e.ProgramId, e => e.PrerequisiteProgramId);
        if (PrerequisiteGraph.FindCycle(id, prerequisites, edges) is { } cycle)
        {
            var codes = await db.Programs.Where(p => cycle.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Code, ct);
            var names = cycle.Select(p => codes.GetValueOrDefault(p, request.Code ?? "this program"));
            return new() { ["prerequisiteProgramIds"] = [$"These prerequisites would form a cycle: {string.Join(" → ", names)}."] };
        }
        return errors;
    }

    private static void Apply(ProgramWrite r, CredentialProgram p)
    {
        p.Code = r.Code!.Trim();
        p.Name = r.Name!.Trim();
        p.Kind = r.Kind;
        p.Description = r.Description?.Trim() ?? "";
        p.CriteriaNarrative = r.CriteriaNarrative?.Trim() ?? "";
        p.BadgeImageUrl = string.IsNullOrWhiteSpace(r.BadgeImageUrl) ? null : r.BadgeImageUrl.Trim();
        p.ValidityPeriod = string.IsNullOrWhiteSpace(r.ValidityPeriod) ? null : IsoDuration.Parse(r.ValidityPeriod).ToString();
        p.ExamRequired = r.ExamRequired ?? false;
        p.EligibilityCriteria = r.EligibilityCriteria is { ValueKind: System.Text.Json.JsonValueKind.Object } criteria ? criteria.GetRawText() : null;
        p.ApplicationForm = r.ApplicationForm is { ValueKind: System.Text.Json.JsonValueKind.Object } form ? form.GetRawText() : null;
        p.IsPathway = r.IsPathway ?? false;
        p.Exam = new ExamRules
        {
            PassingScorePercent = r.Exam?.PassingScorePercent ?? ExamRules.DefaultPassingScorePercent,
            MaxAttempts = r.Exam?.MaxAttempts,
            RetakeWaitDays = r.Exam?.RetakeWaitDays ?? 0,
        };
        p.Recertification = r.Recertification is { } c
            ? new RecertificationRules
            {
                TotalCeHours = c.TotalCeHours,
                GracePeriodDays = c.GracePeriodDays ?? 0,
                Categories = (c.Categories ?? []).Select(x => new CeCategoryRule
                    { Category = x.Category!.Trim(), MinimumHours = x.MinimumHours, MaximumHours = x.MaximumHours }).ToList(),
                ExpiringNoticeDays = [.. (c.ExpiringNoticeDays ?? RecertificationRules.DefaultExpiringNoticeDays).OrderDescending()],
                Reinstatement = c.Reinstatement ?? ReinstatementRule.Reapply,
                ReinstatementWindowDays = c.ReinstatementWindowDays ?? 0,
                AuditSamplePercent = c.AuditSamplePercent ?? 0,
            }
            : null;

        var wanted = (r.PrerequisiteProgramIds ?? []).ToHashSet();
        p.Prerequisites.RemoveAll(x => !wanted.Contains(x.PrerequisiteProgramId));
        foreach (var add in wanted.Except(p.Prerequisites.Select(x => x.PrerequisiteProgramId)))
            p.Prerequisites.Add(new ProgramPrerequisite { ProgramId = p.Id, PrerequisiteProgramId = add });
    }
}
