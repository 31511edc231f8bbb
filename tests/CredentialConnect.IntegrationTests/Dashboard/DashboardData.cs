using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Dashboard;

/// <summary>
/// Dashboard data with answers worked out by hand, written straight to the database at chosen instants. Months are
/// counted from <see cref="Month0"/>, the first of the clock's current month: <c>At(-2)</c> is the 10th two months ago.
/// </summary>
public sealed class DashboardData(DateTimeOffset now)
{
    public DateTimeOffset Month0 { get; } = new(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);

    public string MonthName(int month) => Month0.AddMonths(month).ToString("yyyy-MM");

    public DateTimeOffset At(int month, int day = 10) => Month0.AddMonths(month).AddDays(day - 1).AddHours(12);

    public CredentialProgram A { get; } = Program("DASH-A");
    public CredentialProgram B { get; } = Program("DASH-B");
    private readonly List<Member> _members = [];
    private int _numbers;

    private static CredentialProgram Program(string code) => new()
    {
        Code = code, Name = $"Program {code}", Kind = ProgramKind.Certification, ValidityPeriod = "P1Y", Status = ProgramStatus.Published,
        CreatedAt = HubFactoryStart,
    };

    private static readonly DateTimeOffset HubFactoryStart = Infrastructure.HubFactory.Start;

    public Member Member(int i)
    {
        while (_members.Count <= i)
        {
            var n = _members.Count + 1;
            _members.Add(new Member
            {
                AmsMemberId = $"DASH-{n}", Email = $"dash-{n}@example.org", FirstName = "Dana", LastName = $"Member {n}",
                CreatedAt = HubFactoryStart, UpdatedAt = HubFactoryStart,
            });
        }
        return _members[i];
    }

    /// <summary>The programs and members, for the rows that follow.</summary>
    public void AddPeople(AppDbContext db, int members)
    {
        for (var i = 0; i < members; i++) Member(i);
        db.Programs.AddRange(A, B);
        db.Members.AddRange(_members);
    }

    public Credential Credential(CredentialProgram program, int member, DateTimeOffset issuedAt, DateTimeOffset? expiresAt) =>
        Web.Features.Credentials.Credential.Award($"CERT-2019-{900000 + ++_numbers:D6}", Member(member).Id, program.Id, issuedAt, expiresAt, "test");

    public Application Application(CredentialProgram program, int member, DateTimeOffset startedAt, params ApplicationStatus[] steps)
    {
        var application = Web.Features.Applications.Application.Start(Member(member).Id, program.Id, "{}", "test", startedAt);
        var at = startedAt;
        foreach (var step in steps) application.MoveTo(step, "test", "Seeded.", at = at.AddHours(1));
        return application;
    }

    public ExamAttempt Attempt(CredentialProgram program, int member, int number, DateTimeOffset takenAt, bool passed) => new()
    {
        MemberId = Member(member).Id, ProgramId = program.Id, Score = passed ? 80 : 40, MaxScore = 100, Passed = passed,
        AttemptNumber = number, TakenAt = takenAt, Source = ExamSource.Api,
    };

    /// <summary>
    /// Program A, members 0–4: 7 sittings from month -3 to 0, 3 passed. Failed in the period: member 0 (then passed),
    /// member 1 (twice, retook but never passed), member 2 (no retake): 3 failed, 2 retook, 1 passed.
    /// Member 4 failed before the period and passed in month -3. Program B: member 0 failed once in month -1.
    /// </summary>
    public void AddExams(AppDbContext db) => db.ExamAttempts.AddRange(
        Attempt(A, 0, 1, At(-2, 3), passed: false), Attempt(A, 0, 2, At(-1), passed: true),
        Attempt(A, 1, 1, At(-2, 5), passed: false), Attempt(A, 1, 2, At(-1, 6), passed: false),
        Attempt(A, 2, 1, At(0, 2), passed: false),
        Attempt(A, 3, 1, At(-1, 7), passed: true),
        Attempt(A, 4, 1, At(-5), passed: false), Attempt(A, 4, 2, At(-3), passed: true),
        Attempt(B, 0, 1, At(-1, 8), passed: false));

    /// <summary>
    /// Program A: a cycle ending in month -1 that lapsed; one ending in month -2 and renewed; one ending in month +1;
    /// a revoked one ending in month -1 (never due); one ending in month -1, in its grace period (Expiring).
    /// Program B: one ending in month -2, lapsed.
    /// </summary>
    public void AddCycles(AppDbContext db, DateTimeOffset now)
    {
        var lapsed = Credential(A, 0, At(-13), At(-1));
        lapsed.ChangeStatus(CredentialStatus.Lapsed, "Lapsed.", "test", now);
        var renewed = Credential(A, 1, At(-14), At(-2));
        renewed.Renew(At(10), "Renewed.", "test", At(-2, 1));
        var upcoming = Credential(A, 2, At(-11), At(1));
        var revoked = Credential(A, 3, At(-13), At(-1, 4));
        revoked.ChangeStatus(CredentialStatus.Revoked, "Revoked.", "test", now);
        var inGrace = Credential(A, 4, At(-13), At(-1, 20));
        inGrace.ChangeStatus(CredentialStatus.Expiring, "Expiring.", "test", now);
        var otherLapsed = Credential(B, 0, At(-14), At(-2, 15));
        otherLapsed.ChangeStatus(CredentialStatus.Lapsed, "Lapsed.", "test", now);
        db.Credentials.AddRange(lapsed, renewed, upcoming, revoked, inGrace, otherLapsed);
    }
}
