using System.Text.Json;
using CredentialConnect.Web.Api;

namespace CredentialConnect.Web.Features.Programs;

/// <summary>
/// What a client sends to create or replace a program. <see cref="Version"/> is required on replace. A program as
/// read may be sent back whole: its read-only fields are ignored.
/// </summary>
[AcceptsEchoOf(typeof(ProgramResponse))]
public sealed record ProgramWrite(
    string Code,
    string Name,
    ProgramKind Kind,
    string? Description,
    string? CriteriaNarrative,
    string? BadgeImageUrl,
    string? ValidityPeriod,
    RecertificationWrite? Recertification,
    Guid[]? PrerequisiteProgramIds,
    bool? ExamRequired,
    JsonElement? EligibilityCriteria,
    int? Version)
{
    public ExamRulesWrite? Exam { get; init; }
    public bool? IsPathway { get; init; }

    /// <summary>The application form, a JSON Schema object.</summary>
    public JsonElement? ApplicationForm { get; init; }

    /// <summary>Which LMS activities count for the program. Left out on a replace, the program keeps its map.</summary>
    public LearningMapWrite? Learning { get; init; }
}

public sealed record ExamRulesWrite(decimal? PassingScorePercent, int? MaxAttempts, int? RetakeWaitDays);

public sealed record RecertificationWrite(decimal TotalCeHours, int? GracePeriodDays, CeCategoryWrite[]? Categories)
{
    public int[]? ExpiringNoticeDays { get; init; }
    public ReinstatementRule? Reinstatement { get; init; }
    public int? ReinstatementWindowDays { get; init; }
    public decimal? AuditSamplePercent { get; init; }
}

public sealed record CeCategoryWrite(string Category, decimal? MinimumHours, decimal? MaximumHours);

/// <summary>A lifecycle step (publish, retire) names the version it acts on, like any other edit.</summary>
public sealed record ProgramTransition(int? Version);

public sealed record ProgramResponse(
    Guid Id, string Code, string Name, ProgramKind Kind, ProgramStatus Status, string Description, string CriteriaNarrative,
    string? BadgeImageUrl, string? ValidityPeriod, RecertificationResponse? Recertification, Guid[] PrerequisiteProgramIds,
    bool ExamRequired, JsonElement? EligibilityCriteria, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt,
    DateTimeOffset? RetiredAt, int Version, ExamRulesResponse Exam, bool IsPathway, JsonElement? ApplicationForm, LearningMapResponse Learning)
{
    public static ProgramResponse From(CredentialProgram p) => new(
        p.Id, p.Code, p.Name, p.Kind, p.Status, p.Description, p.CriteriaNarrative, p.BadgeImageUrl, p.ValidityPeriod,
        p.Recertification is { } r
            ? new RecertificationResponse(r.TotalCeHours, r.GracePeriodDays,
                r.Categories.Select(c => new CeCategoryResponse(c.Category, c.MinimumHours, c.MaximumHours)).ToArray(),
                [.. r.ExpiringNoticeDays], r.Reinstatement, r.ReinstatementWindowDays, r.AuditSamplePercent)
            : null,
        p.Prerequisites.Select(x => x.PrerequisiteProgramId).Order().ToArray(),
        p.ExamRequired,
        ParseOrNull(p.EligibilityCriteria),
        p.CreatedAt, p.PublishedAt, p.RetiredAt, p.Version,
        new ExamRulesResponse(p.Exam.PassingScorePercent, p.Exam.MaxAttempts, p.Exam.RetakeWaitDays),
        p.IsPathway,
        ParseOrNull(p.ApplicationForm),
        LearningMapResponse.From(p.Learning));

    private static JsonElement? ParseOrNull(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}

public sealed record ExamRulesResponse(decimal PassingScorePercent, int? MaxAttempts, int RetakeWaitDays);

public sealed record RecertificationResponse(decimal TotalCeHours, int GracePeriodDays, CeCategoryResponse[] Categories,
    int[] ExpiringNoticeDays, ReinstatementRule Reinstatement, int ReinstatementWindowDays, decimal AuditSamplePercent);

public sealed record CeCategoryResponse(string Category, decimal? MinimumHours, decimal? MaximumHours);

public sealed record ProgramSummary(Guid Id, string Code, string Name, ProgramKind Kind, ProgramStatus Status, string? ValidityPeriod, int Version);
