using CredentialConnect.Web.Api;
using System.Net;
using System.Text.RegularExpressions;
using CredentialConnect.Badges.Baking;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.Web.Features.Programs;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>The programs screens of the staff console: create, edit, criteria, CE rules, artwork and lifecycle.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class ProgramConsoleTests(HubProcessDatabases databases)
{
    private static readonly Regex ProgramUrl = new("/admin/programs/[0-9a-f-]{36}$");

    [Fact]
    public async Task Staff_CreatesAProgramWithCriteriaAndACeCategory_WatchesWhoQualifies_AndPublishesIt()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        foreach (var years in new[] { 1m, 4m, 9m })
            (await api.PostJsonAsync("/api/v1/members", new MemberBuilder().Build() with { YearsOfExperience = years })).EnsureSuccessStatusCode();
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/programs");
            await ConsoleBrowser.CheckScreenAsync(page, "console-programs-list-desktop");
            await page.GetByRole(AriaRole.Link, new() { Name = "New program" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/programs/new$"));

            await Field(page, "Code").FillAsync("CAE");
            await Field(page, "Name").FillAsync("Certified Association Executive");
            var count = page.GetByTestId("qualifying-count");
            await Assertions.Expect(count).ToHaveTextAsync("3");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add criteria" }).ClickAsync();
            await Field(page, "Minimum years of experience").FillAsync("3");
            await Assertions.Expect(count).ToHaveTextAsync("2");
            await Field(page, "Minimum years of experience").FillAsync("5");
            await Assertions.Expect(count).ToHaveTextAsync("1");

            await page.GetByRole(AriaRole.Switch, new() { Name = "Credentials renew each cycle with continuing education" }).CheckAsync();
            await Field(page, "Total CE hours per cycle").FillAsync("40");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add CE category" }).ClickAsync();
            await Field(page, "Category").FillAsync("Ethics");
            await Field(page, "Minimum hours").FillAsync("4");
            await Field(page, "Cap (maximum hours)").FillAsync("10");
            await ConsoleBrowser.CheckScreenAsync(page, "console-program-editor-desktop");

            await page.GetByRole(AriaRole.Button, new() { Name = "Create program" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(ProgramUrl);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "CAE · Certified Association Executive" })).ToBeVisibleAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Members can apply");
            await ConsoleBrowser.CheckScreenAsync(page, "console-program-publish-dialog-desktop");
            await page.GetByRole(AriaRole.Button, new() { Name = "Publish program" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retire", Exact = true })).ToBeVisibleAsync();

            var id = page.Url[^36..];
            var stored = await (await api.GetAsync($"/api/v1/programs/{id}")).ReadAsync<ProgramResponse>();
            Assert.Equal(ProgramStatus.Published, stored.Status);
            Assert.Equal("""{"all":[{"experience":{"minYears":5}}]}""", stored.EligibilityCriteria!.Value.GetRawText());
            var ethics = Assert.Single(stored.Recertification!.Categories);
            Assert.Equal(("Ethics", (decimal?)4, (decimal?)10), (ethics.Category, ethics.MinimumHours, ethics.MaximumHours));
            Assert.Equal(40, stored.Recertification.TotalCeHours);

            var phone = await browser.OpenAsync(hub.BaseAddress, 390, 844);
            await ConsoleHub.SignInAsync(phone, $"/admin/programs/{id}");
            await Assertions.Expect(Field(phone, "Minimum years of experience")).ToHaveValueAsync("5");
            await ConsoleBrowser.CheckScreenAsync(phone, "console-program-editor-phone");
            await phone.GotoAsync("/admin/programs");
            await Assertions.Expect(phone.GetByRole(AriaRole.Link, new() { Name = "Certified Association Executive" })).ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(phone, "console-programs-list-phone");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-program-create");
            throw;
        }
    }

    [Fact]
    public async Task InvalidInput_ShowsEachMessageOnItsField_AndKeepsWhatWasTyped()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/programs/new");
            await Field(page, "Code").FillAsync("BAD CODE");
            await Field(page, "Name").FillAsync("Typed by staff");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add criteria" }).ClickAsync();
            await Field(page, "Minimum years of experience").FillAsync("0");
            await page.GetByRole(AriaRole.Switch, new() { Name = "Credentials renew each cycle with continuing education" }).CheckAsync();
            await Field(page, "Total CE hours per cycle").FillAsync("20");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add CE category" }).ClickAsync();
            await Field(page, "Category").FillAsync("Ethics");
            await Field(page, "Minimum hours").FillAsync("4");
            await Field(page, "Cap (maximum hours)").FillAsync("2");
            await page.GetByRole(AriaRole.Button, new() { Name = "Create program" }).ClickAsync();

            await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "some fields need attention" })).ToBeVisibleAsync();
            await Assertions.Expect(Field(page, "Code")).ToHaveAccessibleDescriptionAsync(new Regex("Code must be 2 to 32 capital letters"));
            await Assertions.Expect(Field(page, "Minimum hours")).ToHaveAccessibleDescriptionAsync(new Regex(@"Minimum \(4\) is greater than maximum \(2\)"));
            await Assertions.Expect(Field(page, "Minimum years of experience")).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(Field(page, "Code")).ToHaveValueAsync("BAD CODE");
            await Assertions.Expect(Field(page, "Name")).ToHaveValueAsync("Typed by staff");
            await Assertions.Expect(Field(page, "Minimum hours")).ToHaveValueAsync("4");
            await Assertions.Expect(Field(page, "Cap (maximum hours)")).ToHaveValueAsync("2");
            await Assertions.Expect(Field(page, "Minimum years of experience")).ToHaveValueAsync("0");
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/programs/new$"));
            await ConsoleBrowser.CheckScreenAsync(page, "console-program-editor-errors-desktop");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-program-invalid");
            throw;
        }
    }

    [Fact]
    public async Task AStaleEdit_SaysSomeoneElseChangedIt_AndReloadBringsTheirVersion()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        var program = await CreateAsync(api);
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, $"/admin/programs/{program.Id}");
            await Assertions.Expect(Field(page, "Name")).ToHaveValueAsync(program.Name);

            var elsewhere = new ProgramBuilder().WithCode(program.Code).WithName("Renamed by a colleague").AtVersion(program.Version).Build();
            (await api.PutJsonAsync($"/api/v1/programs/{program.Id}", elsewhere)).EnsureSuccessStatusCode();
            await Field(page, "Name").FillAsync("My own edit");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

            var stale = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Someone else changed this program" });
            await Assertions.Expect(stale).ToBeVisibleAsync();
            await Assertions.Expect(Field(page, "Name")).ToHaveValueAsync("My own edit");
            await ConsoleBrowser.CheckScreenAsync(page, "console-program-stale-desktop");
            await stale.GetByRole(AriaRole.Button, new() { Name = "Reload" }).ClickAsync();
            await Assertions.Expect(Field(page, "Name")).ToHaveValueAsync("Renamed by a colleague");
            await Assertions.Expect(stale).ToHaveCountAsync(0);

            await Field(page, "Name").FillAsync("Agreed name");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{program.Code} · Agreed name" })).ToBeVisibleAsync();
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-program-stale");
            throw;
        }
    }

    [Fact]
    public async Task Artwork_OfTheWrongTypeOrTooLarge_IsRefusedInTheBrowser_BeforeAnythingIsSent()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        var program = await CreateAsync(api);
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        var uploads = 0;
        page.Request += (_, request) => { if (request.Method == "PUT" && request.Url.EndsWith("/artwork")) uploads++; };
        try
        {
            await ConsoleHub.SignInAsync(page, $"/admin/programs/{program.Id}");
            var file = page.Locator("input[type=file]");
            var upload = page.GetByRole(AriaRole.Button, new() { Name = "Upload artwork" });

            await file.SetInputFilesAsync(new FilePayload { Name = "photo.jpg", MimeType = "image/jpeg", Buffer = [0xFF, 0xD8, 0xFF, 0xE0] });
            await Assertions.Expect(page.GetByText("“photo.jpg” is not a PNG or SVG image")).ToBeVisibleAsync();
            await Assertions.Expect(upload).ToBeDisabledAsync();
            await ConsoleBrowser.CheckScreenAsync(page, "console-program-artwork-refused-desktop");

            await file.SetInputFilesAsync(new FilePayload { Name = "huge.png", MimeType = "image/png", Buffer = new byte[ImageUploads.MaxBytes + 1] });
            await Assertions.Expect(page.GetByText("badge artwork must be at most 512 KB")).ToBeVisibleAsync();
            await Assertions.Expect(upload).ToBeDisabledAsync();
            Assert.Equal(0, uploads);

            var png = BadgeArtwork.Png("ART");
            await file.SetInputFilesAsync(new FilePayload { Name = "badge.png", MimeType = "image/png", Buffer = png });
            await upload.ClickAsync();
            await Assertions.Expect(page.GetByText("Artwork uploaded: badges now use it.", new() { Exact = true })).ToBeVisibleAsync();
            Assert.Equal(png, await api.GetByteArrayAsync($"/programs/{program.Code}/badge.png"));
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-program-artwork");
            throw;
        }
    }

    [Fact]
    public async Task LearningMapProblems_ShowOnTheirRow_AndTheProgramSavesAfterTheMapDoes()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        var program = await CreateAsync(api);
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, $"/admin/programs/{program.Id}");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add course" }).ClickAsync();
            var course = page.GetByRole(AriaRole.Group, new() { Name = "Course 1" });
            await course.GetByRole(AriaRole.Textbox, new() { Name = "LMS activity id" }).FillAsync("ethics 101");
            await course.GetByRole(AriaRole.Textbox, new() { Name = "CE category" }).FillAsync("Ethics");
            await course.GetByRole(AriaRole.Textbox, new() { Name = "Hours" }).FillAsync("2");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save learning map" }).ClickAsync();

            await Assertions.Expect(course.GetByRole(AriaRole.Textbox, new() { Name = "LMS activity id" }))
                .ToHaveAccessibleDescriptionAsync(new Regex("is not an absolute IRI"));
            await Assertions.Expect(course.GetByRole(AriaRole.Textbox, new() { Name = "Hours" })).ToHaveValueAsync("2");
            await ConsoleBrowser.CheckScreenAsync(page, "console-program-learning-errors-desktop");

            await course.GetByRole(AriaRole.Textbox, new() { Name = "LMS activity id" }).FillAsync("https://lms.example.org/courses/ethics-101");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save learning map" }).ClickAsync();
            await Assertions.Expect(page.GetByText("Saved; 0 LMS statements")).ToBeVisibleAsync();
            var learning = await (await api.GetAsync($"/api/v1/programs/{program.Id}/learning")).ReadAsync<ProgramLearningResponse>();
            Assert.Equal(("https://lms.example.org/courses/ethics-101", "Ethics", 2m), learning.Courses.Select(c => (c.ActivityId, c.Category, c.Hours)).Single());

            // The map's save moved the program's version on; the editor follows, so its next save is not taken for a stale one.
            await Field(page, "Name").FillAsync("Renamed after the map");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"{program.Code} · Renamed after the map" })).ToBeVisibleAsync();
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-program-learning");
            throw;
        }
    }

    [Fact]
    public async Task AReviewer_SeesTheProgramReadOnly_WithNoPublishOrSave()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        await hub.AddReviewerAsync(api);
        var program = await CreateAsync(api);
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/programs", ConsoleHub.ReviewerEmail);
            await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New program" })).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Link, new() { Name = program.Name }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(ProgramUrl);

            await Assertions.Expect(Field(page, "Name")).ToHaveValueAsync(program.Name);
            await Assertions.Expect(Field(page, "Name")).ToBeDisabledAsync();
            await Assertions.Expect(page.GetByText("Only Admins can change, publish or retire it")).ToBeVisibleAsync();
            foreach (var action in new[] { "Publish", "Save changes", "Upload artwork", "Save learning map" })
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = action, Exact = true })).ToHaveCountAsync(0);
            await ConsoleBrowser.CheckScreenAsync(page, "console-program-readonly-desktop");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-program-reviewer");
            throw;
        }
    }

    private static ILocator Field(IPage page, string label) => page.GetByRole(AriaRole.Textbox, new() { Name = label, Exact = true });

    private static async Task<ProgramResponse> CreateAsync(HttpClient api) =>
        await (await api.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("CNP").Build())).ReadAsync<ProgramResponse>(HttpStatusCode.Created);
}
