using System.Net;
using System.Text.RegularExpressions;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Features.Applications;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>The review queue and one application, as a Reviewer works them in real Chromium against a real hub.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class ApplicationReviewConsoleTests(HubProcessDatabases databases)
{
    [Fact]
    public async Task AReviewer_ApprovesFromTheQueue_WithTheCriteriaExplanationInView_AndTheMemberIsAwarded()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var admin = await hub.SignedInAsync();
        await hub.AddReviewerAsync(admin);
        var (application, member, program) = await SubmittedForReviewAsync(admin);

        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/applications", ConsoleHub.ReviewerEmail);
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ada Lovelace" });
            await Assertions.Expect(row).ToContainTextAsync(program.Code);
            await Assertions.Expect(row).ToContainTextAsync("In review");
            await ConsoleBrowser.CheckScreenAsync(page, "console-applications-queue-desktop");

            await row.GetByRole(AriaRole.Button, new() { Name = "Assign to me: Ada Lovelace's application" }).ClickAsync();
            await Assertions.Expect(row).ToContainTextAsync("You");
            await row.GetByRole(AriaRole.Link, new() { Name = "Ada Lovelace" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/applications/{application.Id}$"));

            // The answers under the form's labels, beside which criterion failed and why.
            await Assertions.Expect(page.GetByText("Current employer")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("Harbor Community Trust")).ToBeVisibleAsync();
            var explanation = page.GetByRole(AriaRole.Region, new() { Name = "Eligibility at submission" });
            await Assertions.Expect(explanation).ToContainTextAsync("Not every criterion is met");
            await Assertions.Expect(explanation).ToContainTextAsync("At least 3 years of professional experience Not met");
            await Assertions.Expect(explanation).ToContainTextAsync("Found: 1 year of experience");
            await ConsoleBrowser.CheckScreenAsync(page, "console-application-desktop");

            await page.GetByRole(AriaRole.Textbox, new() { Name = "Reason" }).FillAsync("Ten years as a grants officer before joining; the board accepts it.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Approved.");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Approve" })).ToHaveCountAsync(0);
            await ConsoleBrowser.CheckScreenAsync(page, "console-application-approved-desktop");

            // The queue of waiting applications no longer lists it.
            await page.GetByRole(AriaRole.Link, new() { Name = "Back to the queue" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Nothing is waiting for review")).ToBeVisibleAsync();
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-application-approve");
            throw;
        }

        var decided = await (await admin.GetAsync($"/api/v1/applications/{application.Id}")).ReadAsync<ApplicationResponse>();
        Assert.Equal(ApplicationStatus.Approved, decided.Status);
        Assert.StartsWith("staff:" + ConsoleHub.ReviewerEmail, decided.DecidedBy);
        var credential = await AwardedAsync(admin, member.Id);
        Assert.Equal(program.Id, credential.ProgramId);
    }

    [Fact]
    public async Task RejectingWithoutAReason_ShowsTheFieldError_AndADecisionTakenElsewhere_OffersReload()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var admin = await hub.SignedInAsync();
        await hub.AddReviewerAsync(admin);
        var (application, _, _) = await SubmittedForReviewAsync(admin);

        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress, 390, 844);
        try
        {
            await ConsoleHub.SignInAsync(page, $"/admin/applications/{application.Id}", ConsoleHub.ReviewerEmail);
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Eligibility at submission" })).ToContainTextAsync("Not met");
            await ConsoleBrowser.CheckScreenAsync(page, "console-application-phone");

            await page.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Say why the application is rejected")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reject" })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Textbox, new() { Name = "Reason" })).ToHaveAttributeAsync("aria-invalid", "true");
            await ConsoleBrowser.CheckScreenAsync(page, "console-application-reason-required-phone");

            // Meanwhile an Admin approves it through the API; the page still holds the version it read.
            await (await admin.PostJsonAsync($"/api/v1/applications/{application.Id}/approve", new { version = application.Version }))
                .ReadAsync<ApplicationResponse>();
            await page.GetByRole(AriaRole.Textbox, new() { Name = "Reason" }).FillAsync("Experience is short by two years.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();
            var conflict = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Someone else changed this application" });
            await Assertions.Expect(conflict).ToContainTextAsync("already approved");
            await ConsoleBrowser.CheckScreenAsync(page, "console-application-conflict-phone");

            await conflict.GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Approved", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reject" })).ToHaveCountAsync(0);
            await Assertions.Expect(conflict).ToHaveCountAsync(0);

            await page.GotoAsync("/admin/applications?status=Approved");
            await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ada Lovelace" })).ToContainTextAsync("Approved");
            await ConsoleBrowser.CheckScreenAsync(page, "console-applications-queue-phone");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-application-reject");
            throw;
        }
        var stored = await (await admin.GetAsync($"/api/v1/applications/{application.Id}")).ReadAsync<ApplicationResponse>();
        Assert.Equal(ApplicationStatus.Approved, stored.Status);
    }

    /// <summary>
    /// A published program with a form and criteria, a member with too little experience, and their application, started
    /// and submitted by staff on the member's behalf: the hub's check fails one criterion, so it waits for a reviewer.
    /// </summary>
    internal static async Task<(ApplicationResponse Application, MemberResponse Member, ProgramResponse Program)> SubmittedForReviewAsync(HttpClient admin)
    {
        var program = await (await admin.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("CGW").WithName("Certified Grant Writer").Build() with
        {
            ExamRequired = false,
            ApplicationForm = Json("""
                { "type": "object", "required": ["employer", "agreesToCodeOfEthics"],
                  "properties": { "employer": { "type": "string", "title": "Current employer", "minLength": 1 },
                                  "agreesToCodeOfEthics": { "type": "boolean", "title": "Agrees to the code of ethics" } } }
                """),
            EligibilityCriteria = Json("""
                { "all": [ { "experience": { "minYears": 3 } }, { "answer": { "field": "agreesToCodeOfEthics", "equals": true } } ] }
                """),
        })).ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        program = await (await admin.PostJsonAsync($"/api/v1/programs/{program.Id}/publish", new { version = program.Version })).ReadAsync<ProgramResponse>();
        var member = await (await admin.PostJsonAsync("/api/v1/members",
                new { amsMemberId = "WA-2001", email = "ada@example.org", firstName = "Ada", lastName = "Lovelace", yearsOfExperience = 1 }))
            .ReadAsync<MemberResponse>(HttpStatusCode.Created);
        var draft = await (await admin.PostJsonAsync("/api/v1/applications",
                new { programId = program.Id, memberId = member.Id, answers = new { employer = "Harbor Community Trust", agreesToCodeOfEthics = true } }))
            .ReadAsync<ApplicationResponse>(HttpStatusCode.Created);
        var submitted = await (await admin.PostJsonAsync($"/api/v1/applications/{draft.Id}/submit", new { version = draft.Version })).ReadAsync<ApplicationResponse>();
        Assert.Equal(ApplicationStatus.InReview, submitted.Status);
        return (submitted, member, program);
    }

    private static System.Text.Json.JsonElement Json(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();

    // The award follows the approval once the hub has handled the ApplicationApproved event, in the background.
    private static async Task<CredentialSummary> AwardedAsync(HttpClient api, Guid memberId)
    {
        var giveUp = DateTimeOffset.UtcNow.AddMinutes(2);
        while (true)
        {
            var page = await (await api.GetAsync($"/api/v1/credentials?memberId={memberId}")).ReadAsync<Page<CredentialSummary>>();
            if (page.Items.Count > 0) return Assert.Single(page.Items);
            Assert.True(DateTimeOffset.UtcNow < giveUp, "No credential was awarded within two minutes of the approval.");
            await Task.Delay(250);
        }
    }
}
