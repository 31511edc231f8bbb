using System.Net;
using CredentialConnect.IntegrationTests.Hosting;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;

namespace CredentialConnect.IntegrationTests.Exams;

/// <summary>The exam history query and the award run on the embedded default too.</summary>
public sealed class ExamsOnSqliteTests(SqliteHub hub) : IClassFixture<SqliteHub>
{
    [Fact]
    public async Task Record_AFailThenAPassAfterTheWait_AwardsOnTheEmbeddedDefault()
    {
        var now = hub.Factory.Clock.GetUtcNow();
        var member = new Member { AmsMemberId = "SQ-1", Email = "sq-1@example.org", FirstName = "Sol", LastName = "Quinn", CreatedAt = now, UpdatedAt = now };
        var program = new CredentialProgram
        {
            Code = "SQEXAM", Name = "SQLite exam", Kind = ProgramKind.MicroCredential, ExamRequired = true, Status = ProgramStatus.Published,
            Exam = new ExamRules { MaxAttempts = 3, RetakeWaitDays = 7 }, CreatedAt = now,
        };
        await hub.Factory.WithDbAsync(async db =>
        {
            db.Members.Add(member);
            db.Programs.Add(program);
            await db.SaveChangesAsync();
        });

        await (await hub.Admin.PostJsonAsync("/api/v1/exam-attempts", new { memberId = member.Id, programId = program.Id, score = 50, maxScore = 100, takenAt = now.AddDays(-10) }))
            .ReadAsync<ExamRecordedResponse>(HttpStatusCode.Created);
        var early = await hub.Admin.PostJsonAsync("/api/v1/exam-attempts", new { memberId = member.Id, programId = program.Id, score = 90, maxScore = 100, takenAt = now.AddDays(-5) });
        var pass = await (await hub.Admin.PostJsonAsync("/api/v1/exam-attempts", new { memberId = member.Id, programId = program.Id, score = 90, maxScore = 100, takenAt = now.AddDays(-1) }))
            .ReadAsync<ExamRecordedResponse>(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(2, pass.Attempt.AttemptNumber);
        Assert.True(pass.Award.Awarded, pass.Award.Explanation);
        Assert.StartsWith("MCRD-", pass.Award.CredentialNumber);
    }
}
