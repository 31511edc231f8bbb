using System.Net;
using System.Text.Json;
using CredentialConnect.Connectors;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Sync;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Programs;

/// <summary>A program's LMS activity map, set through the API, and the statements it reaches back to.</summary>
public sealed class ProgramLearningApiTests(HubFixture hub) : HubTest(hub)
{
    private const string Lms = "https://lms.example.org";
    private const string EthicsCourse = Lms + "/courses/ethics-in-practice";
    private const string FinanceCourse = Lms + "/courses/nonprofit-finance";
    private const string Exam = Lms + "/exams/cnp";

    private static LearningEvent Statement(Member member, LearningVerb verb, string activityId, DateTimeOffset at, LearningScore? score = null) =>
        new(Guid.NewGuid().ToString(), verb, new Learner(Lms, member.AmsMemberId, null, null), activityId, "Activity", at, at) { Score = score };

    private Task ReceiveAsync(params LearningEvent[] statements) => Hub.WithDbAsync(async db =>
    {
        await new LearningSync(db, Hub.Factory.Clock).ApplyAsync("xapi", statements, CancellationToken.None);
        await db.SaveChangesAsync();
    });

    private static async Task<ProgramResponse> CreateAsync(HttpClient admin, ProgramWrite program) =>
        await (await admin.PostJsonAsync("/api/v1/programs", program)).ReadAsync<ProgramResponse>(HttpStatusCode.Created);

    private static object Map(int version, object[] exams, object[] courses) => new { version, exams, courses };

    private Task<(int Credits, int Attempts, int CourseEvents, int ExamEvents)> CountsAsync() => Hub.WithDbAsync(async db => (
        await db.ContinuingEducationCredits.CountAsync(), await db.ExamAttempts.CountAsync(),
        await db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.CourseCompleted),
        await db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.ExamPassed || e.Type == DomainEventTypes.ExamFailed)));

    [Fact]
    public async Task PutLearning_WithUnknownCategoryNegativeHoursAndActivitiesMappedTwice_Returns400NamingEachPath()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var other = await CreateAsync(admin, new ProgramBuilder().WithCode("OTHER").Build());
        await (await admin.PutJsonAsync($"/api/v1/programs/{other.Id}/learning", Map(other.Version, [new { activityId = Exam }], [])))
            .ReadAsync<ProgramLearningResponse>();
        var program = await CreateAsync(admin, new ProgramBuilder().WithCode("CNP").Build());

        var response = await admin.PutJsonAsync($"/api/v1/programs/{program.Id}/learning", Map(program.Version,
            [new { activityId = Exam }, new { activityId = Lms + "/exams/cnp-retake", passingScorePercent = 120 }],
            [
                new { activityId = EthicsCourse, category = "ethics", hours = 2 },
                new { activityId = FinanceCourse, category = "Finance", hours = 1 },
                new { activityId = EthicsCourse, category = "Ethics", hours = -1 },
                new { activityId = "", category = "Ethics", hours = 1 },
            ]));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        Assert.Contains("program OTHER", Assert.Single(problem.FieldErrors("exams[0].activityId")));
        Assert.Single(problem.FieldErrors("exams[1].passingScorePercent"));
        Assert.Contains("'Finance' is not a recertification category", Assert.Single(problem.FieldErrors("courses[1].category")));
        Assert.Contains("more than zero", Assert.Single(problem.FieldErrors("courses[2].hours")));
        Assert.Contains("already mapped at courses[0]", Assert.Single(problem.FieldErrors("courses[2].activityId")));
        Assert.Single(problem.FieldErrors("courses[3].activityId"));
        Assert.Empty(problem.FieldErrors("courses[0].category"));
        var stored = await (await admin.GetAsync($"/api/v1/programs/{program.Id}/learning")).ReadAsync<ProgramLearningResponse>();
        Assert.Equal((0, 0), (stored.Exams.Length, stored.Courses.Length));
    }

    [Fact]
    public async Task CreateProgram_WithALearningMapNamingAnUnknownCategory_Returns400NamingThePath()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = new ProgramBuilder().Build() with { Learning = new LearningMapWrite(null, [new CourseCreditWrite(EthicsCourse, "Finance", 2)]) };

        var problem = await (await admin.PostJsonAsync("/api/v1/programs", program)).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Single(problem.FieldErrors("learning.courses[0].category"));
        Assert.Equal(0, await Hub.WithDbAsync(db => db.Programs.CountAsync()));
    }

    [Fact]
    public async Task PutLearning_AfterTheStatementsArrived_AppliesThemOnce_AndPuttingItAgainChangesNothing()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await CreateAsync(admin, new ProgramBuilder().WithCode("CNP").Build());
        var member = await Hub.AddMemberAsync();
        var withdrawn = Statement(member, LearningVerb.Completed, FinanceCourse, Hub.Now.AddDays(-4));
        await ReceiveAsync(
            Statement(member, LearningVerb.Completed, EthicsCourse, Hub.Now.AddDays(-5)),
            withdrawn,
            new LearningEvent(Guid.NewGuid().ToString(), LearningVerb.Voided, withdrawn.Learner, "", null, Hub.Now.AddDays(-3), Hub.Now.AddDays(-3))
                { VoidedEventId = withdrawn.EventId },
            Statement(member, LearningVerb.Passed, Exam, Hub.Now.AddDays(-2), new LearningScore(0.85m, 85, 0, 100)));
        Assert.Equal((0, 0, 0, 0), await CountsAsync());

        var mapped = await (await admin.PutJsonAsync($"/api/v1/programs/{program.Id}/learning", Map(program.Version,
            [new { activityId = Exam }],
            [new { activityId = EthicsCourse, category = "ethics", hours = 2.5m }, new { activityId = FinanceCourse, category = "Self-study", hours = 1 }])))
            .ReadAsync<ProgramLearningResponse>();

        Assert.Equal(2, mapped.StatementsApplied);
        Assert.Equal((1, 1, 1, 1), await CountsAsync());
        var credit = await Hub.WithDbAsync(db => db.ContinuingEducationCredits.SingleAsync());
        Assert.Equal((member.Id, "Ethics", 2.5m, CreditSource.Lms), (credit.MemberId, credit.Category, credit.Hours, credit.Source));
        var attempt = await Hub.WithDbAsync(db => db.ExamAttempts.SingleAsync());
        Assert.Equal((member.Id, program.Id, true), (attempt.MemberId, attempt.ProgramId, attempt.Passed));

        var again = await (await admin.PutJsonAsync($"/api/v1/programs/{program.Id}/learning", Map(mapped.Version,
            [new { activityId = Exam }],
            [new { activityId = EthicsCourse, category = "Ethics", hours = 2.5m }, new { activityId = FinanceCourse, category = "Self-study", hours = 1 }])))
            .ReadAsync<ProgramLearningResponse>();

        Assert.Equal((0, mapped.Version), (again.StatementsApplied, again.Version));
        Assert.Equal((1, 1, 1, 1), await CountsAsync());
        Assert.Equal(0, await Hub.WithDbAsync(db => db.MemberMatchReviews.CountAsync()));
    }

    [Fact]
    public async Task PutLearning_WhenTheActivityIsRemappedAfterBeingApplied_DoesNotApplyItTwice()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var program = await CreateAsync(admin, new ProgramBuilder().WithCode("CNP").Build());
        var member = await Hub.AddMemberAsync();
        await ReceiveAsync(Statement(member, LearningVerb.Completed, EthicsCourse, Hub.Now.AddDays(-5)));
        var course = new { activityId = EthicsCourse, category = "Ethics", hours = 2 };
        var first = await (await admin.PutJsonAsync($"/api/v1/programs/{program.Id}/learning", Map(program.Version, [], [course])))
            .ReadAsync<ProgramLearningResponse>();
        var cleared = await (await admin.PutJsonAsync($"/api/v1/programs/{program.Id}/learning", Map(first.Version, [], [])))
            .ReadAsync<ProgramLearningResponse>();

        var remapped = await (await admin.PutJsonAsync($"/api/v1/programs/{program.Id}/learning", Map(cleared.Version, [], [course])))
            .ReadAsync<ProgramLearningResponse>();

        Assert.Equal((1, 0), (first.StatementsApplied, remapped.StatementsApplied));
        Assert.Equal((1, 0, 1, 0), await CountsAsync());
    }

    [Fact]
    public async Task Receive_AnUnmappedActivity_HoldsAnUnknownLearnerForReview_AndKeepsAKnownLearnersStatementWithoutAReview()
    {
        var known = await Hub.AddMemberAsync();
        var stranger = new Learner(Lms, "someone-else", "stranger@example.org", "Stranger");

        await ReceiveAsync(
            new LearningEvent("unknown-1", LearningVerb.Completed, stranger, FinanceCourse, "Finance", Hub.Now.AddDays(-1), Hub.Now.AddDays(-1)),
            Statement(known, LearningVerb.Completed, FinanceCourse, Hub.Now.AddDays(-1)));

        var review = await Hub.WithDbAsync(db => db.MemberMatchReviews.SingleAsync());
        Assert.Equal(("xapi", MatchReviewStatus.Open, "stranger@example.org"), (review.Source, review.Status, review.Email));
        var kept = await Hub.WithDbAsync(db => db.InboxMessages.Where(m => m.Kind == LearningSync.InboxKind).OrderBy(m => m.EventId == "unknown-1").ToListAsync());
        Assert.All(kept, m => Assert.Equal((FinanceCourse, (DateTimeOffset?)null), (m.ActivityId, m.ProcessedAt)));
        Assert.Equal(review.InboxMessageId, kept[1].Id);
        Assert.Equal(0, await Hub.WithDbAsync(db => db.ContinuingEducationCredits.CountAsync()));
    }

    [Fact]
    public async Task GetProgram_ThenPutItBackUnchanged_KeepsTheLearningMap()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var created = await CreateAsync(admin, new ProgramBuilder().WithCode("CNP").Build() with
        {
            Learning = new LearningMapWrite([new ExamActivityWrite(Exam, 75)], [new CourseCreditWrite(EthicsCourse, "Ethics", 3)]),
        });
        var read = await admin.GetAsync($"/api/v1/programs/{created.Id}");
        var body = JsonSerializer.Deserialize<JsonElement>(await read.Content.ReadAsStringAsync());

        var replaced = await (await admin.PutJsonAsync($"/api/v1/programs/{created.Id}", body)).ReadAsync<ProgramResponse>();

        var map = await (await admin.GetAsync($"/api/v1/programs/{created.Id}/learning")).ReadAsync<ProgramLearningResponse>();
        Assert.Equal((Exam, (decimal?)75), (Assert.Single(map.Exams).ActivityId, map.Exams[0].PassingScorePercent));
        Assert.Equal((EthicsCourse, "Ethics", 3m), (Assert.Single(map.Courses).ActivityId, map.Courses[0].Category, map.Courses[0].Hours));
        Assert.Equal(Exam, Assert.Single(replaced.Learning.Exams).ActivityId);
    }
}
