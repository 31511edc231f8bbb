using System.Net;
using System.Text.Json.Nodes;
using CredentialConnect.IntegrationTests.Credentials;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Delivery;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace CredentialConnect.IntegrationTests.Workflows.Engine;

/// <summary>
/// The effects a flow has on the hub and the world: the signed webhook through the outbox, an award, an application
/// decided by a reviewer's task, and the portal notice when a review runs late.
/// </summary>
public sealed class WorkflowEffectTests(HubFixture hub) : HubTest(hub)
{
    private const string SigningKey = "partner-shared-secret";

    [Fact]
    public async Task HttpWebhook_IsDeliveredSignedWithItsIdempotencyKey_RetriedAfterA503_AndRefusedFor404()
    {
        using var partner = WireMockServer.Start();
        partner.Given(Request.Create().WithPath("/hooks/nudge").UsingPost()).InScenario("outage")
            .WillSetStateTo("back").RespondWith(Response.Create().WithStatusCode(503));
        partner.Given(Request.Create().WithPath("/hooks/nudge").UsingPost()).InScenario("outage").WhenStateIs("back")
            .RespondWith(Response.Create().WithStatusCode(202));
        partner.Given(Request.Create().WithPath("/hooks/gone").UsingPost()).RespondWith(Response.Create().WithStatusCode(404));
        await Hub.PublishAsync(new FlowBuilder("tell-partner", DomainEventTypes.ExamFailed)
            .Then("nudge", "HttpWebhook", new JsonObject { ["url"] = $"{partner.Url}/hooks/nudge", ["body"] = new JsonObject { ["reason"] = "exam-failed" } })
            .Then("gone", "HttpWebhook", new JsonObject { ["url"] = $"{partner.Url}/hooks/gone" }).Build());
        await FailExamAsync();
        // The partner stands in on this machine, so its loopback address is allowed, as a deployment would allow an internal host.
        await using var host = Hub.Factory.WithWebHostBuilder(b => b.UseSetting("Workflows:WebhookSigningKey", SigningKey)
            .UseSetting("Workflows:Webhooks:AllowedHosts:0", "localhost"));

        await DeliverAsync(host);
        Hub.Factory.Clock.Advance(OutboxDispatcher.Later(null, 1));
        await DeliverAsync(host);

        var nudges = partner.LogEntries.Where(e => e.RequestMessage.Path == "/hooks/nudge").ToList();
        Assert.Equal(2, nudges.Count);
        var body = nudges[1].RequestMessage.Body!;
        Assert.Equal("exam-failed", JsonNode.Parse(body)!["reason"]!.GetValue<string>());
        Assert.Equal($"sha256={WorkflowWebhookChannel.Sign(SigningKey, body)}", nudges[1].RequestMessage.Headers![WorkflowWebhookChannel.SignatureHeader].Single());
        Assert.Equal(nudges[0].RequestMessage.Headers![WorkflowWebhookChannel.KeyHeader].Single(), nudges[1].RequestMessage.Headers![WorkflowWebhookChannel.KeyHeader].Single());
        var messages = await Hub.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == WorkflowWebhookChannel.Kind).ToListAsync());
        Assert.Equal(OutboxStatus.Delivered, messages.Single(m => m.Payload.Contains("/hooks/nudge")).Status);
        var refused = messages.Single(m => m.Payload.Contains("/hooks/gone"));
        Assert.Equal(OutboxStatus.DeadLettered, refused.Status);
        Assert.Contains("404", (await Hub.WithDbAsync(db => db.DeadLetters.SingleAsync(d => d.OutboxMessageId == refused.Id))).Reason);
    }

    [Fact]
    public async Task AwardCredential_AwardsTheNamedProgramInTheSameStep_AndASecondAwardIsRefusedWithTheReason()
    {
        var staffAwarded = await new LifecycleProgramBuilder().WithCode("RECOG").SaveAsync(Hub);
        await Hub.PublishAsync(new FlowBuilder("recognise", DomainEventTypes.ExamFailed)
            .Then("award", "AwardCredential", new JsonObject { ["program"] = staffAwarded.Code })
            .Then("again", "AwardCredential", new JsonObject { ["program"] = staffAwarded.Code }).Build());

        var member = await FailExamAsync();

        var credential = await Hub.WithDbAsync(db => db.Credentials.AsNoTracking().SingleAsync(c => c.MemberId == member.Id && c.ProgramId == staffAwarded.Id));
        Assert.Contains(await Hub.WithDbAsync(db => db.DomainEvents.Where(e => e.Type == DomainEventTypes.CredentialAwarded).Select(e => e.Data).ToListAsync()),
            data => data.Contains(credential.Number));
        var outcomes = await Hub.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "award-credential").ToListAsync());
        Assert.Equal(2, outcomes.Count);
        Assert.Equal(credential.Number, outcomes.Single(m => m.Status == OutboxStatus.Delivered).Reference);
        var refused = outcomes.Single(m => m.Status == OutboxStatus.DeadLettered);
        Assert.Contains("already holds", (await Hub.WithDbAsync(db => db.DeadLetters.SingleAsync(d => d.OutboxMessageId == refused.Id))).Reason);
    }

    [Fact]
    public async Task ARefusedAward_ReplayedByStaffOnceTheProgramExists_AwardsIt()
    {
        await Hub.PublishAsync(new FlowBuilder("recognise-later", DomainEventTypes.ExamFailed)
            .Then("award", "AwardCredential", new JsonObject { ["program"] = "LATER" }).Build());
        var member = await FailExamAsync();
        var refused = await Hub.WithDbAsync(db => db.DeadLetters.AsNoTracking().SingleAsync(d => d.Kind == "award-credential"));
        Assert.Contains("no program 'LATER'", refused.Reason);

        var later = await new LifecycleProgramBuilder().WithCode("LATER").SaveAsync(Hub);
        var admin = await Hub.SignedInAsync(HubRoles.Admin);
        (await admin.PostJsonAsync($"/api/v1/dead-letters/{refused.Id}/replay", new { })).EnsureSuccessStatusCode();
        await DeliverAsync(Hub.Factory);

        var credential = await Hub.WithDbAsync(db => db.Credentials.AsNoTracking().SingleAsync(c => c.MemberId == member.Id && c.ProgramId == later.Id));
        var message = await Hub.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == refused.OutboxMessageId));
        Assert.Equal((OutboxStatus.Delivered, credential.Number), (message.Status, message.Reference));
    }

    [Fact]
    public async Task ApplicationApprovalTemplate_AReviewerApprovesTheTask_TheApplicationIsApproved_AndTheApplicantIsEmailed()
    {
        var (application, _) = await SubmitForReviewAsync();
        var reviewer = await Hub.SignedInAsync(HubRoles.Reviewer);
        var task = Assert.Single((await (await reviewer.GetAsync("/api/v1/workflow-tasks?status=Open")).ReadAsync<Page<WorkflowTaskResponse>>()).Items);
        Assert.Equal((application.Id.ToString(), "Reviewer"), (task.CorrelationId, task.AssigneeRole));

        (await reviewer.PostJsonAsync($"/api/v1/workflow-tasks/{task.Id}/decide", new { decision = "Approved", comment = "Experience confirmed by the employer." }))
            .EnsureSuccessStatusCode();

        var decided = await Hub.WithDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == application.Id));
        Assert.Equal(ApplicationStatus.Approved, decided.Status);
        Assert.Equal("workflow:application-approval", decided.DecidedBy);
        var email = await Hub.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Kind == OutboxKinds.Email));
        Assert.Contains("is approved", email.Payload);
        Assert.Contains(DomainEventTypes.ApplicationApproved, await Hub.WithDbAsync(db => db.DomainEvents.Select(e => e.Type).ToListAsync()));
    }

    [Fact]
    public async Task ApplicationApprovalTemplate_AReviewStillOpen_EscalatesAtFiveDays_AndAtItsDueDateNotifiesAdmins()
    {
        await SubmitForReviewAsync();

        Assert.Equal(1, await Hub.AdvanceAsync(TimeSpan.FromDays(5)));
        var escalation = await Hub.WithDbAsync(db => db.PortalNotifications.AsNoTracking().SingleAsync());
        Assert.Equal(1, await Hub.AdvanceAsync(TimeSpan.FromDays(9)));

        var overdue = await Hub.WithDbAsync(db => db.PortalNotifications.AsNoTracking().SingleAsync(n => n.Id != escalation.Id));
        Assert.Equal(("Admin", null, "An approval task is overdue"), (escalation.Role, escalation.MemberId, escalation.Title));
        Assert.Equal(("Admin", null, null), (overdue.Role, overdue.MemberId, overdue.Link));
        Assert.Equal("Application review overdue", overdue.Title);
        Assert.Equal(WorkflowStatus.Finished, (await Hub.WithDbAsync(db => db.WorkflowInstances.AsNoTracking().SingleAsync())).Status);
    }

    [Fact]
    public async Task NotifyInPortal_ToTheMember_IsListedForThatMemberOnly()
    {
        await Hub.PublishAsync(new FlowBuilder("tell-member", DomainEventTypes.ExamFailed)
            .Then("notice", "NotifyInPortal", new JsonObject { ["title"] = "Your next attempt", ["message"] = "Book a retake when you are ready.", ["link"] = "/exams" }).Build());
        var member = await FailExamAsync();
        var other = await Hub.AddMemberAsync();

        var own = await (await (await Hub.SignedInAsync(HubRoles.Member, member.Id)).GetAsync($"/api/v1/members/{member.Id}/notifications"))
            .ReadAsync<Page<PortalNotificationResponse>>();
        var notYours = await (await Hub.SignedInAsync(HubRoles.Member, other.Id)).GetAsync($"/api/v1/members/{member.Id}/notifications");

        var notice = Assert.Single(own.Items);
        Assert.Equal(("Your next attempt", "Book a retake when you are ready.", "/exams"), (notice.Title, notice.Message, notice.Link));
        Assert.Equal(HttpStatusCode.NotFound, notYours.StatusCode);
    }

    [Fact]
    public async Task TheOverdueSweep_ResumesATimerWhoseQuartzTriggerWasLost()
    {
        await Hub.PublishAsync(new FlowBuilder("settle", DomainEventTypes.ExamFailed)
            .Then("wait", "Delay", new JsonObject { ["duration"] = "P1D" }).Then("tag", "AddTag", new JsonObject { ["tag"] = "nudged" }).Build());
        var member = await FailExamAsync();
        Hub.Factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(5));

        Assert.Equal(1, await Hub.Timers().SweepOverdueAsync(CancellationToken.None));

        Assert.Equal(WorkflowStatus.Finished, (await InstanceOfAsync(member)).Status);
        Assert.Equal(["nudged"], await Hub.WithDbAsync(db => db.MemberTags.Where(t => t.MemberId == member.Id).Select(t => t.Tag).ToListAsync()));
    }

    private async Task<(Application Application, Member Member)> SubmitForReviewAsync()
    {
        var program = await new LifecycleProgramBuilder().WithApplicationForm().SaveAsync(Hub);
        await Hub.PublishAsync(WorkflowEngineHub.Template("application-approval") with { Program = program.Code });
        var member = await Hub.AddMemberAsync();
        var client = await Hub.SignedInAsync(HubRoles.Member, member.Id);
        var draft = await (await client.PostJsonAsync("/api/v1/applications", new { programId = program.Id, answers = new { } })).ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
        (await client.PostJsonAsync($"/api/v1/applications/{draft.Id}/submit", new { })).EnsureSuccessStatusCode();
        await Hub.DispatchEventsAsync();
        return (await Hub.WithDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == draft.Id)), member);
    }

    private async Task<Member> FailExamAsync()
    {
        var (admin, program) = await Hub.ExamProgramAsync();
        var member = await Hub.AddMemberAsync();
        await Hub.FailExamAsync(admin, member, program);
        return member;
    }

    private Task<WorkflowInstance> InstanceOfAsync(Member member) => Hub.InstanceOfAsync(member);

    private static async Task DeliverAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> host) =>
        await host.Services.GetRequiredService<OutboxDispatcher>().DeliverDueAsync(50, CancellationToken.None);
}
