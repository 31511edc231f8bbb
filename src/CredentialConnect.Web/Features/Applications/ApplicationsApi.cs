using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Eligibility;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Applications;

/// <summary>
/// Applications from Draft to a decision: members fill in the program's form and attach evidence, submit, and the
/// hub approves at once when the eligibility criteria are met; otherwise reviewers take them from the queue.
/// </summary>
public static class ApplicationsApi
{
    // The multipart envelope around the file: the boundary and the part's headers.
    private const long FormOverheadBytes = 16 * 1024;

    private static readonly SortFields<Application> Sortable = new(a => a.Id, "createdAt",
        ("createdAt", a => a.CreatedAt), ("submittedAt", a => a.SubmittedAt), ("decidedAt", a => a.DecidedAt), ("status", a => a.Status));

    public static WebApplication MapApplicationsApi(this WebApplication app)
    {
        var maxBody = app.Services.GetRequiredService<IOptions<ApplicationOptions>>().Value.MaxEvidenceBytes + FormOverheadBytes;
        var applications = app.MapGroup("/api/v1/applications").WithTags("Applications");
        var write = applications.MapGroup("").RequireAuthorization(AccessPolicies.LifecycleWrite);
        var review = applications.MapGroup("").RequireAuthorization(AccessPolicies.LifecycleReview);

        write.MapGet("/", ListAsync).WithName("ListApplications")
            .WithSummary("The reviewer queue; a Member sees only their own. Filter by status, programId, memberId, assignee (me, unassigned or an id); sort by createdAt, submittedAt, decidedAt or status.");
        write.MapGet("/{id:guid}", GetAsync).WithName("GetApplication").WithSummary("One application: answers, eligibility decision, evidence and full history.");
        write.MapPost("/", CreateAsync).WithName("StartApplication")
            .WithSummary("Starts a Draft for a published program. A Member applies for themself; staff name the member.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        write.MapPut("/{id:guid}", ReplaceAnswersAsync).WithName("ReplaceApplicationAnswers").WithSummary("Replaces a Draft's answers. Send the version you read.");
        write.MapPost("/{id:guid}/submit", SubmitAsync).WithName("SubmitApplication")
            .WithSummary("Draft → Submitted; the hub then approves at once when every eligibility criterion is met, otherwise the application goes to review.");
        write.MapPost("/{id:guid}/withdraw", WithdrawAsync).WithName("WithdrawApplication").WithSummary("Withdraws an application that is not yet decided.");
        write.MapPost("/{id:guid}/evidence", UploadEvidenceAsync).WithName("UploadEvidence")
            .WithSummary("Attaches one evidence file (PDF, PNG or JPEG; multipart field 'file') to a Draft.")
            .TakesBody(("multipart/form-data", EndpointDeclarations.Form(("file", EndpointDeclarations.Binary, true))))
            .WithMetadata(new RequestSizeLimitAttribute(maxBody));
        write.MapGet("/{id:guid}/evidence", ListEvidenceAsync).WithName("ListEvidence").WithSummary("Lists an application's evidence files.");
        write.MapGet("/{id:guid}/evidence/{evidenceId:guid}", DownloadEvidenceAsync).WithName("DownloadEvidence").WithSummary("Downloads one evidence file.")
            .SendsFile("application/pdf", "image/png", "image/jpeg");
        write.MapDelete("/{id:guid}/evidence/{evidenceId:guid}", DeleteEvidenceAsync).WithName("DeleteEvidence").WithSummary("Removes an evidence file from a Draft.");
        review.MapPost("/{id:guid}/assign", AssignAsync).WithName("AssignApplication").WithSummary("Assigns an application under review to a reviewer ('me' or their account id).");
        review.MapPost("/{id:guid}/approve", ApproveAsync).WithName("ApproveApplication").WithSummary("InReview → Approved. Send the version you read.");
        review.MapPost("/{id:guid}/reject", RejectAsync).WithName("RejectApplication").WithSummary("InReview → Rejected, with the reason. Send the version you read.");
        return app;
    }

    internal static async Task<Results<Ok<Page<ApplicationSummary>>, ValidationProblem>> ListAsync(
        [AsParameters] ListQuery list, [AsParameters] ApplicationFilter filter, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        if (list.Validate(Sortable) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        var statuses = new List<ApplicationStatus>();
        foreach (var named in (filter.Status ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (status, statusProblem) = PagingExtensions.ReadStatusFilter<ApplicationStatus>(named);
            if (statusProblem is not null) return statusProblem;
            statuses.Add(status!.Value);
        }

        var query = db.Applications.AsNoTracking();
        if (user.OwnMemberOnly() is { } own) query = query.Where(a => a.MemberId == own);
        if (statuses.Count > 0) query = query.Where(a => statuses.Contains(a.Status));
        if (filter.ProgramId is { } program) query = query.Where(a => a.ProgramId == program);
        if (filter.MemberId is { } member) query = query.Where(a => a.MemberId == member);
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var text = filter.Q.Trim().ToLower();
            var members = db.Members.Where(MembersApi.Matching(text)).Select(m => m.Id);
            query = query.Where(a => members.Contains(a.MemberId) || db.Programs.Any(p => p.Id == a.ProgramId && p.Code.ToLower() == text));
        }
        switch (filter.Assignee?.Trim())
        {
            case null or "":
                break;
            case "unassigned":
                query = query.Where(a => a.ReviewerId == null);
                break;
            case var assignee:
                var reviewer = assignee == "me" ? AccountId(user) : assignee;
                query = query.Where(a => a.ReviewerId == reviewer);
                break;
        }
        return TypedResults.Ok(await query.ToPageAsync(list, Sortable,
            a => new ApplicationSummary(a.Id, a.MemberId, a.ProgramId, a.Status, a.ReviewerId, a.CreatedAt, a.SubmittedAt, a.DecidedAt, a.Version,
                db.Members.Where(m => m.Id == a.MemberId).Select(m => m.FirstName + " " + m.LastName).FirstOrDefault() ?? "",
                db.Programs.Where(p => p.Id == a.ProgramId).Select(p => p.Code).FirstOrDefault() ?? "",
                db.Users.Where(u => u.Id == a.ReviewerId).Select(u => u.DisplayName).FirstOrDefault()), ct));
    }

    internal static async Task<Results<Ok<ApplicationResponse>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken ct) =>
        await FindVisibleAsync(db, user, id, ct) is { } application
            ? TypedResults.Ok(await RespondAsync(db, application, ct))
            : Problems.NotFoundResult("application", id);

    internal static async Task<Results<Created<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        ApplicationWrite request, ClaimsPrincipal user, AppDbContext db, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var own = user.OwnMemberOnly();
        if (own is null && request.MemberId is null) return Problems.ValidationFailed("memberId", "Name the member the application is for.");
        // A Member naming someone else gets the same answer as for a member that does not exist.
        if (own is { } self && request.MemberId is { } named && named != self) return Problems.NotFoundResult("member", named);
        var memberId = own ?? request.MemberId!.Value;
        if (!await db.Members.AnyAsync(m => m.Id == memberId, ct))
            return own is null ? Problems.ValidationFailed("memberId", $"No member with id {memberId}.") : Problems.NotFoundResult("member record for", actor.Name);

        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.ProgramId, ct);
        if (program is null) return Problems.ValidationFailed("programId", $"No program with id {request.ProgramId}.");
        if (NotAccepting(program) is { } closed) return closed;
        var answers = request.Answers ?? EmptyAnswers;
        if (ApplicationForms.CheckAnswers(program.ApplicationForm, answers, complete: false) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        if (await HasOpenApplicationAsync(db, memberId, program.Id, ct)) return AlreadyOpen(program);

        var application = Application.Start(memberId, program.Id, answers.GetRawText(), actor.Name, clock.GetUtcNow());
        db.Applications.Add(application);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (db.Entry(application).State == EntityState.Added)
        {
            // Two starts raced; the database's one-open-application index let only the other one in.
            if (!await HasOpenApplicationAsync(db, memberId, program.Id, ct)) throw;
            return AlreadyOpen(program);
        }
        return TypedResults.Created($"/api/v1/applications/{application.Id}", await RespondAsync(db, application, ct));
    }

    internal static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> ReplaceAnswersAsync(
        Guid id, AnswersWrite request, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var application = await FindVisibleAsync(db, user, id, ct);
        if (application is null) return Problems.NotFoundResult("application", id);
        if (request.Version is null) return Problems.ValidationFailed("version", VersionedExtensions.VersionRequired);
        if (application.Status != ApplicationStatus.Draft)
            return InvalidTransition($"The application is {application.Status}; answers can be changed only while it is a Draft.");
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == application.ProgramId, ct);
        var answers = request.Answers ?? EmptyAnswers;
        if (ApplicationForms.CheckAnswers(program.ApplicationForm, answers, complete: false) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);

        db.ExpectVersion(application, request.Version.Value);
        application.Answers = answers.GetRawText();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await RespondAsync(db, application, ct));
    }

    internal static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        Guid id, ApplicationStep? request, ClaimsPrincipal user, AppDbContext db, ICurrentActor actor, TimeProvider clock,
        IServiceProvider services, CancellationToken ct)
    {
        var application = await FindVisibleAsync(db, user, id, ct);
        if (application is null) return Problems.NotFoundResult("application", id);
        if (application.WhyNot(ApplicationStatus.Submitted) is { } why) return InvalidTransition(why);
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == application.ProgramId, ct);
        if (NotAccepting(program) is { } closed) return closed;
        using var answers = JsonDocument.Parse(application.Answers);
        if (ApplicationForms.CheckAnswers(program.ApplicationForm, answers.RootElement, complete: true) is { Count: > 0 } errors)
            return Problems.ValidationFailed(errors);

        if (request?.Version is { } version) db.ExpectVersion(application, version);
        var now = clock.GetUtcNow();
        application.MoveTo(ApplicationStatus.Submitted, actor.Name, Blank(request?.Reason) ?? "Submitted.", now);
        // Raised before the verdict's own events, but carrying the verdict, so a flow on submission knows whether the hub approved.
        var submitted = db.Raise(DomainEventTypes.ApplicationSubmitted, now, application.MemberId, program.Id, new ApplicationEventData(application.Id, program.Code, null, null));

        // Submission and its first verdict commit together: an application never waits in Submitted for a decision that was lost.
        var evaluator = services.GetService<IEligibilityEvaluator>();
        decimal? percentReady = null;
        if (program.EligibilityCriteria is null)
            application.MoveTo(ApplicationStatus.InReview, "system", "The program has no eligibility criteria; a reviewer decides.", now);
        else if (evaluator is null)
            application.MoveTo(ApplicationStatus.InReview, "system", "Eligibility could not be checked automatically; a reviewer decides.", now);
        else
        {
            var decision = await evaluator.EvaluateAsync(application.MemberId, program.Id, answers.RootElement, ct);
            application.Eligibility = JsonSerializer.Serialize(decision, JsonSerializerOptions.Web);
            percentReady = decision.PercentReady;
            if (decision.Eligible)
            {
                const string reason = "Meets every eligibility criterion.";
                application.MoveTo(ApplicationStatus.Approved, Application.AutoApprover, reason, now);
                Raise(db, DomainEventTypes.ApplicationApproved, application, program, now, Application.AutoApprover, reason);
            }
            else
                application.MoveTo(ApplicationStatus.InReview, "system",
                    $"Not every eligibility criterion is met ({decision.PercentReady:0.#}% ready); a reviewer decides.", now);
        }
        submitted.Data = JsonSerializer.Serialize(new ApplicationSubmittedData(application.Id, program.Code, application.Status.ToString(),
            application.Status == ApplicationStatus.Approved, application.Eligibility is null ? null : application.Status == ApplicationStatus.Approved,
            percentReady), JsonSerializerOptions.Web);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await RespondAsync(db, application, ct));
    }

    internal static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> WithdrawAsync(
        Guid id, ApplicationStep? request, ClaimsPrincipal user, AppDbContext db, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var application = await FindVisibleAsync(db, user, id, ct);
        if (application is null) return Problems.NotFoundResult("application", id);
        return await StepAsync(db, application, request?.Version, ApplicationStatus.Withdrawn, DomainEventTypes.ApplicationWithdrawn,
            actor.Name, Blank(request?.Reason) ?? "Withdrawn by the applicant.", clock.GetUtcNow(), ct);
    }

    internal static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> ApproveAsync(
        Guid id, ApplicationStep request, AppDbContext db, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        if (request.Version is null) return Problems.ValidationFailed("version", VersionedExtensions.VersionRequired);
        var application = await db.Applications.Include(a => a.History).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (application is null) return Problems.NotFoundResult("application", id);
        if (NotInReview(application, ApplicationStatus.Approved) is { } notYet) return notYet;
        return await StepAsync(db, application, request.Version, ApplicationStatus.Approved, DomainEventTypes.ApplicationApproved,
            actor.Name, Blank(request.Reason) ?? "Meets the program's requirements.", clock.GetUtcNow(), ct);
    }

    internal static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> RejectAsync(
        Guid id, ApplicationStep request, AppDbContext db, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (Blank(request.Reason) is null) errors["reason"] = ["Say why the application is rejected; the member is told."];
        else if (request.Reason!.Length > 2000) errors["reason"] = ["The reason must be at most 2,000 characters."];
        if (request.Version is null) errors["version"] = [VersionedExtensions.VersionRequired];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);
        var application = await db.Applications.Include(a => a.History).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (application is null) return Problems.NotFoundResult("application", id);
        if (NotInReview(application, ApplicationStatus.Rejected) is { } notYet) return notYet;
        return await StepAsync(db, application, request.Version, ApplicationStatus.Rejected, DomainEventTypes.ApplicationRejected,
            actor.Name, request.Reason!.Trim(), clock.GetUtcNow(), ct);
    }

    internal static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> AssignAsync(
        Guid id, AssignmentWrite request, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var reviewerId = request.ReviewerId?.Trim() == "me" ? AccountId(user) : request.ReviewerId?.Trim();
        if (string.IsNullOrEmpty(reviewerId)) return Problems.ValidationFailed("reviewerId", "Name the reviewer: 'me' or their account id.");
        var isReviewer = await db.UserRoles.AnyAsync(ur => ur.UserId == reviewerId
            && db.Roles.Any(r => r.Id == ur.RoleId && (r.Name == HubRoles.Reviewer || r.Name == HubRoles.Admin)), ct);
        if (!isReviewer) return Problems.ValidationFailed("reviewerId", $"'{reviewerId}' is not the account of a reviewer or admin.");
        var application = await db.Applications.Include(a => a.History).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (application is null) return Problems.NotFoundResult("application", id);
        if (application.Status is not (ApplicationStatus.Submitted or ApplicationStatus.InReview))
            return InvalidTransition($"The application is {application.Status}; only applications awaiting review are assigned.");

        if (request.Version is { } version) db.ExpectVersion(application, version);
        application.ReviewerId = reviewerId;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await RespondAsync(db, application, ct));
    }

    internal static async Task<Results<Created<EvidenceResponse>, ValidationProblem, ProblemHttpResult>> UploadEvidenceAsync(
        Guid id, HttpRequest request, ClaimsPrincipal user, AppDbContext db, ICurrentActor actor, TimeProvider clock,
        IOptions<ApplicationOptions> options, CancellationToken ct)
    {
        var application = await FindVisibleAsync(db, user, id, ct);
        if (application is null) return Problems.NotFoundResult("application", id);
        if (application.Status != ApplicationStatus.Draft)
            return InvalidTransition($"The application is {application.Status}; evidence can be added only while it is a Draft.");

        var limit = options.Value.MaxEvidenceBytes;
        if (request.ContentLength > limit + FormOverheadBytes) return TooLarge(limit);
        if (!request.HasFormContentType) return Unsupported("Send the evidence as multipart/form-data with the file in the field 'file'.");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = limit + FormOverheadBytes }, ct);
        }
        catch (InvalidDataException)
        {
            return TooLarge(limit);
        }

        if (form.Files.Count != 1 || form.Files.GetFile("file") is not { } file)
            return Problems.ValidationFailed("file", "Attach exactly one file, as the form field 'file'.");
        if (file.Length > limit) return TooLarge(limit);
        if (file.Length == 0) return Problems.ValidationFailed("file", "The file is empty.");
        var fileName = Path.GetFileName(file.FileName);
        if (string.IsNullOrWhiteSpace(fileName)) return Problems.ValidationFailed("file", "The file has no name.");

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
        var (kind, problem) = EvidenceFiles.Recognise(content, fileName, file.ContentType);
        if (kind is null) return Unsupported(problem!);

        var evidence = new ApplicationEvidence
        {
            ApplicationId = application.Id, FileName = fileName.Length <= 255 ? fileName : fileName[^255..], ContentType = kind.ContentType,
            SizeBytes = content.LongLength, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), UploadedBy = actor.Name,
            UploadedAt = clock.GetUtcNow(),
        };
        db.ApplicationEvidence.Add(evidence);
        db.ApplicationEvidenceFiles.Add(new ApplicationEvidenceFile { EvidenceId = evidence.Id, Content = content });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/applications/{id}/evidence/{evidence.Id}", EvidenceResponse.From(evidence));
    }

    internal static async Task<Results<Ok<EvidenceResponse[]>, ProblemHttpResult>> ListEvidenceAsync(
        Guid id, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        if (await FindVisibleAsync(db, user, id, ct) is null) return Problems.NotFoundResult("application", id);
        var evidence = await db.ApplicationEvidence.AsNoTracking().Where(e => e.ApplicationId == id)
            .OrderBy(e => e.UploadedAt).ThenBy(e => e.Id).ToListAsync(ct);
        return TypedResults.Ok(evidence.Select(EvidenceResponse.From).ToArray());
    }

    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadEvidenceAsync(
        Guid id, Guid evidenceId, ClaimsPrincipal user, AppDbContext db, HttpResponse response, CancellationToken ct)
    {
        if (await FindVisibleAsync(db, user, id, ct) is null) return Problems.NotFoundResult("application", id);
        var evidence = await db.ApplicationEvidence.AsNoTracking().SingleOrDefaultAsync(e => e.Id == evidenceId && e.ApplicationId == id, ct);
        if (evidence is null) return Problems.NotFoundResult("evidence", evidenceId);
        var file = await db.ApplicationEvidenceFiles.AsNoTracking().SingleAsync(f => f.EvidenceId == evidenceId, ct);

        // Uploaded files are served as downloads the browser neither guesses at nor renders in the hub's origin.
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(file.Content, evidence.ContentType, evidence.FileName);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeleteEvidenceAsync(
        Guid id, Guid evidenceId, ClaimsPrincipal user, AppDbContext db, CancellationToken ct)
    {
        var application = await FindVisibleAsync(db, user, id, ct);
        if (application is null) return Problems.NotFoundResult("application", id);
        var evidence = await db.ApplicationEvidence.SingleOrDefaultAsync(e => e.Id == evidenceId && e.ApplicationId == id, ct);
        if (evidence is null) return Problems.NotFoundResult("evidence", evidenceId);
        if (application.Status != ApplicationStatus.Draft)
            return InvalidTransition($"The application is {application.Status}; evidence can be removed only while it is a Draft.");

        db.ApplicationEvidence.Remove(evidence);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// One lifecycle step after loading: the move must be allowed from the current status, and the version read must
    /// still be current, so of two reviewers deciding at once exactly one wins and the other gets 409.
    /// </summary>
    private static async Task<Results<Ok<ApplicationResponse>, ValidationProblem, ProblemHttpResult>> StepAsync(
        AppDbContext db, Application application, int? version, ApplicationStatus to, string eventType, string actor, string reason,
        DateTimeOffset now, CancellationToken ct)
    {
        if (application.WhyNot(to) is { } why) return InvalidTransition(why);
        var program = await db.Programs.AsNoTracking().SingleAsync(p => p.Id == application.ProgramId, ct);

        if (version is { } expected) db.ExpectVersion(application, expected);
        application.MoveTo(to, actor, reason, now);
        Raise(db, eventType, application, program, now, actor, reason);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await RespondAsync(db, application, ct));
    }

    private static readonly JsonElement EmptyAnswers = JsonDocument.Parse("{}").RootElement.Clone();

    // A Member asking for someone else's application gets the same 404 as for a missing one: ids are not confirmed to exist.
    private static Task<Application?> FindVisibleAsync(AppDbContext db, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var query = db.Applications.Include(a => a.History).Where(a => a.Id == id);
        if (user.OwnMemberOnly() is { } own) query = query.Where(a => a.MemberId == own);
        return query.SingleOrDefaultAsync(ct);
    }

    private static async Task<ApplicationResponse> RespondAsync(AppDbContext db, Application application, CancellationToken ct) =>
        ApplicationResponse.From(application, await db.ApplicationEvidence.AsNoTracking().Where(e => e.ApplicationId == application.Id).ToListAsync(ct),
            application.ReviewerId is null ? null : await db.Users.Where(u => u.Id == application.ReviewerId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct));

    private static Task<bool> HasOpenApplicationAsync(AppDbContext db, Guid memberId, Guid programId, CancellationToken ct) =>
        db.Applications.AnyAsync(a => a.MemberId == memberId && a.ProgramId == programId && Application.OpenStatuses.Contains(a.Status), ct);

    private static void Raise(AppDbContext db, string type, Application application, CredentialProgram program, DateTimeOffset at, string? decidedBy, string? reason) =>
        db.Raise(type, at, application.MemberId, program.Id, new ApplicationEventData(application.Id, program.Code, decidedBy, reason));

    private static ProblemHttpResult? NotAccepting(CredentialProgram program) => program.Status == ProgramStatus.Published
        ? null
        : InvalidTransition($"Program '{program.Code}' is {program.Status}; only published programs accept applications.");

    // Only the hub decides at submission; reviewers decide what is in review.
    private static ProblemHttpResult? NotInReview(Application application, ApplicationStatus to) => application.Status switch
    {
        ApplicationStatus.InReview => null,
        ApplicationStatus.Draft or ApplicationStatus.Submitted => InvalidTransition(
            $"The application is {application.Status}; reviewers decide applications only once they are InReview."),
        _ => InvalidTransition(application.WhyNot(to) ?? $"The application is {application.Status}."),
    };

    private static ProblemHttpResult AlreadyOpen(CredentialProgram program) =>
        Problems.ConflictResult($"The member already has an open application to '{program.Code}'; continue or withdraw that one.");

    private static string? AccountId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(type: Problems.PayloadTooLarge, title: "The file is too large.",
        statusCode: StatusCodes.Status413PayloadTooLarge,
        detail: $"Evidence files may be at most {limit / (1024.0 * 1024.0):0.##} MB. Scan at a lower resolution or split the document.");

    private static ProblemHttpResult Unsupported(string detail) => TypedResults.Problem(type: Problems.UnsupportedMediaType,
        title: "The file is not evidence the hub accepts.", statusCode: StatusCodes.Status415UnsupportedMediaType, detail: detail);

    private static ProblemHttpResult InvalidTransition(string detail) => TypedResults.Problem(type: Problems.InvalidTransition,
        title: "Not allowed in this state.", statusCode: StatusCodes.Status409Conflict, detail: detail);
}
