using System.ComponentModel;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CredentialConnect.Connectors;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Access;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Web.Features.Scheduling;
using CredentialConnect.Web.Features.Sync;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Quartz;

namespace CredentialConnect.Web.Features.Connectors;

/// <summary>
/// A connector as the admin console shows it. Secret settings are listed by name only, never by value.
/// <see cref="PausedUntil"/> and <see cref="PauseReason"/> are set while the partner has asked the hub to wait (a rate limit).
/// </summary>
public sealed record ConnectorResponse(
    string Name, IReadOnlyList<string> Kinds, bool Configured, IReadOnlyDictionary<string, string?> Settings,
    IReadOnlyList<string> SecretsSet, IReadOnlyList<SyncStreamResponse> Streams, DateTimeOffset? PausedUntil = null, string? PauseReason = null)
{
    /// <summary>Every setting the connector has, set or not, with its type and help: the admin console draws its form from these.</summary>
    public IReadOnlyList<ConnectorSettingResponse> SettingDescriptors { get; init; } = [];

    /// <summary>After a save only: the secrets the save cleared because a partner address moved to another host.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? SecretsCleared { get; init; }
}

public sealed record SyncStreamResponse(
    string Name, string? Cursor, DateTimeOffset? LastRunAt, DateTimeOffset? LastSuccessAt, string? LastError, DateTimeOffset? PausedUntil, SyncRunResponse? LastRun);

public sealed record SyncRunResponse(
    Guid Id, string Stream, string Trigger, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Status,
    int Pages, int Received, int Created, int Updated, int Unchanged, int Removed, int Skipped, int HeldForReview,
    string? CursorBefore, string? CursorAfter, string? Error)
{
    public static SyncRunResponse From(SyncRun r) => new(r.Id, r.Stream, r.Trigger, r.StartedAt, r.FinishedAt, r.Status.ToString(),
        r.Pages, r.Received, r.Created, r.Updated, r.Unchanged, r.Removed, r.Skipped, r.HeldForReview, r.CursorBefore, r.CursorAfter, r.Error);
}

/// <summary>Settings to change; a null value removes the setting. Keys are the connector's option names (<c>BaseUrl</c>, <c>ApiKey</c>).</summary>
[Description("Settings to change, by the connector's option names as GET /api/v1/connectors/{name} lists them in settingDescriptors. " +
    "Values are strings; a null value removes a saved setting. Changing a partner address to another host clears the saved secrets unless new ones are given.")]
public sealed record ConnectorSettingsRequest(
    [property: Description("Option name → new value, e.g. {\"BaseUrl\":\"https://forum.example.org/\",\"ApiKey\":\"…\"}.")] Dictionary<string, string?> Settings);

public sealed record ConnectionTestResponse(string Connector, bool Succeeded, string Outcome, string? Detail);

/// <summary>What Sync now started. <see cref="RequestedAt"/> is the hub's time of the request: a queued run starts after it,
/// so <c>GET .../runs/live?since={requestedAt}</c> follows that run.</summary>
public sealed record SyncStartedResponse(string Connector, string Mode, IReadOnlyList<SyncRunResponse> Runs, DateTimeOffset RequestedAt);

public static class ConnectorsApi
{
    private static readonly SortFields<SyncRun> RunSort = new(r => r.Id, "-startedAt", ("startedAt", r => r.StartedAt));

    public static WebApplication MapConnectorsApi(this WebApplication app)
    {
        var group = app.MapGroup("/api/v1/connectors").WithTags("Connectors").RequireAuthorization(AccessPolicies.ConnectorsAdmin);
        group.MapGet("/", ListAsync).WithName("ListConnectors").WithSummary("Every connector the hub has, its settings (secrets by name only) and its sync streams.");
        group.MapGet("/{name}", GetAsync).WithName("GetConnector").WithSummary("One connector.");
        group.MapPut("/{name}/settings", SaveSettingsAsync).WithName("SaveConnectorSettings")
            .WithSummary("Change a connector's settings. Secrets are encrypted at rest and never returned.")
            .AddOpenApiOperationTransformer(DescribeSettingsBody);
        group.MapPost("/{name}/test", TestAsync).WithName("TestConnector").WithSummary("Check that the partner answers with the saved settings, changing nothing.");
        group.MapPost("/{name}/sync", SyncNowAsync).WithName("SyncConnector").WithSummary("Run the connector's feeds now instead of waiting for the schedule.");
        group.MapGet("/{name}/runs", RunsAsync).WithName("ListSyncRuns").WithSummary("The connector's sync history, newest first: counts, cursors and errors.");
        SyncRunProgress.Map(group);
        return app;
    }

    private static async Task<Ok<List<ConnectorResponse>>> ListAsync(ConnectorCatalog catalog, AppDbContext db, IConfiguration configuration, PartnerPauses pauses, CancellationToken ct)
    {
        var list = new List<ConnectorResponse>();
        foreach (var connector in catalog.All) list.Add(await DescribeAsync(connector, db, configuration, pauses, ct));
        return TypedResults.Ok(list);
    }

    private static async Task<Results<Ok<ConnectorResponse>, ProblemHttpResult>> GetAsync(string name, ConnectorCatalog catalog, AppDbContext db, IConfiguration configuration, PartnerPauses pauses, CancellationToken ct) =>
        catalog.Find(name) is { } connector ? TypedResults.Ok(await DescribeAsync(connector, db, configuration, pauses, ct)) : Problems.NotFoundResult("connector", name);

    private static async Task<Results<Ok<ConnectorResponse>, ValidationProblem, ProblemHttpResult>> SaveSettingsAsync(
        string name, ConnectorSettingsRequest request, ConnectorCatalog catalog, ConnectorSettingsStore store, AppDbContext db,
        IConfiguration configuration, IHostEnvironment environment, ICurrentActor actor, TimeProvider clock, PartnerPauses pauses, CancellationToken ct)
    {
        if (catalog.Find(name) is not { } connector) return Problems.NotFoundResult("connector", name);
        if (request.Settings is not { Count: > 0 } settings) return Problems.ValidationFailed("settings", "Give at least one setting to change.");
        var (edit, errors) = ConnectorSettingsEditor.Plan(connector, settings, configuration, ConnectorAddresses.AllowsLoopbackHttp(environment, configuration));
        if (edit is null) return Problems.ValidationFailed(errors);

        // Connectors read their options through IOptionsMonitor, so the saved values apply from the next call on.
        await store.SaveAsync(name, edit, actor.Name, clock.GetUtcNow(), ct);
        return TypedResults.Ok(await DescribeAsync(connector, db, configuration, pauses, ct) with { SecretsCleared = edit.SecretsCleared });
    }

    private static Task DescribeSettingsBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.RequestBody is not OpenApiRequestBody body) return Task.CompletedTask;
        body.Description = "The settings to change, by option name (see settingDescriptors of GET /api/v1/connectors/{name}). " +
            "Only these keys change; a null value removes a saved setting. Secrets are stored encrypted and never returned. " +
            "Partner addresses must be https; moving one to another host clears the saved secrets unless the same request gives new ones. " +
            "An unknown setting name is refused with 400.";
        foreach (var media in body.Content?.Values ?? [])
            media.Example = new JsonObject { ["settings"] = new JsonObject { ["BaseUrl"] = "https://forum.example.org/", ["ApiKey"] = "d5a0…", ["Enabled"] = "true" } };
        return Task.CompletedTask;
    }

    private static async Task<Results<Ok<ConnectionTestResponse>, ProblemHttpResult>> TestAsync(string name, ConnectorCatalog catalog, CancellationToken ct)
    {
        if (catalog.Find(name) is not { } connector) return Problems.NotFoundResult("connector", name);
        Outcome outcome;
        try
        {
            if (!connector.IsConfigured) return TypedResults.Ok(new ConnectionTestResponse(name, false, "NotConfigured", "The connector is not enabled."));
            outcome = await connector.TestConnectionAsync(ct);
        }
        catch (OptionsValidationException e)
        {
            return TypedResults.Ok(new ConnectionTestResponse(name, false, "InvalidSettings", string.Join(" ", e.Failures)));
        }
        return TypedResults.Ok(new ConnectionTestResponse(name, outcome.Succeeded, outcome.GetType().Name, outcome.Describe()));
    }

    private static async Task<Results<Ok<SyncStartedResponse>, Accepted<SyncStartedResponse>, ProblemHttpResult>> SyncNowAsync(
        string name, ConnectorCatalog catalog, SyncEngine sync, ISchedulerFactory schedulers, IOptions<HubSchedule> scheduling, TimeProvider clock, CancellationToken ct)
    {
        var requestedAt = clock.GetUtcNow();
        if (catalog.Find(name) is not { } connector) return Problems.NotFoundResult("connector", name);
        if (connector is not (IMemberSource or ILearningSource)) return Problems.ConflictResult($"'{name}' has no feed to sync.");
        if (!ConnectorCatalog.IsReady(connector)) return Problems.ConflictResult($"'{name}' is not enabled, or its settings are incomplete.");

        if (scheduling.Value.Enabled)
        {
            var scheduler = await schedulers.GetScheduler(ct);
            // Through the scheduler, so an on-demand run never overlaps a scheduled one on any node.
            await scheduler.TriggerJob(SchedulingModule.SyncConnector, new JobDataMap { [SyncConnectorJob.ConnectorKey] = name }, ct);
            return TypedResults.Accepted($"/api/v1/connectors/{name}/runs", new SyncStartedResponse(name, "queued", [], requestedAt));
        }
        var runs = await sync.RunConnectorAsync(name, SyncTriggers.OnDemand, ct);
        return TypedResults.Ok(new SyncStartedResponse(name, "completed", runs.Select(SyncRunResponse.From).ToList(), requestedAt));
    }

    private static async Task<Results<Ok<Page<SyncRunResponse>>, ValidationProblem, ProblemHttpResult>> RunsAsync(
        string name, [AsParameters] ListQuery list, ConnectorCatalog catalog, AppDbContext db, CancellationToken ct)
    {
        if (catalog.Find(name) is null) return Problems.NotFoundResult("connector", name);
        if (list.Validate(RunSort) is { Count: > 0 } errors) return Problems.ValidationFailed(errors);
        var prefix = name + "/";
        var page = await db.SyncRuns.AsNoTracking().Where(r => r.Stream.StartsWith(prefix)).ToPageAsync(list, RunSort, r => r, ct);
        return TypedResults.Ok(page.Map(SyncRunResponse.From));
    }

    private static async Task<ConnectorResponse> DescribeAsync(IConnector connector, AppDbContext db, IConfiguration configuration, PartnerPauses pauses, CancellationToken ct)
    {
        var section = configuration.GetSection(ConnectorsModule.SectionOf(connector.Name));
        var values = section.AsEnumerable(makePathsRelative: true).Where(kv => kv.Value is not null).ToList();
        var settings = values.Where(kv => !ConnectorSettingsStore.IsSecret(kv.Key)).OrderBy(kv => kv.Key).ToDictionary(kv => kv.Key, kv => kv.Value);
        var secrets = values.Where(kv => ConnectorSettingsStore.IsSecret(kv.Key) && !string.IsNullOrEmpty(kv.Value)).Select(kv => kv.Key).Order().ToList();

        var pause = await pauses.ActiveAsync(db, connector.Name, ct);
        var prefix = connector.Name + "/";
        var streams = await db.SyncStreams.AsNoTracking().Where(s => s.Name.StartsWith(prefix)).OrderBy(s => s.Name).ToListAsync(ct);
        var described = new List<SyncStreamResponse>();
        foreach (var s in streams)
        {
            var last = await db.SyncRuns.AsNoTracking().Where(r => r.Stream == s.Name).OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
            described.Add(new SyncStreamResponse(s.Name, s.Cursor, s.LastRunAt, s.LastSuccessAt, s.LastError, pause?.PausedUntil, last is null ? null : SyncRunResponse.From(last)));
        }
        bool configured;
        try { configured = connector.IsConfigured; } catch (OptionsValidationException) { configured = false; }
        return new ConnectorResponse(connector.Name, ConnectorCatalog.KindsOf(connector), configured, settings, secrets, described, pause?.PausedUntil, pause?.Reason)
        {
            SettingDescriptors = ConnectorSettingsEditor.Describe(connector, configuration),
        };
    }
}
