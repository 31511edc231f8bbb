using CredentialConnect.Connectors;
using CredentialConnect.IntegrationTests.Credentials;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Exams;

/// <summary>LMS results take the same exam-recording path as the API; the award follows from ExamPassed.</summary>
public sealed class LearningExamTests(HubFixture hub) : HubTest(hub)
{
    private static LearningEvent Result(Member member, CredentialProgram program, LearningVerb verb, decimal raw, DateTimeOffset at, string? id = null) =>
        new(id ?? Guid.NewGuid().ToString(), verb, new Learner("https://ams.example.org", member.AmsMemberId, null, null),
            program.Learning.Exams[0].ActivityId, "Exam", at, at) { Score = new LearningScore(raw / 100, raw, 0, 100) };

    private Task SyncAsync(params LearningEvent[] events) => Hub.WithDbAsync(async db =>
    {
        await new LearningSync(db, Hub.Factory.Clock).ApplyAsync("xapi", events, CancellationToken.None);
        await db.SaveChangesAsync();
    });

    private Task DispatchEventsAsync() =>
        Hub.Factory.Services.GetRequiredService<DomainEventDispatcher>().DispatchAsync(200, CancellationToken.None);

    [Fact]
    public async Task LmsPass_WithinTheRules_IsAwardedWhenExamPassedIsHandled_AndAReplayAwardsNothingMore()
    {
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam().SaveAsync(Hub);
        await SyncAsync(Result(member, program, LearningVerb.Passed, 88, Hub.Now.AddHours(-3)));

        await DispatchEventsAsync();
        var passed = await Hub.WithDbAsync(db => db.DomainEvents.SingleAsync(e => e.Type == DomainEventTypes.ExamPassed));
        await Hub.WithDbAsync(async db =>
        {
            db.Raise(DomainEventTypes.ExamPassed, Hub.Now, member.Id, program.Id, passed.Read<ExamEventData>());
            await db.SaveChangesAsync();
        });
        await DispatchEventsAsync();

        var credential = await Hub.WithDbAsync(db => db.Credentials.SingleAsync());
        Assert.Equal((member.Id, program.Id), (credential.MemberId, credential.ProgramId));
        Assert.Equal("system", (await Hub.WithDbAsync(db => db.CredentialStatusChanges.SingleAsync())).ChangedBy);
    }

    [Fact]
    public async Task LmsPass_BeyondTheAttemptLimit_IsRecordedButDoesNotCountOrAward()
    {
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam(maxAttempts: 1).SaveAsync(Hub);
        await SyncAsync(
            Result(member, program, LearningVerb.Failed, 40, Hub.Now.AddDays(-5)),
            Result(member, program, LearningVerb.Passed, 90, Hub.Now.AddDays(-1)));

        await DispatchEventsAsync();

        var second = await Hub.WithDbAsync(db => db.ExamAttempts.SingleAsync(a => a.AttemptNumber == 2));
        Assert.True(second.Passed);
        Assert.False(second.CountsTowardAward);
        Assert.Contains("does not count toward the credential", second.Explanation);
        var passed = (await Hub.WithDbAsync(db => db.DomainEvents.SingleAsync(e => e.Type == DomainEventTypes.ExamPassed))).Read<ExamEventData>();
        Assert.False(passed.CountsTowardAward);
        Assert.Contains("at most 1 attempt", passed.Explanation);
        Assert.Equal(0, await Hub.WithDbAsync(db => db.Credentials.CountAsync()));
    }

    [Fact]
    public async Task LmsPass_BelowTheProgramsPassingScore_IsAFail()
    {
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam(passingScorePercent: 80).SaveAsync(Hub);

        await SyncAsync(Result(member, program, LearningVerb.Passed, 75, Hub.Now.AddHours(-1)));

        var attempt = await Hub.WithDbAsync(db => db.ExamAttempts.SingleAsync());
        Assert.False(attempt.Passed);
        Assert.Contains("the program's rule decides", attempt.Explanation);
        Assert.Equal(DomainEventTypes.ExamFailed, (await Hub.WithDbAsync(db => db.DomainEvents.SingleAsync(e => e.Type.StartsWith("Exam")))).Type);
    }

    [Fact]
    public async Task LmsResult_SentTwice_IsRecordedOnce()
    {
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam().SaveAsync(Hub);
        var result = Result(member, program, LearningVerb.Failed, 30, Hub.Now.AddHours(-1), id: "stmt-42");

        await SyncAsync(result);
        await SyncAsync(result);

        Assert.Equal("stmt-42", Assert.Single(await Hub.WithDbAsync(db => db.ExamAttempts.ToListAsync())).SourceRecordId);
    }
}
