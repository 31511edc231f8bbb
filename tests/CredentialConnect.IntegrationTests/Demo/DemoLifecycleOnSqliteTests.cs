using System.Net.Http.Json;
using CredentialConnect.IntegrationTests.Hosting;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.CeAudits;
using CredentialConnect.Web.Features.ContinuingEducation;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Demo;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Readiness;
using CredentialConnect.Web.Features.Recertification;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.IntegrationTests.Demo;

/// <summary>
/// The seeded demo association on the embedded default shows the whole lifecycle, and every part of it reads back
/// through the API without errors: programs valid by the API's own rules, the reviewer queue, readiness and goals,
/// the daily sweep, the CE audit and staff actions on standing. The clock stays at the seed's today throughout.
/// </summary>
public sealed class DemoLifecycleOnSqliteTests(SqliteHub hub) : IClassFixture<SqliteHub>
{
    [Fact]
    public async Task EveryDemoProgram_IsAcceptedUnchangedByTheProgramsApi()
    {
        var programs = await (await hub.Admin.GetAsync("/api/v1/programs?pageSize=50")).ReadAsync<Page<ProgramSummary>>();

        foreach (var summary in programs.Items)
        {
            var program = await (await hub.Admin.GetAsync($"/api/v1/programs/{summary.Id}")).ReadAsync<ProgramResponse>();
            var replaced = await hub.Admin.PutJsonAsync($"/api/v1/programs/{program.Id}", AsWrite(program));
            await replaced.ReadAsync<ProgramResponse>();
        }
        Assert.Equal(
            [DemoPrograms.CertificationCode, DemoPrograms.MicroCredentialCode, DemoPrograms.CertificateCode, DemoPrograms.PathwayCode],
            programs.Items.Select(p => p.Code).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sweep_OnTheSeedDay_FindsEverythingUpToDate_AndASecondRunChangesNothing()
    {
        var first = await (await hub.Admin.PostAsync("/api/v1/credentials/sweep", null)).ReadAsync<SweepCounts>();
        var second = await (await hub.Admin.PostAsync("/api/v1/credentials/sweep", null)).ReadAsync<SweepCounts>();

        Assert.Equal((0, 0, 0), (first.Expiring, first.Lapsed, first.NoticesRaised));
        Assert.Equal((0, 0, 0), (second.Expiring, second.Lapsed, second.NoticesRaised));
    }

    [Fact]
    public async Task ReviewerQueue_ListsAssignedAndUnassignedApplicationsInReview()
    {
        var reviewer = hub.Factory.Anonymous();
        (await reviewer.PostAsJsonAsync("/auth/sign-in", new { email = DemoAssociation.ReviewerEmail, password = DemoAssociation.Password })).EnsureSuccessStatusCode();
        var reviewerId = await hub.Factory.WithDbAsync(db => db.Users.Where(u => u.Email == DemoAssociation.ReviewerEmail).Select(u => u.Id).SingleAsync());

        var mine = await (await reviewer.GetAsync("/api/v1/applications?status=InReview&assignee=me")).ReadAsync<Page<ApplicationSummary>>();
        var unassigned = await (await reviewer.GetAsync("/api/v1/applications?status=InReview&assignee=unassigned")).ReadAsync<Page<ApplicationSummary>>();
        var all = await (await reviewer.GetAsync("/api/v1/applications?pageSize=200&sort=-submittedAt")).ReadAsync<Page<ApplicationSummary>>();

        Assert.NotEmpty(mine.Items);
        Assert.All(mine.Items, a => Assert.Equal(reviewerId, a.ReviewerId));
        Assert.NotEmpty(unassigned.Items);
        Assert.Contains(all.Items, a => a.Status == ApplicationStatus.Approved);
        Assert.Contains(all.Items, a => a.Status == ApplicationStatus.Draft);
    }

    [Fact]
    public async Task Applications_FollowTheirLifecycle_AutoApprovedByTheHubAndRejectedWithAReason()
    {
        var all = await (await hub.Admin.GetAsync("/api/v1/applications?pageSize=200")).ReadAsync<Page<ApplicationSummary>>();
        var details = new List<ApplicationResponse>();
        foreach (var a in all.Items) details.Add(await (await hub.Admin.GetAsync($"/api/v1/applications/{a.Id}")).ReadAsync<ApplicationResponse>());

        var approved = details.Where(a => a.Status == ApplicationStatus.Approved).ToList();
        var rejected = details.Where(a => a.Status == ApplicationStatus.Rejected).ToList();
        Assert.NotEmpty(approved);
        Assert.All(approved, a => Assert.Equal(Application.AutoApprover, a.DecidedBy));
        Assert.All(approved, a => Assert.True(a.Eligibility?.Eligible));
        Assert.NotEmpty(rejected);
        Assert.All(rejected, a => Assert.False(string.IsNullOrWhiteSpace(a.DecisionReason)));
        Assert.All(rejected, a => Assert.Equal([ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.InReview, ApplicationStatus.Rejected],
            a.History.Select(h => h.To)));
        Assert.All(details, a => Assert.Empty(ApplicationForms.CheckAnswers(DemoPrograms.CertificationForm, a.Answers, complete: a.Status != ApplicationStatus.Draft)));
    }

    [Fact]
    public async Task Readiness_OfEveryApplicant_IsExplainedForEveryProgram_AndTheirGoalShowsProgress()
    {
        var applicants = await (await hub.Admin.GetAsync("/api/v1/applications?pageSize=200")).ReadAsync<Page<ApplicationSummary>>();

        foreach (var memberId in applicants.Items.Select(a => a.MemberId).Distinct())
        {
            var readiness = await (await hub.Admin.GetAsync($"/api/v1/members/{memberId}/readiness")).ReadAsync<Page<ProgramReadiness>>();
            var cnp = readiness.Items.Single(r => r.ProgramCode == DemoPrograms.CertificationCode);
            var goal = await (await hub.Admin.GetAsync($"/api/v1/members/{memberId}/goals/{cnp.ProgramId}")).ReadAsync<GoalResponse>();

            Assert.Equal(4, readiness.TotalCount);
            Assert.Equal(cnp.PercentReady, goal.Goal.PercentReady);
            Assert.NotEmpty(goal.History);
        }
    }

    [Fact]
    public async Task ExamAttempts_AreNumberedInOrder_AndOnlySittingsOutsideTheRulesDoNotCount()
    {
        var rules = DemoPrograms.Create(HubFactory.Start).Single(p => p.Code == DemoPrograms.CertificationCode).Exam;
        var attempts = await hub.Factory.WithDbAsync(db => db.ExamAttempts.AsNoTracking().ToListAsync());

        Assert.Contains(attempts, a => !a.Passed);
        Assert.Contains(attempts, a => !a.CountsTowardAward);
        foreach (var sittings in attempts.GroupBy(a => (a.MemberId, a.ProgramId)).Select(g => g.OrderBy(a => a.TakenAt).ToList()))
        {
            Assert.Equal(Enumerable.Range(1, sittings.Count), sittings.Select(a => a.AttemptNumber));
            Assert.All(sittings, a => Assert.Equal(a.AttemptNumber <= rules.MaxAttempts, a.CountsTowardAward));
            Assert.All(sittings.Zip(sittings.Skip(1)), pair => Assert.True(pair.First.Passed || (pair.Second.TakenAt - pair.First.TakenAt).TotalDays >= rules.RetakeWaitDays));
        }
    }

    [Fact]
    public async Task CeAudit_DrawsTheSampleItsRecordedSeedReproduces()
    {
        var audit = await hub.Factory.WithDbAsync(db => db.CeAudits.AsNoTracking().SingleAsync());
        var population = await hub.Factory.WithDbAsync(db => db.Credentials.AsNoTracking()
            .Where(c => c.ProgramId == audit.ProgramId && (c.Status == CredentialStatus.Active || c.Status == CredentialStatus.Expiring)
                && c.ExpiresAt > audit.CreatedAt && c.ExpiresAt <= audit.WindowEndsAt)
            .OrderBy(c => c.Id).Select(c => c.Id).ToListAsync());

        var read = await (await hub.Admin.GetAsync($"/api/v1/ce-audits/{audit.Id}")).ReadAsync<CeAuditResponse>();

        Assert.Equal(DemoSeeder.AuditSeed, read.Seed);
        Assert.Equal(population.Count, read.PopulationCount);
        Assert.Equal(AuditSampling.Draw(population, read.SamplePercent, read.Seed), read.Selections.Select(s => s.CredentialId));
        Assert.Contains(read.Selections, s => s.Status == CeAuditSelectionStatus.Passed);
        Assert.Contains(read.Selections, s => s.Status == CeAuditSelectionStatus.Open && s.Credits.Any(c => c.Decision == CeAuditCreditDecision.Rejected));
    }

    [Fact]
    public async Task Standing_ShowsSuspendedAndRevokedCredentialsWithReasons_PathwaysAndPendingCe()
    {
        var suspended = await (await hub.Admin.GetAsync("/api/v1/credentials?status=Suspended")).ReadAsync<Page<CredentialSummary>>();
        var revoked = await (await hub.Admin.GetAsync("/api/v1/credentials?status=Revoked")).ReadAsync<Page<CredentialSummary>>();
        var revokedOne = await (await hub.Admin.GetAsync($"/api/v1/credentials/{revoked.Items.Single().Id}")).ReadAsync<CredentialResponse>();
        var pending = await (await hub.Admin.GetAsync("/api/v1/ce-credits?status=Pending")).ReadAsync<Page<CeCreditResponse>>();
        var pathway = await hub.Factory.WithDbAsync(db => db.Programs.SingleAsync(p => p.Code == DemoPrograms.PathwayCode));
        var pathwayHolders = await (await hub.Admin.GetAsync($"/api/v1/credentials?programId={pathway.Id}")).ReadAsync<Page<CredentialSummary>>();

        Assert.Equal(3, suspended.TotalCount);
        Assert.StartsWith("Ethics board finding", revokedOne.StatusHistory[^1].Reason);
        Assert.NotEmpty(pending.Items);
        Assert.All(pending.Items, c => Assert.Equal((CreditSource.SelfReported, CreditReviewStatus.Pending), (c.Source, c.ReviewStatus)));
        Assert.True(pathwayHolders.TotalCount > 0, "Members holding both GWE and NFM should hold the pathway.");
    }

    // The program exactly as it was read, sent back as a replacement.
    private static ProgramWrite AsWrite(ProgramResponse p) => new(
        p.Code, p.Name, p.Kind, p.Description, p.CriteriaNarrative, p.BadgeImageUrl, p.ValidityPeriod,
        p.Recertification is { } r
            ? new RecertificationWrite(r.TotalCeHours, r.GracePeriodDays, [.. r.Categories.Select(c => new CeCategoryWrite(c.Category, c.MinimumHours, c.MaximumHours))])
            {
                ExpiringNoticeDays = r.ExpiringNoticeDays, Reinstatement = r.Reinstatement,
                ReinstatementWindowDays = r.ReinstatementWindowDays, AuditSamplePercent = r.AuditSamplePercent,
            }
            : null,
        p.PrerequisiteProgramIds, p.ExamRequired, p.EligibilityCriteria, p.Version)
    {
        Exam = new ExamRulesWrite(p.Exam.PassingScorePercent, p.Exam.MaxAttempts, p.Exam.RetakeWaitDays),
        IsPathway = p.IsPathway,
        ApplicationForm = p.ApplicationForm,
    };
}
