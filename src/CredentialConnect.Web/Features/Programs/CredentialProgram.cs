using CredentialConnect.Web.Data;

namespace CredentialConnect.Web.Features.Programs;

public enum ProgramKind { Certification, Certificate, MicroCredential }

public enum ProgramStatus { Draft, Published, Retired }

/// <summary>
/// A credential program the association runs: a certification, certificate or micro-credential.
/// Named CredentialProgram rather than Program so it never collides with the host's entry point.
/// </summary>
public sealed class CredentialProgram : IAuditable, IVersioned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Code { get; set; }
    public required string Name { get; set; }
    public ProgramKind Kind { get; set; }
    public string Description { get; set; } = "";
    public string CriteriaNarrative { get; set; } = "";
    public string? BadgeImageUrl { get; set; }

    /// <summary>How long an award is valid, as an ISO-8601 duration (P3Y); null when it never expires.</summary>
    public string? ValidityPeriod { get; set; }

    /// <summary>What a certificant must earn each cycle to renew; null when the program has no renewal.</summary>
    public RecertificationRules? Recertification { get; set; }

    public bool ExamRequired { get; set; }

    /// <summary>How the LMS's activities count for this program: its exam, and the courses that earn CE hours.</summary>
    public LearningMap Learning { get; set; } = new();

    /// <summary>Eligibility criteria as a JSON document; its schema arrives with the lifecycle rules.</summary>
    public string? EligibilityCriteria { get; set; }

    public ProgramStatus Status { get; set; } = ProgramStatus.Draft;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
    public DateTimeOffset? RetiredAt { get; set; }
    public int Version { get; set; }

    public List<ProgramPrerequisite> Prerequisites { get; init; } = [];
}

/// <summary>
/// The link between LMS activities and a program: results of <see cref="ExamActivityId"/> become exam attempts,
/// and completing a course in <see cref="Courses"/> earns CE hours in its category.
/// </summary>
public sealed class LearningMap
{
    /// <summary>The LMS activity id (an xAPI activity IRI) of the program's exam.</summary>
    public string? ExamActivityId { get; set; }

    public List<CourseCredit> Courses { get; set; } = [];
}

/// <summary>Completing <see cref="ActivityId"/> earns <see cref="Hours"/> of CE in <see cref="Category"/>.</summary>
public sealed class CourseCredit
{
    public required string ActivityId { get; set; }
    public required string Category { get; set; }
    public decimal Hours { get; set; }
}

/// <summary>A stacked credential: holding <see cref="PrerequisiteProgramId"/> is required before <see cref="ProgramId"/>.</summary>
public sealed class ProgramPrerequisite
{
    public Guid ProgramId { get; init; }
    public Guid PrerequisiteProgramId { get; init; }
}

/// <summary>The continuing-education requirements of one recertification cycle.</summary>
public sealed class RecertificationRules
{
    public decimal TotalCeHours { get; set; }

    /// <summary>Days after the end of a cycle during which the credential may still be renewed.</summary>
    public int GracePeriodDays { get; set; }

    public List<CeCategoryRule> Categories { get; set; } = [];
}

/// <summary>
/// A per-category bound inside a cycle: at least <see cref="MinimumHours"/> (Ethics ≥ 2), and at most
/// <see cref="MaximumHours"/> counted toward the total (Self-study ≤ 10).
/// </summary>
public sealed class CeCategoryRule
{
    public required string Category { get; set; }
    public decimal? MinimumHours { get; set; }
    public decimal? MaximumHours { get; set; }
}
