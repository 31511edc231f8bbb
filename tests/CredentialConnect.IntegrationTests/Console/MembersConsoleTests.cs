using System.Net;
using System.Text.RegularExpressions;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.Web.Features.Credentials;
using CredentialConnect.Web.Features.Members;
using CredentialConnect.Web.Features.Programs;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>Member search and the member profile, in real Chromium against a real hub.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class MembersConsoleTests(HubProcessDatabases databases)
{
    [Fact]
    public async Task SearchFindsTheMember_AndTheProfileShowsEverySectionWithWhatWasSeeded()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var admin = await hub.SignedInAsync();
        var (member, credentialNumber) = await SeedAsync(admin);

        await using var browser = await ConsoleBrowser.LaunchAsync();
        foreach (var (name, width, height) in ConsoleBrowser.Widths)
        {
            var page = await browser.OpenAsync(hub.BaseAddress, width, height);
            try
            {
                await ConsoleHub.SignInAsync(page, "/admin/members");
                await page.GetByRole(AriaRole.Textbox, new() { Name = "Search members" }).FillAsync("hopper");
                await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=hopper"));
                await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Turing, Alan" })).ToHaveCountAsync(0);
                await ConsoleBrowser.CheckScreenAsync(page, $"console-members-{name}");

                await page.GetByRole(AriaRole.Link, new() { Name = "Hopper, Grace" }).ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/members/{member.Id}$"));
                await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Grace Hopper" })).ToBeVisibleAsync();

                var credentials = page.GetByRole(AriaRole.Region, new() { Name = "Credentials" });
                await Assertions.Expect(credentials.GetByRole(AriaRole.Link, new() { Name = $"{credentialNumber}: verification page" }))
                    .ToHaveAttributeAsync("href", $"/verify/{credentialNumber}");
                await Assertions.Expect(credentials).ToContainTextAsync("Active");
                var ledger = page.GetByRole(AriaRole.Region, new() { Name = "CE ledger" });
                await Assertions.Expect(ledger).ToContainTextAsync("Ethics in fundraising");
                await Assertions.Expect(ledger).ToContainTextAsync($"{credentialNumber} · cycle 1");
                await Assertions.Expect(ledger).ToContainTextAsync("1 credit earned in this cycle");
                await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Exam attempts" })).ToContainTextAsync("55 / 100");
                await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Readiness per program" })).ToContainTextAsync("EXM · Certified Examined Professional");
                await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Goals" })).ToContainTextAsync("EXM");
                await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Notifications sent" })).ToContainTextAsync("None yet");
                await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Audit trail" })).ToContainTextAsync("ContinuingEducationCredit created");
                await ConsoleBrowser.CheckScreenAsync(page, $"console-member-profile-{name}");
            }
            catch
            {
                await ConsoleBrowser.ScreenshotAsync(page, $"failed-members-{name}");
                throw;
            }
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task AReviewer_SeesTheProfileWithoutTheAdminsAuditTrail()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var admin = await hub.SignedInAsync();
        await hub.AddReviewerAsync(admin);
        var (member, credentialNumber) = await SeedAsync(admin);

        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, $"/admin/members/{member.Id}", ConsoleHub.ReviewerEmail);
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Credentials" })).ToContainTextAsync(credentialNumber);
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Exam attempts" })).ToContainTextAsync("55 / 100");
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Audit trail" })).ToHaveCountAsync(0);
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-members-reviewer");
            throw;
        }
    }

    // Two members. Grace holds a credential with a CE credit earned after the award (so inside its first cycle),
    // failed one exam, and aims at the examined program.
    private static async Task<(MemberResponse Member, string CredentialNumber)> SeedAsync(HttpClient api)
    {
        var held = await PublishedAsync(api, new ProgramBuilder().WithCode("CNP").Build() with { ExamRequired = false });
        var examined = await PublishedAsync(api, new ProgramBuilder().WithCode("EXM").WithName("Certified Examined Professional").Build());
        var grace = await (await api.PostJsonAsync("/api/v1/members", new { amsMemberId = "WA-3001", email = "grace@example.org", firstName = "Grace", lastName = "Hopper", yearsOfExperience = 4 }))
            .ReadAsync<MemberResponse>(HttpStatusCode.Created);
        await (await api.PostJsonAsync("/api/v1/members", new { amsMemberId = "WA-3002", email = "alan@example.org", firstName = "Alan", lastName = "Turing" }))
            .ReadAsync<MemberResponse>(HttpStatusCode.Created);
        var award = await (await api.PostJsonAsync("/api/v1/credentials", new { memberId = grace.Id, programId = held.Id, reason = "Granted by the board." }))
            .ReadAsync<CredentialAwardResponse>(HttpStatusCode.Created);
        await (await api.PostJsonAsync("/api/v1/ce-credits", new
        {
            memberId = grace.Id, activity = "Ethics in fundraising", category = "Ethics", hours = 2, earnedAt = DateTimeOffset.UtcNow,
            source = "Lms", sourceRecordId = "lms-ethics-1",
        })).ReadAsync<System.Text.Json.JsonElement>(HttpStatusCode.Created);
        await (await api.PostJsonAsync("/api/v1/exam-attempts", new { memberId = grace.Id, programId = examined.Id, score = 55, maxScore = 100, takenAt = DateTimeOffset.UtcNow.AddDays(-2) }))
            .ReadAsync<System.Text.Json.JsonElement>(HttpStatusCode.Created);
        await (await api.PostJsonAsync($"/api/v1/members/{grace.Id}/goals", new { programId = examined.Id })).ReadAsync<System.Text.Json.JsonElement>(HttpStatusCode.Created);
        return (grace, award.Credential.Number);
    }

    private static async Task<ProgramResponse> PublishedAsync(HttpClient api, ProgramWrite write)
    {
        var program = await (await api.PostJsonAsync("/api/v1/programs", write)).ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        return await (await api.PostJsonAsync($"/api/v1/programs/{program.Id}/publish", new { version = program.Version })).ReadAsync<ProgramResponse>();
    }
}
