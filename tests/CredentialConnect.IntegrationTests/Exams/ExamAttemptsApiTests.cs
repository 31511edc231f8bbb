using System.Net;
using CredentialConnect.IntegrationTests.Credentials;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Exams;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Exams;

public sealed class ExamAttemptsApiTests(HubFixture hub) : HubTest(hub)
{
    private const string Attempts = "/api/v1/exam-attempts";

    private static object Result(Guid memberId, Guid programId, decimal score, DateTimeOffset takenAt, string? sourceRecordId = null, decimal maxScore = 100) =>
        new { memberId, programId, score, maxScore, takenAt, sourceRecordId };

    [Fact]
    public async Task Record_WithInvalidInput_Returns400NamingEveryField()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        var response = await admin.PostJsonAsync(Attempts, new { memberId = Guid.NewGuid(), programId = Guid.NewGuid(), score = -5, maxScore = 0, takenAt = Hub.Now.AddDays(1) });
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        foreach (var field in new[] { "memberId", "programId", "score", "maxScore", "takenAt" }) Assert.NotEmpty(problem.FieldErrors(field));
        Assert.Equal(0, await Hub.WithDbAsync(db => db.ExamAttempts.CountAsync()));
    }

    [Fact]
    public async Task Record_ScoreAboveMaximum_Returns400OnScore()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam().SaveAsync(Hub);

        var problem = await (await admin.PostJsonAsync(Attempts, Result(member.Id, program.Id, 101, Hub.Now))).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("greater than the max score", Assert.Single(problem.FieldErrors("score")));
    }

    [Fact]
    public async Task Record_ForAProgramWithoutAnExam_Returns400OnProgramId()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().SaveAsync(Hub);

        var problem = await (await admin.PostJsonAsync(Attempts, Result(member.Id, program.Id, 80, Hub.Now))).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);

        Assert.Contains("does not require one", Assert.Single(problem.FieldErrors("programId")));
    }

    [Fact]
    public async Task Record_AFail_RaisesExamFailedWithTheAttemptNumberAndScore()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam(passingScorePercent: 75).SaveAsync(Hub);

        var recorded = await (await admin.PostJsonAsync(Attempts, Result(member.Id, program.Id, 74, Hub.Now.AddDays(-1))))
            .ReadAsync<ExamRecordedResponse>(HttpStatusCode.Created);

        Assert.False(recorded.Attempt.Passed);
        Assert.False(recorded.Award.Awarded);
        var failed = await Hub.WithDbAsync(db => db.DomainEvents.SingleAsync(e => e.Type == DomainEventTypes.ExamFailed));
        var data = failed.Read<ExamEventData>();
        Assert.Equal((recorded.Attempt.Id, 1, 74m, 100m, program.Code), (data.AttemptId, data.AttemptNumber, data.Score, data.MaxScore, data.ProgramCode));
    }

    [Fact]
    public async Task Record_BeyondTheAttemptLimit_Returns409AndRecordsNothing()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam(maxAttempts: 2).SaveAsync(Hub);
        await (await admin.PostJsonAsync(Attempts, Result(member.Id, program.Id, 40, Hub.Now.AddDays(-20)))).ReadAsync<ExamRecordedResponse>(HttpStatusCode.Created);
        await (await admin.PostJsonAsync(Attempts, Result(member.Id, program.Id, 50, Hub.Now.AddDays(-10)))).ReadAsync<ExamRecordedResponse>(HttpStatusCode.Created);

        var problem = await (await admin.PostJsonAsync(Attempts, Result(member.Id, program.Id, 90, Hub.Now))).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);

        Assert.Contains("at most 2 attempts", problem.GetProperty("detail").GetString());
        Assert.Equal(2, await Hub.WithDbAsync(db => db.ExamAttempts.CountAsync()));
        Assert.Equal(0, await Hub.WithDbAsync(db => db.Credentials.CountAsync()));
    }

    [Fact]
    public async Task Record_InsideTheWaitAfterAFailure_Returns409WithTheNextAllowedDate()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam(retakeWaitDays: 30).SaveAsync(Hub);
        var failedAt = Hub.Now.AddDays(-10);
        await (await admin.PostJsonAsync(Attempts, Result(member.Id, program.Id, 40, failedAt))).ReadAsync<ExamRecordedResponse>(HttpStatusCode.Created);

        var problem = await (await admin.PostJsonAsync(Attempts, Result(member.Id, program.Id, 90, Hub.Now))).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);

        var next = failedAt.AddDays(30);
        Assert.Equal(next, problem.GetProperty("nextAttemptAllowedAt").GetDateTimeOffset());
        Assert.Contains(next.ToString("yyyy-MM-dd"), problem.GetProperty("detail").GetString());
        Assert.Equal(1, await Hub.WithDbAsync(db => db.ExamAttempts.CountAsync()));
    }

    [Fact]
    public async Task Record_TheSameSourceRecordTwice_KeepsOneAttempt()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam().SaveAsync(Hub);
        var result = Result(member.Id, program.Id, 60, Hub.Now.AddHours(-2), sourceRecordId: "proctor-7781");

        var first = await (await admin.PostJsonAsync(Attempts, result)).ReadAsync<ExamRecordedResponse>(HttpStatusCode.Created);
        var second = await (await admin.PostJsonAsync(Attempts, result)).ReadAsync<ExamRecordedResponse>(HttpStatusCode.OK);

        Assert.Equal(first.Attempt.Id, second.Attempt.Id);
        Assert.Equal(1, await Hub.WithDbAsync(db => db.ExamAttempts.CountAsync()));
        Assert.Equal(1, await Hub.WithDbAsync(db => db.DomainEvents.CountAsync(e => e.Type == DomainEventTypes.ExamFailed)));
    }

    [Fact]
    public async Task Record_APassThatCompletesTheProgram_AwardsItWithANumberAndEndOfValidity()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam().WithValidity("P2Y").SaveAsync(Hub);

        var recorded = await (await admin.PostJsonAsync(Attempts, Result(member.Id, program.Id, 35, Hub.Now.AddHours(-1), maxScore: 50)))
            .ReadAsync<ExamRecordedResponse>(HttpStatusCode.Created);

        Assert.True(recorded.Attempt.Passed);
        Assert.True(recorded.Award.Awarded, recorded.Award.Explanation);
        var credential = await Hub.WithDbAsync(db => db.Credentials.SingleAsync());
        Assert.Equal(recorded.Award.CredentialNumber, credential.Number);
        Assert.Matches(@"^CERT-\d{4}-000001$", credential.Number);
        Assert.Equal(credential.IssuedAt.AddYears(2), credential.ExpiresAt);
        var awarded = await Hub.WithDbAsync(db => db.DomainEvents.SingleAsync(e => e.Type == DomainEventTypes.CredentialAwarded));
        Assert.Equal((credential.Id, credential.Number, program.Code, credential.ExpiresAt),
            awarded.Read<CredentialAwardedData>() is var d ? (d.CredentialId, d.Number, d.ProgramCode, d.ExpiresAt) : default);
    }

    [Fact]
    public async Task Record_APassWithoutThePrerequisites_AwardsNothingAndSaysWhatIsMissing()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var member = await Hub.AddMemberAsync();
        var foundation = await new LifecycleProgramBuilder().WithCode("FOUND").SaveAsync(Hub);
        var advanced = await new LifecycleProgramBuilder().WithExam().Requiring(foundation).SaveAsync(Hub);

        var recorded = await (await admin.PostJsonAsync(Attempts, Result(member.Id, advanced.Id, 95, Hub.Now)))
            .ReadAsync<ExamRecordedResponse>(HttpStatusCode.Created);

        Assert.True(recorded.Attempt.Passed);
        Assert.False(recorded.Award.Awarded);
        Assert.Contains("FOUND held", Assert.Single(recorded.Award.Missing));
        Assert.Contains("not awarded yet", recorded.Award.Explanation);
        Assert.Equal(0, await Hub.WithDbAsync(db => db.Credentials.CountAsync()));
    }

    [Fact]
    public async Task List_AsAMember_ShowsOnlyTheirOwnAttempts()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var (mine, theirs) = (await Hub.AddMemberAsync(), await Hub.AddMemberAsync());
        var program = await new LifecycleProgramBuilder().WithExam().SaveAsync(Hub);
        await admin.PostJsonAsync(Attempts, Result(mine.Id, program.Id, 50, Hub.Now.AddDays(-3)));
        await admin.PostJsonAsync(Attempts, Result(theirs.Id, program.Id, 50, Hub.Now.AddDays(-3)));
        var member = await Hub.SignedInAsync(HubRoles.Member, mine.Id);

        var page = await (await member.GetAsync($"{Attempts}?programId={program.Id}")).ReadAsync<Page<ExamAttemptResponse>>();

        Assert.Equal(mine.Id, Assert.Single(page.Items).MemberId);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task Record_AsAMember_IsForbidden()
    {
        var self = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam().SaveAsync(Hub);
        var member = await Hub.SignedInAsync(HubRoles.Member, self.Id);

        var response = await member.PostJsonAsync(Attempts, Result(self.Id, program.Id, 99, Hub.Now));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
