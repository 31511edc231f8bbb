using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.CeAudits;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Eligibility;
using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Readiness;
using CredentialConnect.Web.Features.Recertification;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Demo;

/// <summary>
/// Seeds a realistic demo association that shows the whole credential lifecycle: programs with criteria, forms, exam
/// rules and a pathway; 200 members with CE histories (some self-reported and pending review); applications from Draft
/// to a decision, some in the reviewer queue; exam attempts within the attempt rules; credentials active, expiring,
/// in grace, lapsed, suspended and revoked, with the expiring notices already sent; goals with progress; and a CE audit
/// drawn with a recorded seed. The same seed always produces the same association, relative to today.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<UserAccount> users, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    /// <summary>The recorded seed of the demo's CE audit: drawing again from the same population picks the same certificants.</summary>
    public const int AuditSeed = 20260;

    /// <summary>The demo audit samples certificants whose cycle ends within a year, so it has a handful to show.</summary>
    public const int AuditRenewingWithinDays = 365;

    private const string SeededBy = "system:demo";
    private static readonly string AdminActor = $"staff:{DemoAssociation.AdminEmail}";
    private static readonly string ReviewerActor = $"staff:{DemoAssociation.ReviewerEmail}";

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
    private static readonly string[] Roles =
        ["Development Director", "Program Manager", "Grants Officer", "Executive Director", "Finance Manager", "Volunteer Coordinator"];
    private static readonly string[] Employers = ["Family Foundation", "Community Trust", "Food Bank", "Arts Council", "Youth Alliance"];
    private static readonly (string Reason, string Actor)[] Suspensions =
    [
        ("Ethics complaint under investigation (case 2026-014); suspended until the board rules.", AdminActor),
        ("Membership dues unpaid for 120 days; suspended until the account is brought up to date.", AdminActor),
        ("Suspended at the certificant's request during a leave from practice.", AdminActor),
    ];

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
        var seed = new Seed(now, random, DemoPrograms.Create(now).ToDictionary(p => p.Code));
        db.Programs.AddRange(seed.Programs.Values);

        var members = Enumerable.Range(1, DemoAssociation.MemberCount).Select(i => NewMember(i, random, now)).ToList();
        db.Members.AddRange(members);
        await db.SaveChangesAsync(ct);
        var reviewerId = await AddAccountsAsync(members[0]);

        foreach (var (member, index) in members.Select((m, i) => (m, i)))
        {
            var credits = AddCeHistory(member, random, now);
            var roll = random.NextDouble();
            if (roll < 0.45) AddCertification(seed, member, index, credits);
            if (roll is > 0.3 and < 0.75) AddMicroCredentials(seed, member);
            if (roll is > 0.8 and < 0.9) AddFailedExams(seed, member, index);
            if (roll is > 0.9) AddApplication(seed, member, reviewerId);
        }
        ChangeStanding(seed);
        await db.SaveChangesAsync(ct);

        var audit = await AddCeAuditAsync(seed, ct);
        await Workflows.WorkflowSeeding.SeedDemoAsync(db, now, ct);
        logger.LogInformation(
            "Seeded the demo association '{Name}': {Programs} programs, {Members} members, {Applications} applications, CE audit of {Selected} drawn with seed {Seed}.",
            DemoAssociation.Name, seed.Programs.Count, members.Count, seed.Applications.Count, audit.Selections.Count, audit.Seed);
    }

    /// <summary>What the seed has made so far, shared by its steps.</summary>
    private sealed class Seed(DateTimeOffset now, Random random, Dictionary<string, CredentialProgram> programs)
    {
        public DateTimeOffset Now { get; } = now;
        public Random Random { get; } = random;
        public Dictionary<string, CredentialProgram> Programs { get; } = programs;
        public CredentialProgram Certification => Programs[DemoPrograms.CertificationCode];
        public Dictionary<string, int> Sequence { get; } = [];
        public List<Credential> Certifications { get; } = [];
        public List<Application> Applications { get; } = [];
    }

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

    // Self-reported credits carry their evidence; about one in five still waits for a reviewer.
    private List<ContinuingEducationCredit> AddCeHistory(Member member, Random random, DateTimeOffset now)
    {
        var credits = new List<ContinuingEducationCredit>();
        var count = random.Next(0, 13);
        for (var i = 0; i < count; i++)
        {
            var source = (CreditSource)random.Next(3);
            var earned = now.AddDays(-random.Next(1, 3 * 365));
            var pending = source == CreditSource.SelfReported && random.NextDouble() >= 0.8;
            var credit = new ContinuingEducationCredit
            {
                MemberId = member.Id,
                Activity = Activities[random.Next(Activities.Length)],
                Category = Categories[random.Next(Categories.Length)],
                Hours = random.Next(1, 9) * 0.5m + 0.5m,
                EarnedAt = earned,
                Source = source,
                Evidence = source == CreditSource.SelfReported ? "Certificate of attendance (PDF)" : null,
                ReviewStatus = source != CreditSource.SelfReported ? CreditReviewStatus.NotRequired
                    : pending ? CreditReviewStatus.Pending : CreditReviewStatus.Accepted,
            };
            if (source == CreditSource.SelfReported && !pending)
                credit.Review(true, "Certificate matches the activity and hours claimed.", ReviewerActor, earned.AddDays(random.Next(2, 20)) is var at && at < now ? at : now);
            credits.Add(credit);
        }
        db.ContinuingEducationCredits.AddRange(credits);
        return credits;
    }

    // Certifications are spread so the demo always shows some expiring soon and some lapsed, whatever today is.
    private void AddCertification(Seed seed, Member member, int index, List<ContinuingEducationCredit> credits)
    {
        var (program, random, now) = (seed.Certification, seed.Random, seed.Now);
        var rules = program.Recertification!;
        var daysToExpiry = (index % 10) switch
        {
            0 => random.Next(5, 85),          // expiring soon
            1 => -random.Next(100, 400),      // lapsed: past expiry and grace
            2 => -random.Next(1, 80),         // in the grace period
            _ => random.Next(91, 3 * 365),    // comfortably active
        };
        var expires = now.AddDays(daysToExpiry);
        var cycles = 1 + random.Next(0, 3);
        var cycleStart = expires.AddYears(-3);
        var issued = cycleStart.AddYears(-3 * (cycles - 1));

        // The exam came first: sometimes a failed sitting, then a pass after the waiting period.
        var history = ExamHistory.None;
        var firstSitting = issued.AddDays(-random.Next(10, 40));
        if (random.NextDouble() < 0.25)
            history = AddExamAttempt(seed, member, history, firstSitting.AddDays(-(program.Exam.RetakeWaitDays + random.Next(5, 60))), passed: false);
        AddExamAttempt(seed, member, history, firstSitting, passed: true);

        var credential = NewCredential(seed, member, program, issued, expires);
        credential.CurrentCycle = cycles;
        credential.CycleStartedAt = cycleStart;
        for (var c = 2; c <= cycles; c++)
            credential.ChangeStatus(CredentialStatus.Active, $"Renewed into cycle {c} with CE requirements met.", SeededBy, issued.AddYears(3 * (c - 1)));

        // The notices the daily sweep has already raised for this cycle, and the statuses it has already set.
        var largest = CycleDates.LargestNotice(rules);
        foreach (var days in rules.ExpiringNoticeDays.Where(d => expires.AddDays(-d) <= now))
            db.CredentialNotices.Add(new CredentialNotice { CredentialId = credential.Id, Cycle = cycles, DaysBefore = days, SentAt = expires.AddDays(-days) });
        if (daysToExpiry <= largest)
            credential.ChangeStatus(CredentialStatus.Expiring, $"Expiring: the cycle ends within {largest} days.", SweepPlan.Actor, expires.AddDays(-largest));
        if (expires.AddDays(rules.GracePeriodDays) <= now)
            credential.ChangeStatus(CredentialStatus.Lapsed, $"Lapsed: the cycle ended and the {rules.GracePeriodDays}-day grace period passed without renewal.",
                SweepPlan.Actor, expires.AddDays(rules.GracePeriodDays));
        seed.Certifications.Add(credential);
    }

    private void AddMicroCredentials(Seed seed, Member member)
    {
        var (random, now) = (seed.Random, seed.Now);
        var issued = now.AddDays(-random.Next(30, 4 * 365));
        NewCredential(seed, member, seed.Programs[DemoPrograms.MicroCredentialCode], issued, null);
        if (random.NextDouble() >= 0.45) return;

        var completed = issued.AddDays(random.Next(30, 300)) is var c && c < now ? c : now.AddDays(-1);
        NewCredential(seed, member, seed.Programs[DemoPrograms.CertificateCode], completed, null);
        // Holding both components completes the stacked pathway, awarded the moment the second one was.
        NewCredential(seed, member, seed.Programs[DemoPrograms.PathwayCode], completed, null, "Awarded: every component of the pathway is held.");
    }

    // One to three failed sittings, each after the waiting period; a member who used every attempt may have sat once more
    // through the LMS, which is kept but does not count.
    private void AddFailedExams(Seed seed, Member member, int index)
    {
        var (program, random, now) = (seed.Certification, seed.Random, seed.Now);
        var attempts = 1 + random.Next(0, 3);
        var gap = program.Exam.RetakeWaitDays + 15;
        var history = ExamHistory.None;
        for (var a = 1; a <= attempts; a++)
            history = AddExamAttempt(seed, member, history, now.AddDays(-random.Next(3, 10) - gap * (attempts - a + 1)), passed: false);
        if (attempts == program.Exam.MaxAttempts && index % 2 == 0)
            AddExamAttempt(seed, member, history, now.AddDays(-2), passed: true);
        AddGoal(seed, member, program, now.AddDays(-gap * (attempts + 1)), application: null);
    }

    /// <summary>A sitting judged by the program's exam rules, as the LMS would have reported it.</summary>
    private ExamHistory AddExamAttempt(Seed seed, Member member, ExamHistory history, DateTimeOffset takenAt, bool passed)
    {
        var program = seed.Certification;
        const decimal maxScore = 200;
        var passing = (int)Math.Ceiling(program.Exam.PassingScorePercent / 100 * maxScore);
        decimal score = passed ? passing + seed.Random.Next(0, 55) : passing - 5 - seed.Random.Next(0, 45);
        var result = new ExamResult(member.Id, program, score, maxScore, takenAt, ExamSource.Lms, SourceRecordId: null);
        var check = ExamAttemptRules.Check(program.Exam, history, takenAt);
        var judged = ExamAttemptRules.Passed(program.Exam, score, maxScore);
        var attempt = new ExamAttempt
        {
            MemberId = member.Id, ProgramId = program.Id, AttemptNumber = history.Attempts + 1, MaxScore = maxScore, Score = score,
            Passed = judged, TakenAt = takenAt, Source = ExamSource.Lms, CountsTowardAward = check.Allowed,
            Explanation = ExamRecording.Explain(result, program.Exam, judged, check),
        };
        db.ExamAttempts.Add(attempt);
        return history.With(attempt);
    }

    /// <summary>
    /// An application to CNP taken the way the API takes it: started, submitted, decided at once when the answers and
    /// the member meet every criterion, otherwise queued for a reviewer, who has rejected one of the oldest.
    /// </summary>
    private void AddApplication(Seed seed, Member member, string reviewerId)
    {
        var (program, random, now) = (seed.Certification, seed.Random, seed.Now);
        var answers = new JsonObject
        {
            ["employer"] = $"{member.LastName} {Employers[random.Next(Employers.Length)]}",
            ["role"] = Roles[random.Next(Roles.Length)],
            ["yearsInSector"] = Math.Min(60, (int)(member.YearsOfExperience ?? 0)),
            ["holdsRelevantDegree"] = random.NextDouble() < 0.5,
            [DemoPrograms.CodeOfEthicsField] = random.NextDouble() < 0.85,
        };
        if (random.NextDouble() < 0.3) answers["licenceNumber"] = $"CSL-{random.Next(10000, 99999)}";
        var text = answers.ToJsonString();
        using var document = JsonDocument.Parse(text);
        if (ApplicationForms.CheckAnswers(program.ApplicationForm, document.RootElement, complete: true) is { Count: > 0 } errors)
            throw new InvalidOperationException($"Demo answers do not fit the {program.Code} form: {string.Join(" ", errors.Keys)}");

        var started = now.AddDays(-random.Next(3, 75));
        var applicant = $"member:{member.Email}";
        var application = Application.Start(member.Id, program.Id, text, applicant, started);
        db.Applications.Add(application);
        seed.Applications.Add(application);
        AddGoal(seed, member, program, started.AddDays(-random.Next(20, 120)), application);
        if (random.NextDouble() < 0.15) return;

        var submitted = started.AddDays(random.Next(0, 3));
        application.MoveTo(ApplicationStatus.Submitted, applicant, "Submitted.", submitted);
        var decision = EligibilityRules.Decide(program.Id, Criteria.ForProgram(program.EligibilityCriteria, []), FactsOf(member, submitted, document.RootElement));
        application.Eligibility = JsonSerializer.Serialize(decision, JsonSerializerOptions.Web);
        if (decision.Eligible)
        {
            application.MoveTo(ApplicationStatus.Approved, Application.AutoApprover, "Meets every eligibility criterion.", submitted);
            return;
        }
        application.MoveTo(ApplicationStatus.InReview, "system",
            $"Not every eligibility criterion is met ({decision.PercentReady:0.#}% ready); a reviewer decides.", submitted);
        var queued = seed.Applications.Count(a => a.Status == ApplicationStatus.InReview || a.Status == ApplicationStatus.Rejected);
        if (queued % 2 == 0) application.ReviewerId = reviewerId;
        if (queued == 1 || (now - submitted).TotalDays > 60)
        {
            application.ReviewerId = reviewerId;
            var reason = answers[DemoPrograms.CodeOfEthicsField]!.GetValue<bool>()
                ? "The experience described does not yet meet the CNP requirement; please reapply once it does."
                : "Certificants must agree to the Society's Code of Ethics; the application declined it.";
            application.MoveTo(ApplicationStatus.Rejected, ReviewerActor, reason, submitted.AddDays(random.Next(2, 6)));
        }
    }

    /// <summary>A goal set at <paramref name="setAt"/>, its progress recorded then and again when the member applied.</summary>
    private void AddGoal(Seed seed, Member member, CredentialProgram program, DateTimeOffset setAt, Application? application)
    {
        var criteria = Criteria.ForProgram(program.EligibilityCriteria, []);
        var goal = new Goal { MemberId = member.Id, ProgramId = program.Id, CreatedAt = setAt };
        goal.Record(EligibilityRules.Decide(program.Id, criteria, FactsOf(member, setAt, answers: null)), setAt, first: true);
        if (application is not null)
        {
            using var answers = JsonDocument.Parse(application.Answers);
            goal.Record(EligibilityRules.Decide(program.Id, criteria, FactsOf(member, application.CreatedAt, answers.RootElement)), application.CreatedAt, first: false);
        }
        db.Goals.Add(goal);
    }

    // CNP's criteria read experience, membership and answers; neither CE nor held credentials.
    private static MemberFacts FactsOf(Member member, DateTimeOffset at, JsonElement? answers) =>
        new(member.Id, at, member.YearsOfExperience, member.MembershipStatus, member.MembershipLevel, [], [], answers?.Clone());

    /// <summary>Staff actions on standing: one certification revoked, a few suspended, each with its reason.</summary>
    private static void ChangeStanding(Seed seed)
    {
        var active = seed.Certifications.Where(c => c.Status == CredentialStatus.Active).ToList();
        active[0].ChangeStatus(CredentialStatus.Revoked, "Ethics board finding: misrepresented credentials to an employer.", AdminActor, seed.Now.AddDays(-20));
        for (var i = 0; i < Suspensions.Length; i++)
            active[1 + i].ChangeStatus(CredentialStatus.Suspended, Suspensions[i].Reason, Suspensions[i].Actor, seed.Now.AddDays(-5 - 7 * i));
    }

    /// <summary>
    /// A CE audit of CNP drawn by the audits' own code with a recorded seed, so anyone can draw the same sample again from
    /// the same population. The first certificant selected has had every credit accepted; the second has submitted
    /// evidence, one credit rejected and the rest awaiting a decision; the others have not answered yet.
    /// </summary>
    private async Task<CeAudit> AddCeAuditAsync(Seed seed, CancellationToken ct)
    {
        var (program, now) = (seed.Certification, seed.Now);
        var audit = await CeAuditsApi.DrawAsync(db, program.Id, program.Recertification!.AuditSamplePercent, AuditRenewingWithinDays, AuditSeed,
            [], AdminActor, now, ct);
        await db.SaveChangesAsync(ct);

        var answered = 0;
        foreach (var selection in audit.Selections)
        {
            var credits = await CeAuditsApi.CycleCredits(db, selection).OrderBy(c => c.EarnedAt).ToListAsync(ct);
            if (credits.Count < 2 || answered == 2) continue;
            answered++;
            foreach (var (credit, i) in credits.Select((c, i) => (c, i)))
            {
                var entry = new CeAuditCredit
                {
                    SelectionId = selection.Id, CreditId = credit.Id, SubmittedAt = now.AddDays(-3),
                    Evidence = $"Certificate of completion for '{credit.Activity}', {credit.Hours:0.#} hours (PDF on file).",
                };
                selection.Credits.Add(entry);
                db.CeAuditCredits.Add(entry);
                var decide = answered == 1 || i == 0;
                if (!decide) continue;
                var accepted = answered == 1;
                var reason = accepted ? $"Accepted in CE audit {audit.Id}." : "The certificate shows attendance but not the hours claimed.";
                (entry.Decision, entry.Reason, entry.DecidedBy, entry.DecidedAt) =
                    (accepted ? CeAuditCreditDecision.Accepted : CeAuditCreditDecision.Rejected, accepted ? null : reason, ReviewerActor, now.AddDays(-1));
                var tracked = await db.ContinuingEducationCredits.SingleAsync(c => c.Id == credit.Id, ct);
                tracked.Review(accepted, reason, ReviewerActor, now.AddDays(-1));
            }
            await db.SaveChangesAsync(ct);
            await CeAuditsApi.CompleteIfDecidedAsync(db, selection, now, ct);
            await db.SaveChangesAsync(ct);
        }
        return audit;
    }

    private Credential NewCredential(Seed seed, Member member, CredentialProgram program, DateTimeOffset issued, DateTimeOffset? expires, string reason = "Awarded.")
    {
        var prefix = $"{CredentialNumber.PrefixFor(program.Kind)}-{issued.Year}";
        seed.Sequence[prefix] = seed.Sequence.GetValueOrDefault(prefix) + 1;
        var credential = Credential.Award(CredentialNumber.Format(program.Kind, issued.Year, seed.Sequence[prefix]), member.Id, program.Id, issued, expires, SeededBy, reason);
        db.Credentials.Add(credential);
        return credential;
    }

    /// <summary>Creates the three demo accounts; returns the reviewer's account id, which the reviewer queue assigns by.</summary>
    private async Task<string> AddAccountsAsync(Member demoMember)
    {
        await CreateAccountAsync(DemoAssociation.AdminEmail, "Avery Admin (demo)", HubRoles.Admin, null);
        var reviewer = await CreateAccountAsync(DemoAssociation.ReviewerEmail, "Riley Reviewer (demo)", HubRoles.Reviewer, null);
        await CreateAccountAsync(DemoAssociation.MemberEmail, $"{demoMember.FullName} (demo)", HubRoles.Member, demoMember.Id);
        return reviewer.Id;
    }

    private async Task<UserAccount> CreateAccountAsync(string email, string name, string role, Guid? memberId)
    {
        var (account, result) = await users.CreateAccountAsync(email, name, role, DemoAssociation.Password, memberId);
        if (!result.Succeeded) throw new InvalidOperationException($"Could not create demo account {email}: {result.Describe()}");
        return account;
    }

    private async Task ClearAsync(CancellationToken ct)
    {
        await db.AuditLog.ExecuteDeleteAsync(ct);
        await db.CeAuditCredits.ExecuteDeleteAsync(ct);
        await db.CeAuditSelections.ExecuteDeleteAsync(ct);
        await db.CeAudits.ExecuteDeleteAsync(ct);
        await db.CredentialNotices.ExecuteDeleteAsync(ct);
        await db.CredentialStatusChanges.ExecuteDeleteAsync(ct);
        await db.Credentials.ExecuteDeleteAsync(ct);
        await db.GoalProgress.ExecuteDeleteAsync(ct);
        await db.Goals.ExecuteDeleteAsync(ct);
        await db.ApplicationEvidenceFiles.ExecuteDeleteAsync(ct);
        await db.ApplicationEvidence.ExecuteDeleteAsync(ct);
        await db.ApplicationStatusChanges.ExecuteDeleteAsync(ct);
        await db.Applications.ExecuteDeleteAsync(ct);
        await db.ExamAttempts.ExecuteDeleteAsync(ct);
        await db.ContinuingEducationCredits.ExecuteDeleteAsync(ct);
        await db.ProgramPrerequisites.ExecuteDeleteAsync(ct);
        await db.Programs.ExecuteDeleteAsync(ct);
        await db.Users.Where(u => u.Email!.EndsWith("@" + DemoAssociation.EmailDomain)).ExecuteDeleteAsync(ct);
        await db.Members.ExecuteDeleteAsync(ct);
    }
}
