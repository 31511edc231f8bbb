using System.Text.Json;
using CredentialConnect.Connectors;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Email;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Sync;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace CredentialConnect.IntegrationTests.Workflows.Engine;

/// <summary>The failed-exam nurture template on PostgreSQL, through the API, with time moved by the fake clock.</summary>
public sealed class FailedExamNurtureTests(HubFixture hub) : HubTest(hub)
{
    [Fact]
    public async Task ExamFail_OnTheDay_QueuesTheResultAndStudyResourcesInsteadOfTheHubsOwnNote_AndTheEmailIsDelivered()
    {
        var (admin, program) = await ArrangeAsync();
        var member = await Hub.AddMemberAsync();
        await FailExamAsync(admin, member, program);

        var messages = await WorkflowMessagesAsync(member);
        Assert.Equal([OutboxKinds.CommunityMessage, OutboxKinds.Email], messages.Select(m => m.Kind).Order());
        var email = JsonSerializer.Deserialize<EmailPayload>(messages.Single(m => m.Kind == OutboxKinds.Email).Payload, JsonSerializerOptions.Web)!;
        var subject = $"Your {program.Name} exam result and your next attempt";
        Assert.Equal((member.Email, subject), (email.To, email.Subject));
        Assert.StartsWith($"Dear {member.FirstName},", email.TextBody);
        Assert.Contains($"on attempt 1 of the {program.Name} exam; the pass mark is", email.TextBody);
        var community = JsonSerializer.Deserialize<CommunityMessagePayload>(messages.Single(m => m.Kind == OutboxKinds.CommunityMessage).Payload, JsonSerializerOptions.Web)!;
        Assert.Equal($"Study resources for your next {program.Name} attempt", community.Title);
        Assert.Equal(2, await Hub.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.MemberId == member.Id && m.Kind == OutboxKinds.CommunityMessage || m.MemberId == member.Id && m.Kind == OutboxKinds.Email)));

        var folder = Directory.CreateTempSubdirectory("cc-nurture-mail-").FullName;
        try
        {
            await using var host = Hub.Factory.WithWebHostBuilder(b => b.UseSetting("Email:Mode", "Pickup").UseSetting("Email:PickupDirectory", folder));
            await host.Services.GetRequiredService<DeliveryWorker>().RunOnceAsync(CancellationToken.None);
            var written = await MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(folder)));
            Assert.Equal(subject, written.Subject);
            Assert.Equal(member.Email, Assert.Single(written.To.Mailboxes).Address);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task RetakeRegistration_CancelsTheFlow_SoOnlyTheMemberWithoutOneGetsTheDaySeventeenReminder()
    {
        var (admin, program) = await ArrangeAsync();
        var registers = await Hub.AddMemberAsync();
        var forgets = await Hub.AddMemberAsync();
        var failedAt = Hub.Now;
        await FailExamAsync(admin, registers, program);
        await FailExamAsync(admin, forgets, program);
        await Hub.AdvanceAsync(TimeSpan.FromDays(3));

        Hub.Factory.Clock.Advance(TimeSpan.FromDays(2));
        (await admin.PostJsonAsync("/api/v1/exam-registrations", new { memberId = registers.Id, programId = program.Id, scheduledFor = Hub.Now.AddDays(30) }))
            .EnsureSuccessStatusCode();
        await Hub.DispatchEventsAsync();
        await Hub.AdvanceAsync(TimeSpan.FromDays(12));

        Assert.Equal(WorkflowStatus.Cancelled, (await InstanceOfAsync(registers)).Status);
        Assert.DoesNotContain(await WorkflowMessagesAsync(registers), m => m.Payload.Contains("attempt is waiting"));
        Assert.Equal(WorkflowStatus.Finished, (await InstanceOfAsync(forgets)).Status);
        var reminder = Assert.Single(await WorkflowMessagesAsync(forgets), m => m.Payload.Contains("attempt is waiting"));
        Assert.Equal(OutboxKinds.Email, reminder.Kind);
        Assert.Equal(failedAt.AddDays(17), reminder.NextAttemptAt);
    }

    [Fact]
    public async Task LmsExamFail_ThroughTheLearningSync_StartsTheSameFlow_AndItsMessagesAreQueuedThatDay()
    {
        var (_, program) = await ArrangeAsync();
        var member = await Hub.AddMemberAsync();
        var takenAt = Hub.Now.AddHours(-1);
        var failed = new LearningEvent(Guid.NewGuid().ToString(), LearningVerb.Failed, new Learner("https://ams.example.org", member.AmsMemberId, null, null),
            program.Learning.Exams[0].ActivityId, "Exam", takenAt, takenAt) { Score = new LearningScore(0.4m, 40, 0, 100) };
        await Hub.WithDbAsync(async db =>
        {
            await new LearningSync(db, Hub.Factory.Clock).ApplyAsync("xapi", [failed], CancellationToken.None);
            await db.SaveChangesAsync();
        });
        await Hub.DispatchEventsAsync();

        Assert.Equal([OutboxKinds.CommunityMessage, OutboxKinds.Email], (await WorkflowMessagesAsync(member)).Select(m => m.Kind).Order());
    }

    private async Task<(HttpClient Admin, CredentialProgram Program)> ArrangeAsync()
    {
        await Hub.PublishAsync(WorkflowEngineHub.Template("failed-exam-nurture"));
        return await Hub.ExamProgramAsync();
    }

    private Task FailExamAsync(HttpClient admin, Member member, CredentialProgram program) => Hub.FailExamAsync(admin, member, program);

    private Task<WorkflowInstance> InstanceOfAsync(Member member) => Hub.InstanceOfAsync(member);

    // The flow's own messages: keyed by its instance, unlike the hub's built-in reaction to a failed exam.
    private async Task<List<OutboxMessage>> WorkflowMessagesAsync(Member member) => await Hub.WithDbAsync(async db =>
    {
        var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.MemberId == member.Id);
        var prefix = $"{instance.Id}/";
        return await db.OutboxMessages.AsNoTracking().Where(m => m.IdempotencyKey.StartsWith(prefix)).ToListAsync();
    });
}
