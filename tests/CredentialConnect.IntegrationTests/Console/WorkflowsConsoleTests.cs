using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CredentialConnect.IntegrationTests.Infrastructure;
using CredentialConnect.IntegrationTests.Processes;
using CredentialConnect.Web.Features.Workflows;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;
using Microsoft.Playwright;

namespace CredentialConnect.IntegrationTests.Console;

/// <summary>Workflows in the staff console: flows and their state, and an instance's incidents and journal.</summary>
[Collection(HubProcessCollection.Name)]
public sealed class WorkflowsConsoleTests(HubProcessDatabases databases)
{
    private const string FlowId = "console-score";

    [Fact]
    public async Task AnAdmin_RetriesAndThenSkipsAFailedActivity_AndTheJournalShowsBoth_WhileAReviewerSeesFlowsButNoIncidents()
    {
        await using var hub = await ConsoleHub.StartAsync(databases);
        using var api = await hub.SignedInAsync();
        await hub.AddReviewerAsync(api);
        var member = await ConsoleSeed.AddMemberAsync(api, "WA-5001", "Mary", "Jackson");
        await (await api.PostJsonAsync("/api/v1/workflow-definitions", FailingFlow())).ReadAsync<WorkflowDefinitionResponse>(HttpStatusCode.Created);
        await (await api.PostJsonAsync($"/api/v1/workflow-definitions/{FlowId}/publish", new { version = 1 })).ReadAsync<WorkflowDefinitionResponse>();
        var started = await (await api.PostJsonAsync($"/api/v1/workflow-definitions/{FlowId}/start", new { memberIds = new[] { member.Id } }))
            .ReadAsync<StartWorkflowResponse>();
        var instanceId = Assert.Single(started.Instances).InstanceId;
        Assert.Equal(nameof(WorkflowStatus.Faulted), (await InstanceAsync(api, instanceId)).Instance.Status);

        await using var browser = await ConsoleBrowser.LaunchAsync();
        foreach (var (name, width, height) in ConsoleBrowser.Widths)
        {
            var page = await browser.OpenAsync(hub.BaseAddress, width, height);
            try
            {
                await ConsoleHub.SignInAsync(page, "/admin/workflows");
                var flow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = FlowId });
                await Assertions.Expect(flow).ToContainTextAsync("Published v1");
                await ConsoleBrowser.CheckScreenAsync(page, $"console-workflows-{name}");

                await page.GotoAsync("/admin/workflows/incidents");
                var listed = page.GetByRole(AriaRole.Region, new() { Name = "Instances with open incidents" }).Locator("tbody tr");
                await Assertions.Expect(listed).ToHaveCountAsync(1);
                await Assertions.Expect(listed).ToContainTextAsync("Mary Jackson (WA-5001)");
                await ConsoleBrowser.CheckScreenAsync(page, $"console-workflow-incidents-{name}");

                await listed.GetByRole(AriaRole.Link).ClickAsync();
                await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/workflows/instances/{instanceId}$"));
                await Assertions.Expect(page.GetByText(new Regex("· 1 attempt$"))).ToBeVisibleAsync();
                await ConsoleBrowser.CheckScreenAsync(page, $"console-workflow-instance-{name}");
            }
            catch
            {
                await ConsoleBrowser.ScreenshotAsync(page, $"failed-workflows-{name}");
                throw;
            }
            if (name == "desktop") await page.Context.CloseAsync();
            else await RetryThenSkipAsync(page, api, instanceId);
        }

        await DisableAndEnableAsync(browser, hub, api);

        var reviewer = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(reviewer, "/admin/workflows", ConsoleHub.ReviewerEmail);
            await Assertions.Expect(reviewer.GetByRole(AriaRole.Row).Filter(new() { HasText = FlowId })).ToBeVisibleAsync();
            await Assertions.Expect(reviewer.GetByRole(AriaRole.Button, new() { Name = $"Disable {FlowId}" })).ToHaveCountAsync(0);
            await Assertions.Expect(reviewer.GetByRole(AriaRole.Link, new() { Name = "Incidents" })).ToHaveCountAsync(0);
            await reviewer.GotoAsync("/admin/workflows/incidents");
            await Assertions.Expect(reviewer.GetByRole(AriaRole.Alert)).ToContainTextAsync("Not allowed");
            await ConsoleBrowser.AssertAccessibleAsync(reviewer, "Workflow incidents for a Reviewer");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(reviewer, "failed-workflows-reviewer");
            throw;
        }
    }

    // Retry runs the failing script again (it fails again, a second attempt); Skip carries on past it, and the flow finishes.
    private static async Task RetryThenSkipAsync(IPage page, HttpClient api, Guid instanceId)
    {
        try
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
            await Assertions.Expect(page.GetByText(new Regex("· 2 attempts$"))).ToBeVisibleAsync();
            var journal = page.GetByRole(AriaRole.List, new() { Name = "Journal" });
            await Assertions.Expect(journal.GetByText("Retried · score")).ToBeVisibleAsync();

            await page.GetByRole(AriaRole.Button, new() { Name = "Skip" }).ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await ConsoleBrowser.CheckScreenAsync(page, "console-workflow-skip-dialog-phone");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Skip activity" }).ClickAsync();
            await Assertions.Expect(dialog).ToHaveCountAsync(0);
            await Assertions.Expect(journal.GetByText("Skipped · score")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToHaveCountAsync(0);
            await ConsoleBrowser.CheckScreenAsync(page, "console-workflow-instance-finished-phone");
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-workflow-incident");
            throw;
        }

        var after = await InstanceAsync(api, instanceId);
        Assert.Equal(nameof(WorkflowStatus.Finished), after.Instance.Status);
        var incident = Assert.Single(after.Incidents);
        Assert.Equal((2, true), (incident.Attempts, incident.Resolved));
        var lines = (await api.GetFromJsonAsync<CredentialConnect.Web.Api.Page<WorkflowJournalLine>>($"/api/v1/workflow-instances/{instanceId}/journal", HttpExtensions.Json))!.Items;
        Assert.Contains(lines, l => (l.ActivityId, l.Event) == ("score", "Retried"));
        Assert.Contains(lines, l => (l.ActivityId, l.Event) == ("score", "Skipped"));
        Assert.Contains(lines, l => l.ActivityId == "tag");
    }

    private static async Task DisableAndEnableAsync(ConsoleBrowser browser, ConsoleHub hub, HttpClient api)
    {
        var page = await browser.OpenAsync(hub.BaseAddress);
        try
        {
            await ConsoleHub.SignInAsync(page, "/admin/workflows");
            var flow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = FlowId });
            await flow.GetByRole(AriaRole.Button, new() { Name = $"Disable {FlowId}" }).ClickAsync();
            await Assertions.Expect(flow).ToContainTextAsync("Disabled");
            Assert.True((await api.GetFromJsonAsync<WorkflowDefinitionResponse>($"/api/v1/workflow-definitions/{FlowId}", HttpExtensions.Json))!.IsDisabled);

            await flow.GetByRole(AriaRole.Link, new() { Name = FlowId }).ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/workflows/{FlowId}$"));
            await page.GetByRole(AriaRole.Link, new() { Name = "Versions" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Versions" }).First).ToContainTextAsync("Starts new instances");
            await ConsoleBrowser.CheckScreenAsync(page, "console-workflow-flow-desktop");
            await page.GetByRole(AriaRole.Button, new() { Name = "Enable flow" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Disable flow" })).ToBeVisibleAsync();
            Assert.False((await api.GetFromJsonAsync<WorkflowDefinitionResponse>($"/api/v1/workflow-definitions/{FlowId}", HttpExtensions.Json))!.IsDisabled);
        }
        catch
        {
            await ConsoleBrowser.ScreenshotAsync(page, "failed-workflow-flow");
            throw;
        }
    }

    private static async Task<WorkflowInstanceResponse> InstanceAsync(HttpClient api, Guid id) =>
        (await api.GetFromJsonAsync<WorkflowInstanceResponse>($"/api/v1/workflow-instances/{id}", HttpExtensions.Json))!;

    // Started by hand; its script reads a field the input does not have, so the activity fails every time it runs.
    private static WorkflowDefinition FailingFlow() => new()
    {
        DefinitionId = FlowId, Name = FlowId,
        Root = new Flowchart
        {
            Activities =
            [
                new ActivityNode { Id = "start", Type = "Manual" },
                new ActivityNode { Id = "score", Type = "SetVariable", Inputs = new JsonObject
                    { ["name"] = "score", ["value"] = new JsonObject { ["expression"] = "input.nothing.here", ["language"] = "JavaScript" } } },
                new ActivityNode { Id = "tag", Type = "AddTag", Inputs = new JsonObject { ["tag"] = "scored" } },
            ],
            Connections = [new Connection(new Endpoint("start"), new Endpoint("score", "In")), new Connection(new Endpoint("score"), new Endpoint("tag", "In"))],
        },
    };
}
