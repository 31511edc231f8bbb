using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.Web.Features.Demo;

/// <summary>The fixed facts of the demo association, printed on the console so a newcomer can sign in.</summary>
public static class DemoAssociation
{
    public const string Name = "Meridian Society of Nonprofit Professionals";
    public const string EmailDomain = "demo.credentialconnect.org";
    public const string AdminEmail = "admin@" + EmailDomain;
    public const string ReviewerEmail = "reviewer@" + EmailDomain;
    public const string MemberEmail = "member@" + EmailDomain;

    /// <summary>
    /// The demo runs only on the embedded default on a local machine, so a known password is the point:
    /// the console prints it. Production databases are never seeded.
    /// </summary>
    public const string Password = "demo-password-2026";

    public const int MemberCount = 200;

    /// <summary>The AMS contact id of the i-th demo member (Wild Apricot ids are integers).</summary>
    public static string AmsMemberId(int i) => (100000 + i * 37).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The demo LMS: learners are xAPI accounts on this home page, named by their AMS id.</summary>
    public const string LmsHomePage = "https://lms.sandbox.credentialconnect.org";

    /// <summary>Which LMS activities count for each demo program: its exam, and courses that earn CE hours.</summary>
    public static LearningMap LearningFor(string programCode) => new()
    {
        Exams = [new ExamActivity { ActivityId = $"{LmsHomePage}/exams/{programCode}" }],
        Courses = programCode == "CNP"
            ?
            [
                new CourseCredit { ActivityId = $"{LmsHomePage}/courses/ethics-in-practice", Category = "Ethics", Hours = 3 },
                new CourseCredit { ActivityId = $"{LmsHomePage}/courses/advanced-grantwriting", Category = "Fundraising", Hours = 6 },
                new CourseCredit { ActivityId = $"{LmsHomePage}/courses/nonprofit-finance-basics", Category = "Finance", Hours = 4 },
            ]
            : [],
    };
}
