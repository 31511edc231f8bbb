using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Demo;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CredentialConnect.IntegrationTests.Workflows.Definitions.DefinitionRequests;

namespace CredentialConnect.IntegrationTests.Workflows.Definitions;

public sealed class WorkflowSeedingTests(HubFixture hub) : HubTest(hub)
{
    private static readonly string[] Shipped = [WorkflowSeeding.ApplicationApproval, WorkflowSeeding.FailedExamNurture, WorkflowSeeding.RecertificationReminders];

    public static TheoryData<string> Templates => [.. Shipped];

    [Fact]
    public void TheHost_ShipsTheThreeTemplates()
    {
        Assert.Equal(Shipped, WorkflowSeeding.TemplateNames);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void Template_PassesTheHostsValidatorWithTheRealScriptAndTemplateEngines(string template)
    {
        var validator = Hub.Factory.Services.GetRequiredService<WorkflowValidator>();

        var validation = validator.Validate(WorkflowSeeding.ForProgram(template, "CNP"));

        Assert.Empty(validation.Problems);
    }

    [Fact]
    public async Task SeedDemo_PublishesNurtureRemindersAndApprovalForEachProgram()
    {
        await Hub.AddProgramAsync("CNP");
        var admin = await Hub.SignedInAsync(HubRoles.Admin);

        await Hub.WithDbAsync(db => WorkflowSeeding.SeedDemoAsync(db, Hub.Now, CancellationToken.None));

        var flows = await (await admin.GetAsync($"{Root}?program=CNP&published=true")).ReadAsync<Page<WorkflowDefinitionSummary>>();
        Assert.Equal(["cnp-application-approval", "cnp-failed-exam-nurture", "cnp-recertification-reminders"], flows.Items.Select(f => f.DefinitionId));
        Assert.All(flows.Items, f => Assert.Equal((int?)1, f.PublishedVersion));
        var triggers = await Hub.WithDbAsync(db => db.WorkflowTriggers.OrderBy(t => t.TriggerType).Select(t => t.TriggerType + "/" + t.Program).ToListAsync());
        Assert.Contains("ApplicationSubmitted/CNP", triggers);
        Assert.Contains("CredentialExpiring/CNP", triggers);
        Assert.Contains("ExamFailed/CNP", triggers);
        Assert.Equal(12, triggers.Count);
    }

    [Fact]
    public async Task DemoSeeder_IncludesThePublishedFlows()
    {
        await using (var scope = Hub.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(CancellationToken.None);

        var published = await Hub.WithDbAsync(db => db.WorkflowDefinitions.Where(d => d.IsLatestPublished).Select(d => d.DefinitionId).OrderBy(d => d).ToListAsync());

        string[] expected = [.. new[] { "cnp", "gwe", "nfm", "nfp" }.SelectMany(p => new[] { "application-approval", "failed-exam-nurture", "recertification-reminders" }
            .Select(t => $"{p}-{t}")).Order()];
        Assert.Equal(expected, published);
    }
}
