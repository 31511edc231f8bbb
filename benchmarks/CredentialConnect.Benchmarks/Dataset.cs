using System.Globalization;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Features.Demo;

namespace CredentialConnect.Benchmarks;

/// <summary>What one statement of the LRS is: which member, which verb, which activity.</summary>
internal enum StatementKind { Launched, Initialized, CourseCompleted, ExamFailed, ExamPassed, UnmappedCompleted, Terminated, Experienced }

/// <summary>One LRS statement, before it is written as xAPI JSON.</summary>
internal readonly record struct Statement(long Index, string Id, int Member, StatementKind Kind, string Verb, string ActivityId, string ActivityName, DateTimeOffset Timestamp, DateTimeOffset Stored)
{
    public bool IsExam => Kind is StatementKind.ExamFailed or StatementKind.ExamPassed;
}

/// <summary>
/// The benchmark's association, computed from a number and never held in memory: member <c>n</c> (1-based) is
/// Wild Apricot contact <c>n</c>, and every member has a session block of ten LRS statements. Of those ten, six
/// are statements the hub keeps (three course completions, a failed and a passed exam, a completion of a course
/// no program counts) and four are cmi5 housekeeping verbs the connector drops.
/// </summary>
internal sealed class Dataset(int members, long statements)
{
    public const int StatementsPerSession = 10;
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly string[] ExamPrograms = ["GWE", "NFM", "CNP"];

    private static readonly string[] Levels = ["Professional", "Associate", "Student", "Fellow"];
    private static readonly string[] FirstNames = ["Amara", "Bruno", "Chen", "Dalia", "Emeka", "Freya", "Gustavo", "Hana", "Idris", "Julia", "Kofi", "Lena"];
    private static readonly string[] LastNames = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Kowalski", "Reyes", "Nakamura", "Osei", "Fischer"];
    private static readonly string[] Cities = ["Toronto", "Chicago", "Austin", "Denver", "Boston", "Seattle"];

    private static readonly (string Id, string Name)[] Courses =
    [
        ($"{DemoAssociation.LmsHomePage}/courses/ethics-in-practice", "Ethics in Practice"),
        ($"{DemoAssociation.LmsHomePage}/courses/advanced-grantwriting", "Advanced Grantwriting"),
        ($"{DemoAssociation.LmsHomePage}/courses/nonprofit-finance-basics", "Nonprofit Finance Basics"),
    ];

    private static readonly string Orientation = $"{DemoAssociation.LmsHomePage}/courses/orientation";

    public int Members { get; } = members;
    public long Statements { get; } = statements;

    /// <summary>When the LRS's answers are complete up to: just after the last statement was stored.</summary>
    public DateTimeOffset ConsistentThrough => StoredAt(Statements);

    public static Dataset Scaled(double scale) =>
        new(Math.Max(100, (int)Math.Round(100_000 * scale)), Math.Max(1_000, (long)Math.Round(1_000_000 * scale)));

    public MemberRecord Member(int n)
    {
        var first = FirstNames[n % FirstNames.Length];
        var last = LastNames[n / FirstNames.Length % LastNames.Length];
        var since = DateOnly.FromDateTime(Epoch.UtcDateTime).AddDays(-(n % 3650));
        var status = (n % 20) switch { 0 => AmsMembershipStatus.Lapsed, 1 => AmsMembershipStatus.PendingRenewal, _ => AmsMembershipStatus.Active };
        return new MemberRecord(
            n.ToString(CultureInfo.InvariantCulture), $"{first}.{last}.{n}@example.org".ToLowerInvariant(), first, last, status,
            Levels[n % Levels.Length], since, since.AddYears(1 + (Epoch.Year - since.Year)), Epoch.AddSeconds(n))
        {
            City = Cities[n % Cities.Length],
            Region = "ON",
            Country = "Canada",
        };
    }

    public static DateTimeOffset StoredAt(long index) => Epoch.AddMilliseconds(index);

    /// <summary>The first statement stored after <paramref name="since"/>.</summary>
    public static long FirstAfter(DateTimeOffset since) =>
        Math.Max(0, (long)Math.Floor((since - Epoch).TotalMilliseconds) + 1);

    public Statement Statement(long index)
    {
        var slot = (int)(index % StatementsPerSession);
        var member = (int)(index / StatementsPerSession % Members) + 1;
        var exam = $"{DemoAssociation.LmsHomePage}/exams/{ExamPrograms[member % ExamPrograms.Length]}";
        var examName = $"{ExamPrograms[member % ExamPrograms.Length]} exam";
        var (kind, verb, activity, name) = slot switch
        {
            0 => (StatementKind.Launched, Verbs.Launched, exam, examName),
            1 => (StatementKind.Initialized, Verbs.Initialized, exam, examName),
            2 or 3 or 4 => (StatementKind.CourseCompleted, Verbs.Completed, Courses[slot - 2].Id, Courses[slot - 2].Name),
            5 => (StatementKind.ExamFailed, Verbs.Failed, exam, examName),
            6 => (StatementKind.ExamPassed, Verbs.Passed, exam, examName),
            7 => (StatementKind.UnmappedCompleted, Verbs.Completed, Orientation, "Orientation"),
            8 => (StatementKind.Terminated, Verbs.Terminated, exam, examName),
            _ => (StatementKind.Experienced, Verbs.Experienced, Orientation, "Orientation"),
        };
        var stored = StoredAt(index);
        return new Statement(index, StatementId(index), member, kind, verb, activity, name, stored.AddSeconds(-1), stored);
    }

    /// <summary>Raw score against 100: a failed attempt scores 55, a pass 82.</summary>
    public static decimal ScoreOf(StatementKind kind) => kind == StatementKind.ExamPassed ? 82 : 55;

    /// <summary>The learning event the xAPI connector makes of a statement it keeps; null for the verbs it drops.</summary>
    public LearningEvent? EventOf(in Statement s)
    {
        var verb = s.Kind switch
        {
            StatementKind.CourseCompleted or StatementKind.UnmappedCompleted => LearningVerb.Completed,
            StatementKind.ExamFailed => LearningVerb.Failed,
            StatementKind.ExamPassed => LearningVerb.Passed,
            _ => (LearningVerb?)null,
        };
        if (verb is null) return null;
        var person = Member(s.Member);
        return new LearningEvent(s.Id, verb.Value, new Learner(DemoAssociation.LmsHomePage, person.AmsMemberId, null, $"{person.FirstName} {person.LastName}"),
            s.ActivityId, s.ActivityName, s.Timestamp, s.Stored)
        {
            Score = s.IsExam ? new LearningScore(ScoreOf(s.Kind) / 100, ScoreOf(s.Kind), 0, 100) : null,
            Success = s.IsExam ? s.Kind == StatementKind.ExamPassed : null,
            Completion = true,
        };
    }

    private static string StatementId(long index) => $"00000000-0000-4000-8000-{index:x12}";

    public static class Verbs
    {
        public const string Launched = "http://adlnet.gov/expapi/verbs/launched";
        public const string Initialized = "http://adlnet.gov/expapi/verbs/initialized";
        public const string Completed = "http://adlnet.gov/expapi/verbs/completed";
        public const string Passed = "http://adlnet.gov/expapi/verbs/passed";
        public const string Failed = "http://adlnet.gov/expapi/verbs/failed";
        public const string Terminated = "http://adlnet.gov/expapi/verbs/terminated";
        public const string Experienced = "http://adlnet.gov/expapi/verbs/experienced";
    }
}
