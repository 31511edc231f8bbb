using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Demo;

/// <summary>
/// Seeds a realistic demo association: one program of each kind, 200 members with CE histories,
/// credentials that are active, expiring soon or lapsed, exam attempts and applications.
/// The same seed always produces the same association, relative to today.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<UserAccount> users, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    private static readonly string[] FirstNames =
        ["Amara", "Ben", "Carmen", "Dmitri", "Elena", "Farah", "George", "Hana", "Isaac", "Jade", "Kwame", "Lena", "Mateo", "Nadia",
         "Oscar", "Priya", "Quinn", "Rosa", "Samir", "Tessa", "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe", "Aiden", "Bianca",
         "Chen", "Daria", "Emeka", "Fiona", "Gabriel", "Helga", "Ines", "Jonah", "Keiko", "Luis", "Maya", "Noor"];
    private static readonly string[] LastNames =
        ["Okafor", "Lindqvist", "Alvarez", "Petrov", "Rossi", "Haddad", "Nakamura", "Kowalski", "Mensah", "O'Brien", "Schmidt",
         "Dubois", "Nguyen", "Patel", "Moreau", "Fischer", "Santos", "Kim", "Novak", "Jensen", "Adeyemi", "Costa", "Ibrahim",
         "Larsen", "Murphy", "Tanaka", "Walsh", "Yilmaz", "Zhang", "Baptiste"];
    private static readonly (string City, string Region)[] Places =
        [("Chicago", "IL"), ("Denver", "CO"), ("Austin", "TX"), ("Portland", "OR"), ("Atlanta", "GA"), ("Boston", "MA"),
         ("Minneapolis", "MN"), ("Phoenix", "AZ"), ("Raleigh", "NC"), ("Seattle", "WA"), ("Baltimore", "MD"), ("Columbus", "OH")];
    private static readonly string[] Levels = ["Professional", "Professional", "Professional", "Associate", "Student", "Fellow"];
    private static readonly string[] Categories = ["Ethics", "Leadership", "Finance", "Fundraising", "Self-study"];
    private static readonly string[] Activities =
        ["Annual Conference session", "Webinar: Board Relations", "Ethics in Practice workshop", "Budgeting for Program Leads",
         "Major Gifts Masterclass", "Reading: Governance Quarterly", "Chapter meeting talk", "Online course: Data for Nonprofits",
         "Grant Compliance bootcamp", "Mentoring circle"];

    public async Task<bool> HasDemoDataAsync(CancellationToken ct) => await db.Programs.AnyAsync(ct);

    /// <summary>Removes everything the demo owns, then seeds it afresh.</summary>
    public async Task ReseedAsync(CancellationToken ct)
    {
        await ClearAsync(ct);
        await SeedAsync(ct);
    }

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var random = new Random(2026);

        var micro = NewProgram("GWE", "Grant Writing Essentials", ProgramKind.MicroCredential, null, null, now);
        var certificate = NewProgram("NFM", "Nonprofit Financial Management Certificate", ProgramKind.Certificate, null, null, now);
        certificate.Prerequisites.Add(new ProgramPrerequisite { ProgramId = certificate.Id, PrerequisiteProgramId = micro.Id });
        var certification = NewProgram("CNP", "Certified Nonprofit Professional", ProgramKind.Certification, "P3Y", new RecertificationRules
        {
            TotalCeHours = 45,
            GracePeriodDays = 90,
            Categories =
            [
                new CeCategoryRule { Category = "Ethics", MinimumHours = 3 },
                new CeCategoryRule { Category = "Self-study", MaximumHours = 15 },
            ],
        }, now);
        certification.ExamRequired = true;
        certification.EligibilityCriteria = """{"all":[{"yearsOfExperience":{"min":3}},{"membershipStatus":["Active"]}]}""";
        foreach (var program in new[] { micro, certificate, certification }) program.Learning = DemoAssociation.LearningFor(program.Code);
        db.Programs.AddRange(micro, certificate, certification);

        var members = Enumerable.Range(1, DemoAssociation.MemberCount).Select(i => NewMember(i, random, now)).ToList();
        db.Members.AddRange(members);

        var sequence = new Dictionary<string, int>();
        foreach (var (member, index) in members.Select((m, i) => (m, i)))
        {
            AddCeHistory(member, random, now);
            var roll = random.NextDouble();
            if (roll < 0.45) AddCertification(member, certification, index, random, now, sequence);
            if (roll is > 0.3 and < 0.75) AddMicroCredential(member, micro, certificate, random, now, sequence);
            if (roll is > 0.8 and < 0.9) AddFailedExam(member, certification, random, now);
            if (roll is > 0.9) AddApplication(member, certification, random, now);
        }

        await db.SaveChangesAsync(ct);
        await Workflows.WorkflowSeeding.SeedDemoAsync(db, now, ct);
        await AddAccountsAsync(members[0]);
        logger.LogInformation("Seeded the demo association '{Name}': 3 programs, {Members} members.", DemoAssociation.Name, members.Count);
    }

    private static CredentialProgram NewProgram(string code, string name, ProgramKind kind, string? validity, RecertificationRules? cycle, DateTimeOffset now) => new()
    {
        Code = code, Name = name, Kind = kind, ValidityPeriod = validity, Recertification = cycle,
        Description = $"{name}, awarded by the {DemoAssociation.Name}.",
        CriteriaNarrative = kind switch
        {
            ProgramKind.Certification => "Three years of professional experience, a passing score on the CNP exam, and 45 CE hours every three years.",
            ProgramKind.Certificate => "Complete the six-module financial management course and its capstone. Requires Grant Writing Essentials.",
            _ => "Complete the Grant Writing Essentials course and submit a sample proposal.",
        },
        Status = ProgramStatus.Published, CreatedAt = now.AddYears(-8), PublishedAt = now.AddYears(-8),
    };

    private static Member NewMember(int i, Random random, DateTimeOffset now)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var place = Places[random.Next(Places.Length)];
        var statusRoll = random.NextDouble();
        var optedIn = random.NextDouble() < 0.4;
        return new Member
        {
            AmsMemberId = DemoAssociation.AmsMemberId(i),
            Email = $"{first}.{last}{i}@example.org".Replace("'", "").ToLowerInvariant(),
            FirstName = first,
            LastName = last,
            MembershipStatus = statusRoll switch
            {
                < 0.85 => MembershipStatus.Active,
                < 0.93 => MembershipStatus.Lapsed,
                < 0.97 => MembershipStatus.PendingRenewal,
                _ => MembershipStatus.PendingNew,
            },
            MembershipLevel = Levels[random.Next(Levels.Length)],
            MemberSince = DateOnly.FromDateTime(now.AddDays(-random.Next(200, 20 * 365)).UtcDateTime),
            YearsOfExperience = random.Next(0, 31),
            LmsActor = $"{DemoAssociation.LmsHomePage}|{DemoAssociation.AmsMemberId(i)}",
            City = place.City, Region = place.Region, Country = "US",
            Directory = DirectoryConsent.Given(optedIn, true, random.NextDouble() < 0.3, true, true),
            CreatedAt = now.AddDays(-random.Next(30, 400)),
            UpdatedAt = now.AddDays(-random.Next(0, 30)),
        };
    }

    private void AddCeHistory(Member member, Random random, DateTimeOffset now)
    {
        var count = random.Next(0, 13);
        for (var i = 0; i < count; i++)
        {
            var source = (CreditSource)random.Next(3);
            db.ContinuingEducationCredits.Add(new ContinuingEducationCredit
            {
                MemberId = member.Id,
                Activity = Activities[random.Next(Activities.Length)],
                Category = Categories[random.Next(Categories.Length)],
                Hours = random.Next(1, 9) * 0.5m + 0.5m,
                EarnedAt = now.AddDays(-random.Next(1, 3 * 365)),
                Source = source,
                Evidence = source == CreditSource.SelfReported ? "Certificate of attendance (PDF)" : null,
                ReviewStatus = source == CreditSource.SelfReported
                    ? (random.NextDouble() < 0.8 ? CreditReviewStatus.Accepted : CreditReviewStatus.Pending)
                    : CreditReviewStatus.NotRequired,
            });
        }
    }

    // Certifications are spread so the demo always shows some expiring soon and some lapsed, whatever today is.
    private void AddCertification(Member member, CredentialProgram program, int index, Random random, DateTimeOffset now, Dictionary<string, int> sequence)
    {
        var daysToExpiry = (index % 10) switch
        {
            0 => random.Next(5, 85),          // expiring soon
            1 => -random.Next(100, 400),      // lapsed: past expiry and grace
            2 => -random.Next(1, 80),         // in the grace period
            _ => random.Next(90, 3 * 365),    // comfortably active
        };
        var expires = now.AddDays(daysToExpiry);
        var cycles = 1 + random.Next(0, 3);
        var cycleStart = expires.AddYears(-3);
        var issued = cycleStart.AddYears(-3 * (cycles - 1));

        var credential = NewCredential(member, program, issued, expires, sequence);
        credential.CurrentCycle = cycles;
        credential.CycleStartedAt = cycleStart;
        for (var c = 2; c <= cycles; c++)
            credential.ChangeStatus(CredentialStatus.Active, $"Renewed into cycle {c} with CE requirements met.", "system:recertification", issued.AddYears(3 * (c - 1)));
        if (daysToExpiry < 0 && -daysToExpiry > program.Recertification!.GracePeriodDays)
        {
            credential.ChangeStatus(CredentialStatus.Expiring, "Cycle ends within 90 days.", "system:recertification", expires.AddDays(-90));
            credential.ChangeStatus(CredentialStatus.Lapsed, "Grace period ended without renewal.", "system:recertification", expires.AddDays(program.Recertification.GracePeriodDays));
        }
        else if (daysToExpiry < 90)
            credential.ChangeStatus(CredentialStatus.Expiring, "Cycle ends within 90 days.", "system:recertification", expires.AddDays(-90));
        if (index == 47)
            credential.ChangeStatus(CredentialStatus.Revoked, "Ethics board finding: misrepresented credentials to an employer.", DemoAssociation.AdminEmail, now.AddDays(-20));

        db.ExamAttempts.Add(new ExamAttempt
        {
            MemberId = member.Id, ProgramId = program.Id, AttemptNumber = 1, MaxScore = 200, Score = 140 + random.Next(0, 55),
            Passed = true, TakenAt = issued.AddDays(-random.Next(10, 40)), Source = ExamSource.Lms,
        });
    }

    private void AddMicroCredential(Member member, CredentialProgram micro, CredentialProgram certificate, Random random, DateTimeOffset now, Dictionary<string, int> sequence)
    {
        var issued = now.AddDays(-random.Next(30, 4 * 365));
        NewCredential(member, micro, issued, null, sequence);
        if (random.NextDouble() < 0.45)
            NewCredential(member, certificate, issued.AddDays(random.Next(30, 300)) is var c && c < now ? c : now.AddDays(-1), null, sequence);
    }

    private void AddFailedExam(Member member, CredentialProgram program, Random random, DateTimeOffset now)
    {
        var attempts = 1 + random.Next(0, 2);
        for (var a = 1; a <= attempts; a++)
            db.ExamAttempts.Add(new ExamAttempt
            {
                MemberId = member.Id, ProgramId = program.Id, AttemptNumber = a, MaxScore = 200, Score = 90 + random.Next(0, 45),
                Passed = false, TakenAt = now.AddDays(-random.Next(3, 60) - 90 * (attempts - a)), Source = ExamSource.Lms,
            });
    }

    private void AddApplication(Member member, CredentialProgram program, Random random, DateTimeOffset now)
    {
        var status = (ApplicationStatus)random.Next(1, 5);
        var submitted = now.AddDays(-random.Next(1, 60));
        db.Applications.Add(new Application
        {
            MemberId = member.Id, ProgramId = program.Id, CreatedAt = submitted.AddDays(-2), SubmittedAt = submitted,
            Answers = $$"""{"employer":"{{member.LastName}} Family Foundation","holdsStateLicence":{{(random.NextDouble() < 0.5 ? "true" : "false")}}}""",
            Status = status,
            ReviewerId = status is ApplicationStatus.InReview or ApplicationStatus.Approved or ApplicationStatus.Rejected ? DemoAssociation.ReviewerEmail : null,
            DecidedAt = status is ApplicationStatus.Approved or ApplicationStatus.Rejected ? submitted.AddDays(3) : null,
            DecisionReason = status == ApplicationStatus.Rejected ? "Fewer than three years of professional experience." : null,
        });
    }

    private Credential NewCredential(Member member, CredentialProgram program, DateTimeOffset issued, DateTimeOffset? expires, Dictionary<string, int> sequence)
    {
        var prefix = $"{CredentialNumber.PrefixFor(program.Kind)}-{issued.Year}";
        sequence[prefix] = sequence.GetValueOrDefault(prefix) + 1;
        var credential = Credential.Award(CredentialNumber.Format(program.Kind, issued.Year, sequence[prefix]), member.Id, program.Id, issued, expires, "system:demo");
        db.Credentials.Add(credential);
        return credential;
    }

    private async Task AddAccountsAsync(Member demoMember)
    {
        await CreateAccountAsync(DemoAssociation.AdminEmail, "Avery Admin (demo)", HubRoles.Admin, null);
        await CreateAccountAsync(DemoAssociation.ReviewerEmail, "Riley Reviewer (demo)", HubRoles.Reviewer, null);
        await CreateAccountAsync(DemoAssociation.MemberEmail, $"{demoMember.FullName} (demo)", HubRoles.Member, demoMember.Id);
    }

    private async Task CreateAccountAsync(string email, string name, string role, Guid? memberId)
    {
        var (_, result) = await users.CreateAccountAsync(email, name, role, DemoAssociation.Password, memberId);
        if (!result.Succeeded) throw new InvalidOperationException($"Could not create demo account {email}: {result.Describe()}");
    }

    private async Task ClearAsync(CancellationToken ct)
    {
        await db.AuditLog.ExecuteDeleteAsync(ct);
        await db.CredentialStatusChanges.ExecuteDeleteAsync(ct);
        await db.Credentials.ExecuteDeleteAsync(ct);
        await db.Applications.ExecuteDeleteAsync(ct);
        await db.ExamAttempts.ExecuteDeleteAsync(ct);
        await db.ContinuingEducationCredits.ExecuteDeleteAsync(ct);
        await db.ProgramPrerequisites.ExecuteDeleteAsync(ct);
        await db.Programs.ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.Email!.EndsWith("@" + DemoAssociation.EmailDomain)).ExecuteDeleteAsync(ct);
        await db.Members.ExecuteDeleteAsync(ct);
    }
}
