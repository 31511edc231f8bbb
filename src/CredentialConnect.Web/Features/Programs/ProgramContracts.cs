using System.Text.Json;

namespace CredentialConnect.Web.Features.Programs;

/// <summary>What a client sends to create or replace a program. <see cref="Version"/> is required on replace.</summary>
public sealed record ProgramWrite(
    string? Code,
    string? Name,
    ProgramKind? Kind,
    string? Description,
    string? CriteriaNarrative,
    string? BadgeImageUrl,
    string? ValidityPeriod,
    RecertificationWrite? Recertification,
    Guid[]? PrerequisiteProgramIds,
    bool? ExamRequired,
    JsonElement? EligibilityCriteria,
    int? Version);

public sealed record RecertificationWrite(decimal? TotalCeHours, int? GracePeriodDays, CeCategoryWrite[]? Categories);

public sealed record CeCategoryWrite(string? Category, decimal? MinimumHours, decimal? MaximumHours);

/// <summary>A lifecycle step (publish, retire) names the version it acts on, like any other edit.</summary>
public sealed record ProgramTransition(int? Version);

public sealed record ProgramResponse(
    Guid Id, string Code, string Name, ProgramKind Kind, ProgramStatus Status, string Description, string CriteriaNarrative,
    string? BadgeImageUrl, string? ValidityPeriod, RecertificationResponse? Recertification, Guid[] PrerequisiteProgramIds,
    bool ExamRequired, JsonElement? EligibilityCriteria, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt,
    DateTimeOffset? RetiredAt, int Version)
{
    public static ProgramResponse From(CredentialProgram p) => new(
        p.Id, p.Code, p.Name, p.Kind, p.Status, p.Description, p.CriteriaNarrative, p.BadgeImageUrl, p.ValidityPeriod,
        p.Recertification is { } r
            ? new RecertificationResponse(r.TotalCeHours, r.GracePeriodDays,
                r.Categories.Select(c => new CeCategoryResponse(c.Category, c.MinimumHours, c.MaximumHours)).ToArray())
            : null,
        p.Prerequisites.Select(x => x.PrerequisiteProgramId).Order().ToArray(),
        p.ExamRequired,
        p.EligibilityCriteria is null ? null : JsonDocument.Parse(p.EligibilityCriteria).RootElement.Clone(),
        p.CreatedAt, p.PublishedAt, p.RetiredAt, p.Version);
}

public sealed record RecertificationResponse(decimal TotalCeHours, int GracePeriodDays, CeCategoryResponse[] Categories);

public sealed record CeCategoryResponse(string Category, decimal? MinimumHours, decimal? MaximumHours);

public sealed record ProgramSummary(Guid Id, string Code, string Name, ProgramKind Kind, ProgramStatus Status, string? ValidityPeriod, int Version);
