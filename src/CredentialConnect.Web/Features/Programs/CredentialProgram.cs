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

    /// <summary>How the exam is scored and retaken; the defaults apply when the program sets none.</summary>
    public ExamRules Exam { get; set; } = new();

    /// <summary>
    /// A stacked pathway: its prerequisites are its components, and a member holding every one of them, active,
    /// is awarded the pathway credential without applying.
    /// </summary>
    public bool IsPathway { get; set; }

    /// <summary>The application form as a JSON Schema document; null when the program asks nothing beyond its criteria.</summary>
    public string? ApplicationForm { get; set; }

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
/// The link between LMS activities and a program: results of an activity in <see cref="Exams"/> become exam attempts,
/// and completing a course in <see cref="Courses"/> earns CE hours in its category. An activity is mapped once, across
/// all programs, so a statement never counts twice.
/// </summary>
public sealed class LearningMap
{
    /// <summary>The program's exam activities (xAPI activity IRIs); a program may sit its exam on more than one.</summary>
    public List<ExamActivity> Exams { get; set; } = [];

    public List<CourseCredit> Courses { get; set; } = [];

    /// <summary>Every activity id the map names, exams and courses.</summary>
    public IEnumerable<string> ActivityIds() => Exams.Select(e => e.ActivityId).Concat(Courses.Select(c => c.ActivityId));

    /// <summary>True when both maps name the same activities with the same credit and passing scores.</summary>
    public bool SameAs(LearningMap other) =>
        Exams.Select(e => (e.ActivityId, e.PassingScorePercent)).SequenceEqual(other.Exams.Select(e => (e.ActivityId, e.PassingScorePercent)))
        && Courses.Select(c => (c.ActivityId, c.Category, c.Hours)).SequenceEqual(other.Courses.Select(c => (c.ActivityId, c.Category, c.Hours)));
}

/// <summary>An LMS activity whose results are sittings of the program's exam.</summary>
public sealed class ExamActivity
{
    public required string ActivityId { get; set; }

    /// <summary>
    /// The share of the maximum score a pass needs, 0–100, for a scored result the LMS gives no verdict on (a
    /// completion with a score). A passed or failed result is judged by the program's exam rules.
    /// </summary>
    public decimal? PassingScorePercent { get; set; }
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

/// <summary>How a program's exam is passed and retaken.</summary>
public sealed class ExamRules
{
    public const decimal DefaultPassingScorePercent = 70;

    /// <summary>The share of the maximum score a pass needs, 0–100.</summary>
    public decimal PassingScorePercent { get; set; } = DefaultPassingScorePercent;

    /// <summary>How many sittings a member gets; null for no limit.</summary>
    public int? MaxAttempts { get; set; }

    /// <summary>Days a member must wait after a failed sitting before the next one.</summary>
    public int RetakeWaitDays { get; set; }
}

/// <summary>What a certificant may do after their credential lapses.</summary>
public enum ReinstatementRule
{
    /// <summary>A lapsed credential stays lapsed; the member applies and qualifies again.</summary>
    Reapply,

    /// <summary>Meeting the cycle's CE requirements within the reinstatement window restores the credential.</summary>
    CompleteCeWithinWindow,

    /// <summary>Passing the exam again within the reinstatement window restores the credential.</summary>
    RetakeExamWithinWindow,
}

/// <summary>The continuing-education requirements of one recertification cycle.</summary>
public sealed class RecertificationRules
{
    public static readonly int[] DefaultExpiringNoticeDays = [90, 60, 30, 7];

    public decimal TotalCeHours { get; set; }

    /// <summary>Days after the end of a cycle during which the credential may still be renewed.</summary>
    public int GracePeriodDays { get; set; }

    public List<CeCategoryRule> Categories { get; set; } = [];

    /// <summary>
    /// Days before the end of the cycle at which CredentialExpiring is raised; the credential turns Expiring at
    /// the largest of them.
    /// </summary>
    public List<int> ExpiringNoticeDays { get; set; } = [.. DefaultExpiringNoticeDays];

    public ReinstatementRule Reinstatement { get; set; } = ReinstatementRule.Reapply;

    /// <summary>Days after the lapse during which <see cref="Reinstatement"/> can still restore the credential.</summary>
    public int ReinstatementWindowDays { get; set; }

    /// <summary>The share of renewing certificants picked at random for a CE audit each cycle, 0–100.</summary>
    public decimal AuditSamplePercent { get; set; }
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
