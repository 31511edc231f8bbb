using System.Text.Json.Nodes;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Association;
using CredentialConnect.Web.Features.Badges;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// What a flow's templates and scripts see besides the event: the member, the program, the credential the event is
/// about and the association, read once when the trigger arrives (<see cref="WorkflowTrigger.Context"/>).
/// </summary>
public sealed class WorkflowContext(IOptionsMonitor<AssociationOptions> association, BadgeIssuer issuer)
{
    public async Task<WorkflowTrigger> AddToAsync(WorkflowTrigger trigger, AppDbContext db, CancellationToken cancellationToken)
    {
        var context = new JsonObject { ["association"] = Association(association.CurrentValue) };
        if (trigger.MemberId is { } memberId
            && await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => new { m.Id, m.FirstName, m.LastName, m.Email })
                .SingleOrDefaultAsync(cancellationToken) is { } member)
            context["member"] = new JsonObject
            {
                ["id"] = member.Id.ToString(), ["firstName"] = member.FirstName, ["lastName"] = member.LastName,
                ["name"] = $"{member.FirstName} {member.LastName}", ["email"] = member.Email,
            };
        if (trigger.Program is { } code && await db.Programs.AsNoTracking().SingleOrDefaultAsync(p => p.Code == code, cancellationToken) is { } program)
            context["program"] = Program(program);
        if (Guid.TryParse(EffectPayload.Text(trigger.Data, "credentialId"), out var credentialId)
            && await db.Credentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == credentialId, cancellationToken) is { } credential)
            context["credential"] = new JsonObject
            {
                ["id"] = credential.Id.ToString(), ["number"] = credential.Number, ["status"] = credential.Status.ToString(),
                ["awardedAt"] = credential.IssuedAt, ["expiresAt"] = credential.ExpiresAt,
                ["verifyUrl"] = $"{issuer.BaseUrl}{PublicDirectory.DirectorySearch.VerifyUrl(credential.Number)}",
            };
        return trigger with { Context = context };
    }

    public static JsonObject Association(AssociationOptions options) => new()
    {
        ["name"] = options.Name, ["timeZone"] = options.TimeZone, ["locale"] = options.Locale, ["email"] = options.Email, ["website"] = options.Website,
    };

    public static JsonObject Program(CredentialProgram program) => new()
    {
        ["code"] = program.Code, ["name"] = program.Name, ["kind"] = program.Kind.ToString(), ["examRequired"] = program.ExamRequired,
        ["passMarkPercent"] = program.Exam.PassingScorePercent, ["maxAttempts"] = program.Exam.MaxAttempts, ["retakeWaitDays"] = program.Exam.RetakeWaitDays,
        ["noticeDays"] = new JsonArray([.. (program.Recertification?.ExpiringNoticeDays ?? [.. RecertificationRules.DefaultExpiringNoticeDays]).Select(d => (JsonNode)d)]),
        ["gracePeriodDays"] = program.Recertification?.GracePeriodDays ?? 0,
        ["reinstatementWindowDays"] = program.Recertification?.ReinstatementWindowDays ?? 0,
    };
}
