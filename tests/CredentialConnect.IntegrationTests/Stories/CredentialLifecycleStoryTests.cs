using System.Net;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.CeAudits;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Events;
using CredentialConnect.Web.Features.Exams;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Recertification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CredentialConnect.IntegrationTests.Stories;

/// <summary>
/// A certificant's whole life with a program, told only through the API, on PostgreSQL, with the hub's clock
/// moving through the cycle: apply, qualify, sit the exam, earn the credential, then let it lapse, renew it,
/// or be audited before renewing.
/// </summary>
public sealed class CredentialLifecycleStoryTests(HubFixture hub) : HubTest(hub)
{
    private const int RetakeWaitDays = 3;
    private const int GraceDays = 30;

    [Fact]
    public async Task ApplyQualifyFailRetakePass_ThenTheCredentialExpiresAndLapses()
    {
        var story = await StartStoryAsync();

        var earned = await story.EarnCredentialAsync();
        var expiresAt = earned.ExpiresAt!.Value;

        await story.MoveToAsync(expiresAt.AddDays(-59));
        var turnedExpiring = await story.SweepAsync();
        var sweptAgain = await story.SweepAsync();
        await story.MoveToAsync(expiresAt.AddDays(-29));
        var secondNotice = await story.SweepAsync();
        await story.MoveToAsync(expiresAt.AddDays(GraceDays - 1));
        var stillInGrace = await story.SweepAsync();
        await story.MoveToAsync(expiresAt.AddDays(GraceDays + 1));
        var lapsed = await story.SweepAsync();
        var credential = await story.CredentialAsync(earned.Id);

        Assert.Equal((1, 0, 1), (turnedExpiring.Expiring, turnedExpiring.Lapsed, turnedExpiring.NoticesRaised));
        Assert.Equal((0, 0, 0), (sweptAgain.Expiring, sweptAgain.Lapsed, sweptAgain.NoticesRaised));
        Assert.Equal(1, secondNotice.NoticesRaised);
        Assert.Equal(0, stillInGrace.Lapsed);
        Assert.Equal(1, lapsed.Lapsed);
        Assert.Equal(CredentialStatus.Lapsed, credential.Status);
        Assert.Equal([CredentialStatus.Active, CredentialStatus.Expiring, CredentialStatus.Lapsed], credential.StatusHistory.Select(h => h.To));
        Assert.Equal(
            [
                DomainEventTypes.ApplicationSubmitted, DomainEventTypes.ApplicationApproved, DomainEventTypes.ExamFailed,
                DomainEventTypes.ExamPassed, DomainEventTypes.CredentialAwarded, DomainEventTypes.CredentialExpiring,
                DomainEventTypes.CredentialExpiring, DomainEventTypes.CredentialLapsed,
            ],
            await story.EventsAsync());
    }

    [Fact]
    public async Task ApplyQualifyFailRetakePass_ThenCeEarnedInTheCycleRenewsTheSameCredential()
    {
        var story = await StartStoryAsync();
        var earned = await story.EarnCredentialAsync();
        var expiresAt = earned.ExpiresAt!.Value;

        await story.MoveToAsync(earned.IssuedAt.AddMonths(4));
        var ethics = await story.ReportOwnCeAsync("Ethics", 2);
        await story.AcceptCeAsync(ethics.Id);
        await story.RecordImportedCeAsync("Leadership", 8);
        await story.MoveToAsync(expiresAt.AddDays(-20));
        await story.SweepAsync();
        var renewed = await story.RenewAsync(HttpStatusCode.OK);
        await story.MoveToAsync(expiresAt.AddDays(GraceDays + 1));
        var afterOldEnd = await story.SweepAsync();
        var credential = await story.CredentialAsync(earned.Id);

        Assert.Equal((2, CredentialStatus.Active), (renewed.Cycle, renewed.Status));
        Assert.Equal(expiresAt, renewed.CycleStartedAt);
        Assert.Equal(0, afterOldEnd.Lapsed);
        Assert.Equal((earned.Number, CredentialStatus.Active, 2), (credential.Number, credential.Status, credential.CurrentCycle));
        Assert.Equal(expiresAt.AddYears(1), credential.ExpiresAt);
        Assert.Equal([CredentialStatus.Active, CredentialStatus.Expiring, CredentialStatus.Active], credential.StatusHistory.Select(h => h.To));
        Assert.Contains(DomainEventTypes.CredentialRenewed, await story.EventsAsync());
    }

    [Fact]
    public async Task ACeAuditBlocksRenewalUntilItsEvidenceIsAccepted()
    {
        var story = await StartStoryAsync();
        var earned = await story.EarnCredentialAsync();
        var expiresAt = earned.ExpiresAt!.Value;
        await story.MoveToAsync(earned.IssuedAt.AddMonths(2));
        var ethics = await story.RecordImportedCeAsync("Ethics", 3);
        var leadership = await story.RecordImportedCeAsync("Leadership", 7);
        await story.MoveToAsync(expiresAt.AddDays(-20));

        var audit = await story.AuditAsync();
        var selection = Assert.Single(audit.Selections);
        var blocked = await story.RenewRefusedAsync();
        await story.SubmitAuditEvidenceAsync(audit.Id, selection.Id, ethics.Id, leadership.Id);
        await story.DecideAuditCreditAsync(audit.Id, selection.Id, ethics.Id);
        var stillBlocked = await story.RenewRefusedAsync();
        var passed = await story.DecideAuditCreditAsync(audit.Id, selection.Id, leadership.Id);
        var renewed = await story.RenewAsync(HttpStatusCode.OK);

        Assert.Equal(earned.Id, selection.CredentialId);
        Assert.Contains("CE audit", blocked);
        Assert.Contains("CE audit", stillBlocked);
        Assert.Equal(CeAuditSelectionStatus.Passed, passed.Status);
        Assert.Equal(2, renewed.Cycle);
        Assert.Equal(earned.Number, renewed.Number);
    }

    private async Task<Story> StartStoryAsync()
    {
        var member = await Hub.AddMemberAsync(m =>
        {
            m.YearsOfExperience = 6;
            m.MembershipStatus = MembershipStatus.Active;
            m.MembershipLevel = "Professional";
        });
        var story = new Story(Hub, member);
        await story.PublishProgramAsync();
        return story;
    }

    /// <summary>The certificant, the program and the staff, with clients signed in afresh whenever the clock moves.</summary>
    private sealed class Story(HubFixture hub, Member member)
    {
        private CredentialProgram? _program;
        private HttpClient? _admin, _reviewer, _certificant;

        private Guid ProgramId => _program!.Id;

        private async Task<HttpClient> AdminAsync() => _admin ??= await hub.SignedInAsync(HubRoles.Admin);
        private async Task<HttpClient> ReviewerAsync() => _reviewer ??= await hub.SignedInAsync(HubRoles.Reviewer);
        private async Task<HttpClient> CertificantAsync() => _certificant ??= await hub.SignedInAsync(HubRoles.Member, member.Id);

        public async Task PublishProgramAsync()
        {
            var admin = await AdminAsync();
            var code = "LC" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
            var created = await (await admin.PostJsonAsync("/api/v1/programs", new
            {
                code, name = "Certified Lifecycle Professional", kind = "Certification", validityPeriod = "P1Y", examRequired = true,
                exam = new { passingScorePercent = 70, maxAttempts = 3, retakeWaitDays = RetakeWaitDays },
                recertification = new
                {
                    totalCeHours = 10, gracePeriodDays = GraceDays, expiringNoticeDays = new[] { 60, 30 },
                    categories = new[] { new { category = "Ethics", minimumHours = 2 } },
                },
                applicationForm = new
                {
                    type = "object",
                    required = new[] { "employer", "agreesToCodeOfEthics" },
                    properties = new { employer = new { type = "string", minLength = 1 }, agreesToCodeOfEthics = new { type = "boolean" } },
                },
                eligibilityCriteria = new
                {
                    all = new object[]
                    {
                        new { experience = new { minYears = 3 } },
                        new { membership = new { status = new[] { "Active" }, levels = new[] { "Professional", "Fellow" } } },
                        new { answer = new { field = "agreesToCodeOfEthics", equals = true } },
                    },
                },
            })).ReadAsync<ProgramResponse>(HttpStatusCode.Created);
            await (await admin.PostJsonAsync($"/api/v1/programs/{created.Id}/publish", new { version = created.Version })).ReadAsync<ProgramResponse>();
            _program = await hub.WithDbAsync(db => db.Programs.SingleAsync(p => p.Id == created.Id));
        }

        /// <summary>Apply (approved at once: every criterion is met), fail the exam, wait, retake and pass.</summary>
        public async Task<CredentialResponse> EarnCredentialAsync()
        {
            var (admin, certificant) = (await AdminAsync(), await CertificantAsync());
            var draft = await (await certificant.PostJsonAsync("/api/v1/applications",
                new { programId = ProgramId, answers = new { employer = "Harbor Community Trust", agreesToCodeOfEthics = true } }))
                .ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
            var submitted = await (await certificant.PostJsonAsync($"/api/v1/applications/{draft.Id}/submit", new { version = draft.Version }))
                .ReadAsync<ApplicationResponse>();
            await DispatchEventsAsync();

            var failed = await RecordExamAsync(admin, 55, HttpStatusCode.Created);
            var tooSoon = await (await admin.PostJsonAsync("/api/v1/exam-attempts", ExamResult(80))).ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
            await MoveToAsync(hub.Now.AddDays(RetakeWaitDays));
            var passed = await RecordExamAsync(await AdminAsync(), 85, HttpStatusCode.Created);
            await DispatchEventsAsync();

            Assert.Equal((ApplicationStatus.Approved, Application.AutoApprover), (submitted.Status, submitted.DecidedBy));
            Assert.Equal((false, 1, false), (failed.Attempt.Passed, failed.Attempt.AttemptNumber, failed.Award.Awarded));
            Assert.True(tooSoon.TryGetProperty("nextAttemptAllowedAt", out _), tooSoon.ToString());
            Assert.Equal((true, 2, true), (passed.Attempt.Passed, passed.Attempt.AttemptNumber, passed.Award.Awarded));
            var credential = await CredentialAsync(passed.Award.CredentialId!.Value);
            Assert.Equal((CredentialStatus.Active, hub.Now.AddYears(1)), (credential.Status, credential.ExpiresAt));
            return credential;
        }

        private object ExamResult(decimal score) =>
            new { memberId = member.Id, programId = ProgramId, score, maxScore = 100, takenAt = hub.Now };

        private async Task<ExamRecordedResponse> RecordExamAsync(HttpClient admin, decimal score, HttpStatusCode expected) =>
            await (await admin.PostJsonAsync("/api/v1/exam-attempts", ExamResult(score))).ReadAsync<ExamRecordedResponse>(expected);

        public async Task<CeCreditResponse> ReportOwnCeAsync(string category, decimal hours) =>
            await (await (await CertificantAsync()).PostJsonAsync("/api/v1/ce-credits",
                new { activity = $"{category} seminar", category, hours, earnedAt = hub.Now, evidence = "https://example.org/certificates/seminar.pdf" }))
                .ReadAsync<CeCreditResponse>(HttpStatusCode.Created);

        public async Task AcceptCeAsync(Guid creditId) =>
            (await (await ReviewerAsync()).PostJsonAsync($"/api/v1/ce-credits/{creditId}/review", new { decision = "Accept" })).EnsureSuccessStatusCode();

        public async Task<CeCreditResponse> RecordImportedCeAsync(string category, decimal hours) =>
            await (await (await AdminAsync()).PostJsonAsync("/api/v1/ce-credits",
                new { memberId = member.Id, activity = $"{category} course", category, hours, earnedAt = hub.Now, source = "Import", sourceRecordId = Guid.NewGuid().ToString("N") }))
                .ReadAsync<CeCreditResponse>(HttpStatusCode.Created);

        public async Task<CeAuditResponse> AuditAsync() =>
            await (await (await AdminAsync()).PostJsonAsync($"/api/v1/programs/{ProgramId}/ce-audits", new { percent = 0, targetedMemberIds = new[] { member.Id } }))
                .ReadAsync<CeAuditResponse>(HttpStatusCode.Created);

        public async Task SubmitAuditEvidenceAsync(Guid auditId, Guid selectionId, params Guid[] creditIds)
        {
            var certificant = await CertificantAsync();
            foreach (var creditId in creditIds)
                (await certificant.PostJsonAsync($"/api/v1/ce-audits/{auditId}/selections/{selectionId}/evidence",
                    new { creditId, evidence = $"https://example.org/evidence/{creditId}.pdf" })).EnsureSuccessStatusCode();
        }

        public async Task<CeAuditSelectionResponse> DecideAuditCreditAsync(Guid auditId, Guid selectionId, Guid creditId) =>
            await (await (await ReviewerAsync()).PostJsonAsync($"/api/v1/ce-audits/{auditId}/selections/{selectionId}/credits/{creditId}/decision",
                new { decision = "Accept" })).ReadAsync<CeAuditSelectionResponse>();

        public async Task<CycleResponse> RenewAsync(HttpStatusCode expected) =>
            await (await (await CertificantAsync()).PostAsync($"/api/v1/credentials/{await CredentialIdAsync()}/renew", null)).ReadAsync<CycleResponse>(expected);

        public async Task<string> RenewRefusedAsync()
        {
            var problem = await (await (await CertificantAsync()).PostAsync($"/api/v1/credentials/{await CredentialIdAsync()}/renew", null))
                .ProblemAsync(HttpStatusCode.Conflict, Problems.Conflict);
            return problem.GetProperty("detail").GetString()!;
        }

        public async Task<SweepCounts> SweepAsync() =>
            await (await (await AdminAsync()).PostAsync("/api/v1/credentials/sweep", null)).ReadAsync<SweepCounts>();

        public async Task<CredentialResponse> CredentialAsync(Guid id) =>
            await (await (await CertificantAsync()).GetAsync($"/api/v1/credentials/{id}")).ReadAsync<CredentialResponse>();

        private Task<Guid> CredentialIdAsync() =>
            hub.WithDbAsync(db => db.Credentials.Where(c => c.MemberId == member.Id && c.ProgramId == ProgramId).Select(c => c.Id).SingleAsync());

        /// <summary>The hub's clock moves forward to <paramref name="at"/>; sign-in cookies are dated by it, so everyone signs in again.</summary>
        public Task MoveToAsync(DateTimeOffset at)
        {
            hub.Factory.Clock.SetUtcNow(at);
            (_admin, _reviewer, _certificant) = (null, null, null);
            return Task.CompletedTask;
        }

        public async Task<string[]> EventsAsync()
        {
            await DispatchEventsAsync();
            return await hub.WithDbAsync(db => db.DomainEvents.Where(e => e.MemberId == member.Id && e.Type != DomainEventTypes.GoalProgressed)
                .OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).Select(e => e.Type).ToArrayAsync());
        }

        private Task DispatchEventsAsync() =>
            hub.Factory.Services.GetRequiredService<DomainEventDispatcher>().DispatchAsync(500, CancellationToken.None);
    }
}
