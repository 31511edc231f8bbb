using System.Reflection;
using System.Text.Json;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Readiness;
using CredentialConnect.Web.Features.Recertification;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>One field of an event's data, as a flow reads it: <c>input.attemptNumber</c>.</summary>
/// <param name="Type">String, Number, Boolean, DateTime or Id; an enum is a String with <paramref name="Options"/>.</param>
public sealed record WorkflowEventField(string Name, string Type, bool Nullable, IReadOnlyList<string>? Options = null);

/// <summary>An event a flow can start on, wait for or cancel on, and the data its input carries.</summary>
/// <param name="HasProgram">The event is about a program: the flow's program filter applies, and <c>programCode</c> is in its data.</param>
public sealed record WorkflowEventDescriptor(string Type, string Description, bool HasProgram, IReadOnlyList<WorkflowEventField> Fields);

/// <summary>Details of MemberLapsed when the AMS removed the member.</summary>
public sealed record MemberLapsedData(string? Reason);

/// <summary>Details of CeAuditSelected.</summary>
public sealed record CeAuditSelectedData(Guid AuditId, Guid SelectionId, Guid CredentialId, int Cycle, string Reason);

/// <summary>Details of CeAuditCompleted.</summary>
public sealed record CeAuditCompletedData(Guid AuditId, Guid SelectionId, Guid CredentialId, int Cycle, string Outcome, string Explanation);

/// <summary>
/// The catalogue of domain events, generated from <see cref="DomainEventTypes"/> and the data record each is raised
/// with, so the designer's event pickers and validation's "did you mean" read the same list the hub raises.
/// </summary>
public static class WorkflowEventCatalog
{
    private static readonly Dictionary<string, (string Description, bool HasProgram, Type? Data)> Entries = new(StringComparer.Ordinal)
    {
        [DomainEventTypes.MemberJoined] = ("A member appeared in the AMS.", false, null),
        [DomainEventTypes.MemberLapsed] = ("A member's membership lapsed or the AMS removed them.", false, typeof(MemberLapsedData)),
        [DomainEventTypes.CourseCompleted] = ("A member completed a course that earns CE hours.", false, typeof(CourseEventData)),
        [DomainEventTypes.ExamPassed] = ("A member passed the program's exam.", true, typeof(ExamEventData)),
        [DomainEventTypes.ExamFailed] = ("A member failed the program's exam.", true, typeof(ExamEventData)),
        [DomainEventTypes.ExamRegistered] = ("A member registered for a sitting of the program's exam.", true, typeof(ExamRegisteredData)),
        [DomainEventTypes.ApplicationSubmitted] = ("A member submitted an application to the program.", true, typeof(ApplicationEventData)),
        [DomainEventTypes.ApplicationApproved] = ("An application was approved, by a reviewer or automatically.", true, typeof(ApplicationEventData)),
        [DomainEventTypes.ApplicationRejected] = ("An application was rejected.", true, typeof(ApplicationEventData)),
        [DomainEventTypes.ApplicationWithdrawn] = ("The applicant withdrew an application.", true, typeof(ApplicationEventData)),
        [DomainEventTypes.CredentialAwarded] = ("A member was awarded the program's credential.", true, typeof(CredentialAwardedData)),
        [DomainEventTypes.CredentialExpiring] = ("A credential is a number of days (daysBefore) from its expiry: one of the program's notice days.", true, typeof(CredentialCycleEventData)),
        [DomainEventTypes.CredentialRenewed] = ("A credential was renewed for a new cycle.", true, typeof(CredentialCycleEventData)),
        [DomainEventTypes.CredentialLapsed] = ("A credential lapsed: its cycle and grace period ended without renewal.", true, typeof(CredentialCycleEventData)),
        [DomainEventTypes.CredentialSuspended] = ("Staff suspended a credential.", true, typeof(CredentialStatusEventData)),
        [DomainEventTypes.CredentialRevoked] = ("Staff revoked a credential.", true, typeof(CredentialStatusEventData)),
        [DomainEventTypes.CredentialReinstated] = ("Staff reinstated a credential.", true, typeof(CredentialStatusEventData)),
        [DomainEventTypes.CeAuditSelected] = ("A certificant's cycle was picked for a CE audit.", true, typeof(CeAuditSelectedData)),
        [DomainEventTypes.CeAuditCompleted] = ("A CE audit of a certificant's cycle was decided.", true, typeof(CeAuditCompletedData)),
        [DomainEventTypes.GoalProgressed] = ("A member's readiness for a program they aim for changed.", true, typeof(GoalProgressedData)),
        [DomainEventTypes.CourseCompletionVoided] = ("The learning system voided a course completion, and its CE credit was removed.", false, typeof(CourseCompletionVoidedData)),
        [DomainEventTypes.ExamAttemptVoided] = ("The learning system voided an exam attempt, and it was removed.", true, typeof(ExamAttemptVoidedData)),
        [DomainEventTypes.CredentialReviewNeeded] = ("An award should be looked at again, e.g. its passing attempt was voided.", true, typeof(CredentialReviewData)),
    };

    /// <summary>Every event type the hub raises, in <see cref="DomainEventTypes"/> order.</summary>
    public static IReadOnlyList<string> Types { get; } = [.. typeof(DomainEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)];

    public static IReadOnlyList<WorkflowEventDescriptor> All { get; } = [.. Types.Select(Describe)];

    private static WorkflowEventDescriptor Describe(string type)
    {
        if (!Entries.TryGetValue(type, out var entry))
            throw new InvalidOperationException($"The event catalogue does not describe {type}; add it to {nameof(WorkflowEventCatalog)}.");
        var fields = entry.Data is { } data ? FieldsOf(data) : [];
        // The hub adds the program's code to every program event's data, as the flow's input.
        if (entry.HasProgram && fields.All(f => f.Name != "programCode")) fields.Add(new WorkflowEventField("programCode", "String", false));
        return new WorkflowEventDescriptor(type, entry.Description, entry.HasProgram, fields);
    }

    private static List<WorkflowEventField> FieldsOf(Type data)
    {
        var nullability = new NullabilityInfoContext();
        return [.. data.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p =>
        {
            var type = System.Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            var nullable = type != p.PropertyType || nullability.Create(p).ReadState == NullabilityState.Nullable;
            return new WorkflowEventField(JsonNamingPolicy.CamelCase.ConvertName(p.Name), TypeOf(type), nullable, type.IsEnum ? Enum.GetNames(type) : null);
        })];
    }

    private static string TypeOf(Type type) =>
        type == typeof(Guid) ? "Id"
        : type == typeof(bool) ? "Boolean"
        : type == typeof(int) || type == typeof(long) || type == typeof(decimal) || type == typeof(double) ? "Number"
        : type == typeof(DateTimeOffset) || type == typeof(DateTime) ? "DateTime"
        : "String";
}
