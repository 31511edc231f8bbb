using System.Security.Claims;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Exams;

public sealed record ExamRegistrationWrite(Guid MemberId, Guid ProgramId, DateTimeOffset ScheduledFor);

public sealed record ExamRegistrationResponse(Guid Id, Guid MemberId, Guid ProgramId, DateTimeOffset ScheduledFor, DateTimeOffset RegisteredAt);

public static class ExamRegistrationsApi
{
    public static WebApplication MapExamRegistrationsApi(this WebApplication app)
    {
        app.MapPost("/api/v1/exam-registrations", RegisterAsync).WithTags("Exams").RequireAuthorization(AccessPolicies.ExamsRegister)
            .WithName("RegisterForExam")
            .WithSummary("Books a member to sit a program's exam and raises ExamRegistered; a Member books only for themself.");
        return app;
    }

    private static async Task<Results<Created<ExamRegistrationResponse>, ValidationProblem, ForbidHttpResult>> RegisterAsync(
        ExamRegistrationWrite request, ClaimsPrincipal user, AppDbContext db, TimeProvider clock, ICurrentActor actor, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!await db.Members.AnyAsync(m => m.Id == request.MemberId, ct)) errors["memberId"] = [$"No member '{request.MemberId}'."];
        var program = await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Id == request.ProgramId, ct);
        if (program is null) errors["programId"] = [$"No program '{request.ProgramId}'."];
        else if (!program.ExamRequired) errors["programId"] = [$"{program.Code} has no exam to register for."];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);
        if (user.OwnMemberOnly() is { } own && own != request.MemberId) return TypedResults.Forbid();

        var now = clock.GetUtcNow();
        var registration = new ExamRegistration
        {
            MemberId = request.MemberId, ProgramId = program!.Id, ScheduledFor = request.ScheduledFor, RegisteredAt = now, RegisteredBy = actor.Name,
        };
        db.ExamRegistrations.Add(registration);
        db.Raise(DomainEventTypes.ExamRegistered, now, registration.MemberId, program.Id,
            new ExamRegisteredData(registration.Id, program.Code, registration.ScheduledFor));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/exam-registrations/{registration.Id}",
            new ExamRegistrationResponse(registration.Id, registration.MemberId, registration.ProgramId, registration.ScheduledFor, registration.RegisteredAt));
    }
}
