using System.Net;
using System.Text.Json;
using CredentialConnect.Connectors;
using CredentialConnect.IntegrationTests.Credentials;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Workflows.Engine;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Readiness;
using CredentialConnect.Web.Features.Sync;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using static CredentialConnect.IntegrationTests.Eligibility.EligibilityCriteriaApiTests;

namespace CredentialConnect.IntegrationTests.Exams;

/// <summary>LMS statements that arrive out of order or are voided: sittings numbered by when they were taken, and undoing has consequences.</summary>
public sealed class LearningOrderTests(HubFixture hub) : HubTest(hub)
{
    private static LearningEvent Result(Member member, CredentialProgram program, LearningVerb verb, decimal raw, DateTimeOffset at, string? id = null) =>
        new(id ?? Guid.NewGuid().ToString(), verb, new Learner("https://ams.example.org", member.AmsMemberId, null, null),
            program.Learning.Exams[0].ActivityId, "Exam", at, at) { Score = new LearningScore(raw / 100, raw, 0, 100) };

    private static LearningEvent Voiding(Member member, string voidedId, DateTimeOffset at) =>
        new(Guid.NewGuid().ToString(), LearningVerb.Voided, new Learner("https://ams.example.org", member.AmsMemberId, null, null), "voided", null, at, at)
        {
            VoidedEventId = voidedId,
        };

    private Task SyncAsync(params LearningEvent[] events) => Hub.WithDbAsync(async db =>
    {
        await new LearningSync(db, Hub.Factory.Clock).ApplyAsync("xapi", events, CancellationToken.None);
        await db.SaveChangesAsync();
    });

    private Task<List<Web.Features.Exams.ExamAttempt>> AttemptsAsync(Member member) =>
        Hub.WithDbAsync(db => db.ExamAttempts.AsNoTracking().Where(a => a.MemberId == member.Id).OrderBy(a => a.AttemptNumber).ToListAsync());

    [Fact]
    public async Task LateOlderFail_ArrivingAfterTheNewerPass_RenumbersIt_AndTheRetakeWaitIsJudgedFromTheEarlierSitting()
    {
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam(retakeWaitDays: 30).SaveAsync(Hub);
        await SyncAsync(Result(member, program, LearningVerb.Passed, 90, Hub.Now.AddDays(-1), id: "pass"));

        await SyncAsync(Result(member, program, LearningVerb.Failed, 40, Hub.Now.AddDays(-10), id: "fail"));

        var attempts = await AttemptsAsync(member);
        Assert.Equal([("fail", 1), ("pass", 2)], attempts.Select(a => (a.SourceRecordId!, a.AttemptNumber)));
        Assert.True(attempts[0].CountsTowardAward);
        Assert.False(attempts[1].CountsTowardAward);
        Assert.Contains("may be retaken after 30 days", attempts[1].Explanation);
    }

    [Fact]
    public async Task SittingsInOnePage_NewestFirst_AreNumberedByWhenTheyWereTaken_AndTheirEventsSayTheSame()
    {
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam(retakeWaitDays: 14).SaveAsync(Hub);

        await SyncAsync(
            Result(member, program, LearningVerb.Passed, 90, Hub.Now.AddDays(-2), id: "third"),
            Result(member, program, LearningVerb.Failed, 40, Hub.Now.AddDays(-60), id: "first"),
            Result(member, program, LearningVerb.Failed, 50, Hub.Now.AddDays(-40), id: "second"));

        var attempts = await AttemptsAsync(member);
        Assert.Equal(["first", "second", "third"], attempts.Select(a => a.SourceRecordId));
        Assert.All(attempts, a => Assert.True(a.CountsTowardAward));
        var events = await Hub.WithDbAsync(db => db.DomainEvents.AsNoTracking().Where(e => e.Type == DomainEventTypes.ExamPassed || e.Type == DomainEventTypes.ExamFailed).ToListAsync());
        var numbers = events.Select(e => e.Read<ExamEventData>()).ToDictionary(d => d.AttemptId, d => d.AttemptNumber);
        Assert.Equal(attempts.ToDictionary(a => a.Id, a => a.AttemptNumber), numbers);
    }

    [Fact]
    public async Task RenumberedAttempt_ItsUndeliveredMessageSaysTheCorrectedNumber_AndADeliveredOneIsNotRewrittenOrSentAgain()
    {
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam().SaveAsync(Hub);
        await SyncAsync(Result(member, program, LearningVerb.Failed, 40, Hub.Now.AddDays(-1), id: "newest"));
        await SyncAsync(Result(member, program, LearningVerb.Failed, 45, Hub.Now.AddDays(-3), id: "middle"));
        await Hub.DispatchEventsAsync();
        var delivered = await Hub.WithDbAsync(async db =>
        {
            var middle = await MessageAboutAsync(db, "middle");
            middle.Status = OutboxStatus.Delivered;
            middle.DeliveredAt = Hub.Now;
            await db.SaveChangesAsync();
            return middle.Payload;
        });

        await SyncAsync(Result(member, program, LearningVerb.Failed, 30, Hub.Now.AddDays(-5), id: "oldest"));
        await Hub.DispatchEventsAsync();

        var (newest, middle, oldest, count) = await Hub.WithDbAsync(async db => (await MessageAboutAsync(db, "newest"), await MessageAboutAsync(db, "middle"),
            await MessageAboutAsync(db, "oldest"), await db.OutboxMessages.CountAsync(m => m.MemberId == member.Id)));
        Assert.Equal(OutboxStatus.Pending, newest.Status);
        Assert.StartsWith("Attempt 3 scored 40", Body(newest));
        Assert.StartsWith("Attempt 1 scored 30", Body(oldest));
        Assert.Equal(delivered, middle.Payload);
        Assert.StartsWith("Attempt 1 scored 45", Body(middle));
        Assert.Equal(3, count);
    }

    [Fact]
    public async Task VoidedFail_CancelsTheOneNurture_OnlyWhenItIsAboutTheVoidedAttempt()
    {
        // One live nurture per member and program: the later fail takes the running flow over, so it is about that attempt.
        await Hub.PublishAsync(WorkflowEngineHub.Template("failed-exam-nurture"));
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam(passingScorePercent: 75).SaveAsync(Hub);
        await SyncAsync(Result(member, program, LearningVerb.Failed, 40, Hub.Now.AddDays(-20), id: "earlier"));
        await SyncAsync(Result(member, program, LearningVerb.Failed, 50, Hub.Now.AddHours(-1), id: "latest"));
        await Hub.DispatchEventsAsync();

        await SyncAsync(Voiding(member, "earlier", Hub.Now));
        await Hub.DispatchEventsAsync();
        var afterEarlier = await Hub.WithDbAsync(db => db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.MemberId == member.Id));

        await SyncAsync(Voiding(member, "latest", Hub.Now));
        await Hub.DispatchEventsAsync();
        var afterLatest = await Hub.WithDbAsync(db => db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.MemberId == member.Id));

        var voided = await Hub.WithDbAsync(db => db.DomainEvents.AsNoTracking().Where(e => e.Type == DomainEventTypes.ExamAttemptVoided).ToListAsync());
        var latest = voided.Select(e => e.Read<ExamAttemptVoidedData>()).Single(d => d.SourceRecordId == "latest");
        Assert.Equal((latest.AttemptId.ToString(), WorkflowStatus.Suspended), (afterEarlier.CorrelationId, afterEarlier.Status));
        Assert.Equal(WorkflowStatus.Cancelled, afterLatest.Status);
        Assert.Empty(await AttemptsAsync(member));
    }

    [Fact]
    public async Task VoidedPass_ThatTheAwardRestedOn_FlagsTheCredentialForReview_AndStaffClearIt_ButItIsNeverRevoked()
    {
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam().SaveAsync(Hub);
        await SyncAsync(Result(member, program, LearningVerb.Passed, 88, Hub.Now.AddHours(-3), id: "pass"));
        await Hub.DispatchEventsAsync();
        Assert.Equal(CredentialStatus.Active, (await Hub.WithDbAsync(db => db.Credentials.SingleAsync())).Status);

        await SyncAsync(Voiding(member, "pass", Hub.Now));
        await Hub.DispatchEventsAsync();

        var credential = await Hub.WithDbAsync(db => db.Credentials.AsNoTracking().SingleAsync());
        Assert.Equal(CredentialStatus.Active, credential.Status);
        Assert.Contains("was voided by its source", credential.ReviewReason);
        Assert.Equal(Hub.Now, credential.FlaggedAt);
        var review = await Hub.WithDbAsync(db => db.DomainEvents.AsNoTracking().SingleAsync(e => e.Type == DomainEventTypes.CredentialReviewNeeded));
        Assert.Equal(credential.Id, review.Read<CredentialReviewData>().CredentialId);
        Assert.Empty(await AttemptsAsync(member));

        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var flagged = await (await admin.GetAsync("/api/v1/credentials?needsReview=true")).ReadAsync<Page<CredentialSummary>>();
        Assert.Equal(credential.Id, Assert.Single(flagged.Items).Id);
        await (await admin.PostJsonAsync($"/api/v1/credentials/{credential.Id}/clear-review", new { reason = (string?)null })).ProblemAsync(HttpStatusCode.BadRequest, Problems.Validation);
        var cleared = await (await admin.PostJsonAsync($"/api/v1/credentials/{credential.Id}/clear-review", new CredentialClearReview("Passed on paper; LMS record lost.")))
            .ReadAsync<CredentialResponse>();
        Assert.Null(cleared.ReviewReason);
        Assert.Empty((await (await admin.GetAsync("/api/v1/credentials?needsReview=true")).ReadAsync<Page<CredentialSummary>>()).Items);
        Assert.True(await Hub.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.EntityId == credential.Id.ToString() && a.Changes.Contains("Passed on paper"))));
    }

    [Fact]
    public async Task LateOlderFail_ThatPutsTheAwardedPassInsideTheRetakeWait_FlagsTheAward()
    {
        var member = await Hub.AddMemberAsync();
        var program = await new LifecycleProgramBuilder().WithExam(retakeWaitDays: 30).SaveAsync(Hub);
        await SyncAsync(Result(member, program, LearningVerb.Passed, 90, Hub.Now.AddDays(-1), id: "pass"));
        await Hub.DispatchEventsAsync();

        await SyncAsync(Result(member, program, LearningVerb.Failed, 40, Hub.Now.AddDays(-10), id: "fail"));

        var credential = await Hub.WithDbAsync(db => db.Credentials.AsNoTracking().SingleAsync());
        Assert.Equal(CredentialStatus.Active, credential.Status);
        Assert.Contains("(attempt 2) no longer counts", credential.ReviewReason);
    }

    [Fact]
    public async Task VoidedCompletion_RaisesItsEvent_RecomputesTheGoal_AndCancelsTheFlowAboutIt()
    {
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        var created = await CreateAsync(admin, "ETH", """{"ceHours":{"minHours":10,"category":"Ethics"}}""", publish: true);
        await Hub.WithDbAsync(async db =>
        {
            var program = await db.Programs.SingleAsync(p => p.Id == created.Id);
            program.Learning = new LearningMap { Courses = [new CourseCredit { ActivityId = "https://lms.example.org/ethics", Category = "Ethics", Hours = 10 }] };
            await db.SaveChangesAsync();
        });
        await Hub.PublishAsync(CourseFlow());
        var member = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);
        await (await client.PostJsonAsync($"/api/v1/members/{member.Id}/goals", new GoalWrite(created.Id))).ReadAsync<GoalResponse>(HttpStatusCode.Created);
        var completed = new LearningEvent("course-1", LearningVerb.Completed, new Learner("https://ams.example.org", member.AmsMemberId, null, null),
            "https://lms.example.org/ethics", "Ethics", Hub.Now.AddHours(-2), Hub.Now.AddHours(-2));
        await SyncAsync(completed);
        await Hub.DispatchEventsAsync();
        Assert.Equal(100m, (await GoalAsync(client, member, created.Id)).Goal.PercentReady);

        await SyncAsync(Voiding(member, "course-1", Hub.Now));
        await Hub.DispatchEventsAsync();

        var voided = await Hub.WithDbAsync(db => db.DomainEvents.AsNoTracking().SingleAsync(e => e.Type == DomainEventTypes.CourseCompletionVoided));
        Assert.Equal(("Ethics", 10m), (voided.Read<CourseCompletionVoidedData>().Category, voided.Read<CourseCompletionVoidedData>().Hours));
        Assert.Equal(0m, (await GoalAsync(client, member, created.Id)).Goal.PercentReady);
        Assert.Equal(WorkflowStatus.Cancelled, (await Hub.InstanceOfAsync(member)).Status);
    }

    private static Task<GoalResponse> GoalAsync(HttpClient client, Member member, Guid programId) =>
        client.GetAsync($"/api/v1/members/{member.Id}/goals/{programId}").ContinueWith(t => t.Result.ReadAsync<GoalResponse>()).Unwrap();

    // A flow that thanks the member a week after a course, unless the completion is voided first.
    private static WorkflowDefinition CourseFlow() => WorkflowDefinitionJson.Parse("""
        {
          "definitionId": "course-thanks", "version": 1, "name": "Course thanks", "isPublished": true,
          "cancelOn": ["CourseCompletionVoided"],
          "root": {
            "activities": [
              { "id": "completed", "type": "OnEvent", "inputs": { "eventType": "CourseCompleted" } },
              { "id": "wait", "type": "Delay", "inputs": { "duration": "P7D" } },
              { "id": "end", "type": "End", "inputs": {} }
            ],
            "connections": [
              { "source": { "activity": "completed", "port": "Done" }, "target": { "activity": "wait", "port": "In" } },
              { "source": { "activity": "wait", "port": "Done" }, "target": { "activity": "end", "port": "In" } }
            ]
          }
        }
        """) with { IsPublished = true };

    private static string Body(OutboxMessage message) => JsonSerializer.Deserialize<CommunityMessagePayload>(message.Payload, JsonSerializerOptions.Web)!.Body;

    private static async Task<OutboxMessage> MessageAboutAsync(Web.Data.AppDbContext db, string sourceRecordId)
    {
        var attempt = await db.ExamAttempts.AsNoTracking().SingleAsync(a => a.SourceRecordId == sourceRecordId);
        var events = await db.DomainEvents.AsNoTracking().Where(e => e.Type == DomainEventTypes.ExamFailed && e.MemberId == attempt.MemberId).ToListAsync();
        var cause = events.Single(e => e.Read<ExamEventData>().AttemptId == attempt.Id);
        return await db.OutboxMessages.SingleAsync(m => m.CausedByEventId == cause.Id && m.Kind == OutboxKinds.CommunityMessage);
    }
}
