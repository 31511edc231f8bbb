using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using CredentialConnect.IntegrationTests.Builders;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.Web.Features.Programs;
using CredentialConnect.Web.Features.Workflows;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>An Admin draws a program's failed-exam nurture flow in the designer, fixes what the validator finds, simulates it on a real member and publishes it.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class WorkflowDesignerConsoleTests(HubProcessDatabases databases)
{
    private const string FlowId = "nurture-nur";

    [Fact]
    public async Task AnAdmin_DrawsTheNurtureFlow_FixesItsProblems_SimulatesItOnAMember_AndPublishesIt()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        var program = await (await api.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("NUR").Build())).ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        await (await api.PostJsonAsync($"/api/v1/programs/{program.Id}/publish", new { version = program.Version })).ReadAsync<ProgramResponse>();
        var member = await ConsoleSeed.AddMemberAsync(api, "WA-7001", "Ada", "Okafor");
        (await api.PostJsonAsync("/api/v1/exam-attempts", new { memberId = member.Id, programId = program.Id, score = 48, maxScore = 100, takenAt = DateTimeOffset.UtcNow.AddDays(-20) }))
            .EnsureSuccessStatusCode();
        // A flow with its trigger only, as "New flow" leaves it.
        await (await api.PostJsonAsync("/api/v1/workflow-definitions", new
        {
            definitionId = FlowId, name = "NUR failed exam nurture", program = "NUR", cancelOn = new[] { "ExamPassed" },
            root = new { activities = new[] { new { id = "examFailed", type = "OnEvent", inputs = new { eventType = "ExamFailed" }, position = new { x = 300, y = 20 } } }, connections = Array.Empty<object>() },
        })).ReadAsync<WorkflowDefinitionResponse>(HttpStatusCode.Created);

        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress, 1440, 1000);
        try
        {
            await ConsoleHub.SignInAsync(page, $"/admin/workflows/{FlowId}");
            var canvas = page.GetByRole(AriaRole.Region, new() { Name = "Canvas" });
            await Assertions.Expect(Node(page, "examFailed")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("Started by ExamFailed", new() { Exact = true })).ToBeVisibleAsync();

            // Drag a Delay from the palette onto the canvas, and connect the trigger to it.
            await page.GetByRole(AriaRole.Button, new() { Name = "Add Delay" }).DragToAsync(canvas, new() { TargetPosition = new() { X = 420, Y = 200 } });
            await Assertions.Expect(Node(page, "delay")).ToBeVisibleAsync();
            await ConnectAsync(page, "examFailed", "Done", "delay");
            await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(1);

            // Drop a connection from the Delay on empty canvas and pick the next activity: a Decision, connected.
            await TidyAsync(page);
            await DropOnCanvasAsync(page, "delay", "Done", canvas, 0.35f, 0.92f);
            await page.GetByRole(AriaRole.Option, new() { Name = "Decision (Flow)" }).ClickAsync();
            await Assertions.Expect(Node(page, "decision")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(2);

            // Two messages, one per answer.
            await TidyAsync(page);
            await DropOnCanvasAsync(page, "decision", "True", canvas, 0.2f, 0.92f);
            await page.GetByRole(AriaRole.Option, new() { Name = "Send email (Messaging)" }).ClickAsync();
            await TidyAsync(page);
            await DropOnCanvasAsync(page, "decision", "False", canvas, 0.55f, 0.92f);
            await page.GetByRole(AriaRole.Option, new() { Name = "Send email (Messaging)" }).ClickAsync();
            await Assertions.Expect(Node(page, "sendEmail2")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(4);

            // Undo takes the last change back; redo brings it again.
            await page.GetByRole(AriaRole.Button, new() { Name = "Undo" }).ClickAsync();
            await Assertions.Expect(Node(page, "sendEmail2")).ToHaveCountAsync(0);
            await page.GetByRole(AriaRole.Button, new() { Name = "Redo" }).ClickAsync();
            await Assertions.Expect(Node(page, "sendEmail2")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(4);
            await TidyAsync(page);


            // A connection into the trigger is not one the descriptors allow: it cannot be drawn.
            await DropOnNodeAsync(page, "sendEmail", "Done", "examFailed");
            await Assertions.Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(4);

            // The validator's problems are on the nodes and in the panel; Publish waits for them.
            var problems = page.GetByRole(AriaRole.Region, new() { Name = "Problems" });
            await Assertions.Expect(problems).ToContainTextAsync("to fix before publishing");
            await Assertions.Expect(Node(page, "sendEmail")).Not.ToHaveAttributeAsync("data-problems", "0");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish" })).ToBeDisabledAsync();
            await ConsoleBrowser.CheckScreenAsync(page, "console-designer-problems-desktop");

            // Choosing a problem opens its activity with the cursor in its field.
            await problems.GetByRole(AriaRole.Button).Filter(new() { HasText = "sendEmail ·" }).First.ClickAsync();
            var properties = page.GetByRole(AriaRole.Region, new() { Name = "Properties" });
            await Assertions.Expect(properties.GetByRole(AriaRole.Textbox, new() { Name = "Id" })).ToHaveValueAsync("sendEmail");
            await FillAsync(page, "sendEmail", ("Subject", "Your {{ program.name }} result: a last chance"), ("Body", "Dear {{ member.firstName }}, you have one attempt left."));
            await FillAsync(page, "sendEmail2", ("Subject", "Your {{ program.name }} result"), ("Body", "Dear {{ member.firstName }}, the retake opens soon."));
            await FillAsync(page, "delay", ("Duration", "P3D"));
            await FillAsync(page, "decision", ("Condition", "input.attemptNumber >= 2"));
            // The validator runs once typing pauses; on a busy machine its answer can take a while.
            await Assertions.Expect(problems).ToContainTextAsync("No problems", new() { Timeout = 20_000 });
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "All changes saved" })).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await page.GetByRole(AriaRole.Button, new() { Name = "Auto-layout" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "All changes saved" })).ToBeVisibleAsync(new() { Timeout = 15_000 });

            var saved = (await api.GetFromJsonAsync<WorkflowDefinitionResponse>($"/api/v1/workflow-definitions/{FlowId}", HttpExtensions.Json))!;
            Assert.Equal(5, saved.Definition.Root.Activities.Count);
            Assert.Equal(4, saved.Definition.Root.Connections.Count);
            Assert.Contains(saved.Definition.Root.Connections, c => (c.Source.Activity, c.Source.Port, c.Target.Activity) == ("decision", "False", "sendEmail2"));

            // Simulate on the member who failed: the timeline matches the API's own simulation, and the path shows on the canvas.
            var simulation = page.GetByRole(AriaRole.Region, new() { Name = "Simulation" });
            await simulation.GetByLabel("Add a member").FillAsync("Okafor");
            await page.GetByRole(AriaRole.Option, new() { Name = "Ada Okafor (WA-7001)" }).ClickAsync();
            await simulation.GetByRole(AriaRole.Button, new() { Name = "Simulate", Exact = true }).ClickAsync();
            var timeline = simulation.GetByRole(AriaRole.Region, new() { Name = "Simulated timeline" });
            await Assertions.Expect(timeline).ToBeVisibleAsync();
            var expected = await (await api.PostJsonAsync($"/api/v1/workflow-definitions/{FlowId}/simulate", new { memberIds = new[] { member.Id }, version = saved.DefinitionVersion }))
                .ReadAsync<WorkflowSimulationResponse>();
            var run = Assert.Single(expected.Members);
            var email = Assert.Single(run.Effects);
            await Assertions.Expect(timeline.Locator("tbody tr[data-kind=effect]")).ToHaveCountAsync(run.Effects.Count);
            await Assertions.Expect(timeline).ToContainTextAsync(email.Summary);
            await Assertions.Expect(timeline.Locator("tbody tr[data-kind=step]")).ToHaveCountAsync(run.Journal.Count);
            await Assertions.Expect(Node(page, "examFailed")).ToHaveAttributeAsync("data-on-path", "true");
            await Assertions.Expect(Node(page, "sendEmail2")).ToHaveAttributeAsync("data-on-path", "true");
            await ConsoleBrowser.CheckScreenAsync(page, "console-designer-simulation-desktop");

            await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
            await Assertions.Expect(page.GetByText(new Regex("Version \\d+ · published"))).ToBeVisibleAsync();
            Assert.True((await api.GetFromJsonAsync<WorkflowDefinitionResponse>($"/api/v1/workflow-definitions/{FlowId}", HttpExtensions.Json))!.IsPublished);

            // A new failure starts the published flow for real; its instance shows the path it has taken so far.
            (await api.PostJsonAsync("/api/v1/exam-attempts", new { memberId = member.Id, programId = program.Id, score = 51, maxScore = 100, takenAt = DateTimeOffset.UtcNow.AddHours(-1) }))
                .EnsureSuccessStatusCode();
            var instanceId = await FirstInstanceAsync(api);
            await page.GotoAsync($"/admin/workflows/instances/{instanceId}");
            var path = page.GetByRole(AriaRole.Region, new() { Name = "Path" });
            await Assertions.Expect(path.Locator("[data-activity-id='examFailed']")).ToHaveAttributeAsync("data-on-path", "true");
            await Assertions.Expect(path.Locator("[data-activity-id='delay']")).ToHaveAttributeAsync("data-on-path", "true");
            await Assertions.Expect(path.Locator("[data-activity-id='sendEmail']")).Not.ToHaveAttributeAsync("data-on-path", "true");
            await ConsoleBrowser.CheckScreenAsync(page, "console-workflow-instance-path-desktop");

            await page.SetViewportSizeAsync(390, 844);
            await ConsoleBrowser.CheckScreenAsync(page, "console-designer-phone");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-designer");
            throw;
        }
    }

    [Fact]
    public async Task TwoAdmins_EditTheSameDraft_TheSecondIsToldAndKeepsTheirsAsACopy()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        await (await api.PostJsonAsync("/api/v1/workflow-definitions", new
        {
            definitionId = FlowId, name = "Shared draft",
            root = new { activities = new[] { new { id = "manual", type = "Manual", position = new { x = 200, y = 20 } } }, connections = Array.Empty<object>() },
        })).ReadAsync<WorkflowDefinitionResponse>(HttpStatusCode.Created);
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress, 1440, 1000);
        try
        {
            await ConsoleHub.SignInAsync(page, $"/admin/workflows/{FlowId}");
            await Assertions.Expect(Node(page, "manual")).ToBeVisibleAsync();
            // Someone else saves the draft meanwhile.
            var theirs = (await api.GetFromJsonAsync<WorkflowDefinitionResponse>($"/api/v1/workflow-definitions/{FlowId}", HttpExtensions.Json))!;
            (await api.PutAsJsonAsync($"/api/v1/workflow-definitions/{FlowId}", new { version = theirs.Version, definition = theirs.Definition with { Name = "Shared draft (theirs)" } }, HttpExtensions.Json))
                .EnsureSuccessStatusCode();

            await page.GetByRole(AriaRole.Button, new() { Name = "Add Delay" }).ClickAsync();
            var conflict = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Someone else saved this flow" });
            await Assertions.Expect(conflict).ToBeVisibleAsync(new() { Timeout = 15_000 });
            await ConsoleBrowser.CheckScreenAsync(page, "console-designer-conflict-desktop");
            await conflict.GetByRole(AriaRole.Button, new() { Name = "Keep mine as a copy" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/workflows/{FlowId}-copy-"));
            await Assertions.Expect(Node(page, "delay")).ToBeVisibleAsync();

            var copies = (await api.GetFromJsonAsync<CredentialConnect.Web.Api.Page<WorkflowDefinitionSummary>>("/api/v1/workflow-definitions?pageSize=50", HttpExtensions.Json))!.Items;
            Assert.Contains(copies, d => d.DefinitionId.StartsWith($"{FlowId}-copy-", StringComparison.Ordinal));
            Assert.Equal("Shared draft (theirs)", (await api.GetFromJsonAsync<WorkflowDefinitionResponse>($"/api/v1/workflow-definitions/{FlowId}", HttpExtensions.Json))!.Name);
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-designer-conflict");
            throw;
        }
    }

    [Fact]
    public async Task AnAdmin_ComparesTwoVersions_RollsBackToTheFirst_AndAnImportNamingUnknownActivitiesIsRefused()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        object Flow(string subject, bool withTag) => new
        {
            definitionId = FlowId, name = "Versioned flow",
            root = new
            {
                activities = new object[]
                {
                    new { id = "manual", type = "Manual", position = new { x = 200, y = 20 } },
                    new { id = "email", type = "SendEmail", inputs = new { subject, body = "Hello {{ member.firstName }}" }, position = new { x = 200, y = 160 } },
                }.Concat(withTag ? [new { id = "tag", type = "AddTag", inputs = new { tag = "welcomed" }, position = new { x = 200, y = 300 } }] : []).ToArray(),
                connections = new object[] { new { source = new { activity = "manual", port = "Done" }, target = new { activity = "email", port = "In" } } }
                    .Concat(withTag ? [new { source = new { activity = "email", port = "Done" }, target = new { activity = "tag", port = "In" } }] : []).ToArray(),
            },
        };
        var v1 = await (await api.PostJsonAsync("/api/v1/workflow-definitions", Flow("Welcome", withTag: false))).ReadAsync<WorkflowDefinitionResponse>(HttpStatusCode.Created);
        await (await api.PostJsonAsync($"/api/v1/workflow-definitions/{FlowId}/publish", new { version = 1 })).ReadAsync<WorkflowDefinitionResponse>();
        var published = (await api.GetFromJsonAsync<WorkflowDefinitionResponse>($"/api/v1/workflow-definitions/{FlowId}", HttpExtensions.Json))!;
        var v2 = await (await api.PutAsJsonAsync($"/api/v1/workflow-definitions/{FlowId}", new { version = published.Version, definition = Flow("Welcome aboard", withTag: true) }, HttpExtensions.Json))
            .ReadAsync<WorkflowDefinitionResponse>(HttpStatusCode.Created);
        Assert.Equal(2, v2.DefinitionVersion);

        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress, 1440, 1000);
        try
        {
            await ConsoleHub.SignInAsync(page, $"/admin/workflows/flows/{FlowId}");
            var differences = page.GetByRole(AriaRole.List, new() { Name = "Differences" });
            await Assertions.Expect(differences).ToContainTextAsync("Added tag");
            await Assertions.Expect(differences).ToContainTextAsync("Changed email: inputs.subject");
            await Assertions.Expect(differences).ToContainTextAsync("Connected email (Done) → tag");
            var compare = page.GetByRole(AriaRole.Region, new() { Name = "Compare versions" });
            await Assertions.Expect(compare.Locator("[data-activity-id='tag']")).ToHaveAttributeAsync("data-mark", "added");
            await Assertions.Expect(compare.Locator("[data-activity-id='email']")).ToHaveAttributeAsync("data-mark", "changed");
            await ConsoleBrowser.CheckScreenAsync(page, "console-workflow-compare-desktop");

            await page.GetByRole(AriaRole.Button, new() { Name = "Roll back to v1" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/workflows/{FlowId}$"));
            var draft = (await api.GetFromJsonAsync<WorkflowDefinitionResponse>($"/api/v1/workflow-definitions/{FlowId}", HttpExtensions.Json))!;
            Assert.False(draft.IsPublished);
            Assert.Equal(2, draft.DefinitionVersion); // v2 was still a draft: rolling back rewrites it
            Assert.Equal(["manual", "email"], draft.Definition.Root.Activities.Select(a => a.Id));
            Assert.Equal("Welcome", draft.Definition.Root.Activities.Single(a => a.Id == "email").Inputs["subject"]!.GetValue<string>());
            await page.GotoAsync($"/admin/workflows/{FlowId}");
            await Assertions.Expect(Node(page, "email")).ToBeVisibleAsync();
            await Assertions.Expect(Node(page, "tag")).ToHaveCountAsync(0);

            // An import naming activities the hub does not have is refused with the reasons, and nothing is created.
            await page.GotoAsync("/admin/workflows");
            var file = page.Locator("input[type=file]");
            await file.SetInputFilesAsync(new FilePayload { Name = "broken.json", MimeType = "application/json", Buffer = "{ not json"u8.ToArray() });
            await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The flow was not imported" })).ToContainTextAsync("is not JSON");
            await file.SetInputFilesAsync(new FilePayload
            {
                Name = "unknown.json", MimeType = "application/json",
                Buffer = System.Text.Encoding.UTF8.GetBytes("""{"definitionId":"imported-flow","name":"Imported","root":{"activities":[{"id":"a","type":"Manual"},{"id":"b","type":"SendFax"}],"connections":[{"source":{"activity":"a"},"target":{"activity":"b"}}]}}"""),
            });
            await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The flow was not imported" })).ToContainTextAsync("SendFax");
            await ConsoleBrowser.CheckScreenAsync(page, "console-workflow-import-refused-desktop");
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/workflow-definitions/imported-flow")).StatusCode);
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-designer-versions");
            throw;
        }
    }

    [Fact]
    public async Task AnAdmin_GivesAProgramItsOwnNurtureFlow_FromTheTemplate_OnTheProgramsPage()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        var program = await (await api.PostJsonAsync("/api/v1/programs", new ProgramBuilder().WithCode("TPL").Build())).ReadAsync<ProgramResponse>(HttpStatusCode.Created);
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.OpenAsync(hub.BaseAddress, 1440, 1000);
        try
        {
            await ConsoleHub.SignInAsync(page, $"/admin/programs/{program.Id}");
            var flows = page.GetByRole(AriaRole.Region, new() { Name = "Flows" });
            await Assertions.Expect(flows).ToContainTextAsync("No flow serves this program yet");
            await flows.GetByLabel("Create from a template").ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = "Failed exam nurture (on ExamFailed)" }).ClickAsync();
            await flows.GetByRole(AriaRole.Button, new() { Name = "Create draft" }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/workflows/tpl-failed-exam-nurture$"));
            await Assertions.Expect(Node(page, "examFailed")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByText("For program TPL")).ToBeVisibleAsync();

            await page.GotoAsync($"/admin/programs/{program.Id}");
            await Assertions.Expect(flows.GetByRole(AriaRole.Link, new() { Name = "Failed exam nurture (TPL)" })).ToBeVisibleAsync();
            await ConsoleBrowser.CheckScreenAsync(page, "console-program-flows-desktop");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-designer-template");
            throw;
        }
    }

    // The dispatcher starts the flow moments after the event; the instance list says when.
    private static async Task<Guid> FirstInstanceAsync(HttpClient api)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var page = (await api.GetFromJsonAsync<CredentialConnect.Web.Api.Page<WorkflowInstanceSummary>>(
                $"/api/v1/workflow-instances?definitionId={FlowId}", HttpExtensions.Json))!;
            if (page.Items.Count > 0) return page.Items[0].Id;
            await Task.Delay(250);
        }
        throw new TimeoutException("The published flow started no instance within 30 seconds of the exam failure.");
    }

    private static ILocator Node(IPage page, string id) => page.Locator($"[data-activity-id='{id}']");

    private static ILocator Handle(IPage page, string node, string port) => page.Locator($".react-flow__handle[data-nodeid='{node}'][data-handleid='{port}']");

    private static async Task DragAsync(IPage page, ILocator from, float x, float y)
    {
        var start = (await from.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(start.X + start.Width / 2, start.Y + start.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x, y, new() { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    private static async Task ConnectAsync(IPage page, string from, string port, string to)
    {
        var target = (await Handle(page, to, "In").BoundingBoxAsync())!;
        await DragAsync(page, Handle(page, from, port), target.X + target.Width / 2, target.Y + target.Height / 2);
    }

    private static async Task DropOnNodeAsync(IPage page, string from, string port, string to)
    {
        var target = (await Node(page, to).BoundingBoxAsync())!;
        await DragAsync(page, Handle(page, from, port), target.X + target.Width / 2, target.Y + target.Height / 2);
    }

    // x and y are fractions of the canvas, clear of the zoom controls (bottom left) and the minimap (bottom right).
    private static async Task DropOnCanvasAsync(IPage page, string from, string port, ILocator canvas, float x, float y)
    {
        var box = (await canvas.BoundingBoxAsync())!;
        await DragAsync(page, Handle(page, from, port), box.X + box.Width * x, box.Y + box.Height * y);
    }

    // Lays the flow out and fits it to the canvas, as a designer does between steps.
    private static async Task TidyAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Auto-layout" }).ClickAsync();
        await page.WaitForTimeoutAsync(400);
    }

    private static async Task FillAsync(IPage page, string activity, params (string Label, string Value)[] fields)
    {
        await Node(page, activity).ClickAsync(new() { Position = new() { X = 12, Y = 12 } });
        var properties = page.GetByRole(AriaRole.Region, new() { Name = "Properties" });
        await Assertions.Expect(properties.GetByRole(AriaRole.Textbox, new() { Name = "Id" })).ToHaveValueAsync(activity);
        foreach (var (label, value) in fields) await properties.GetByLabel(label, new() { Exact = false }).First.FillAsync(value);
    }
}
