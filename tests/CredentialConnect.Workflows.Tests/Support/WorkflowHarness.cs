using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Runtime;
using CredentialConnect.Workflows.Validation;

namespace CredentialConnect.Workflows.Tests.Support;

/// <summary>
/// The engine over an in-memory store, with a clock the test moves by firing due timers as the host's scheduler would.
/// Activity tests answer scripts and templates with stand-ins; the shipped templates run on the real engines.
/// </summary>
public sealed class WorkflowHarness
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid Member = Guid.Parse("0195a4c1-0000-7000-8000-000000000001");

    private readonly IScriptEvaluator _scripts;
    private readonly ITemplateRenderer _templates;

    public WorkflowHarness() : this(new ScriptedEvaluator(), new PlaceholderRenderer()) { }

    private WorkflowHarness(IScriptEvaluator scripts, ITemplateRenderer templates) => (_scripts, _templates) = (scripts, templates);

    /// <summary>JavaScript through Jint and Liquid through Fluid, as the host runs them.</summary>
    public static WorkflowHarness WithRealExpressions() => new(new JintScriptEvaluator(), new FluidTemplateRenderer());

    public ScriptedEvaluator Scripts => _scripts as ScriptedEvaluator
        ?? throw new InvalidOperationException("This harness runs real JavaScript; there are no scripted answers to give.");

    public PlaceholderRenderer Templates => _templates as PlaceholderRenderer
        ?? throw new InvalidOperationException("This harness renders real Liquid; there is no placeholder renderer.");

    public InMemoryWorkflowStore Store { get; } = new();
    public WorkflowRunner Runner => new(ActivityRegistry.Default, _scripts, _templates);
    public WorkflowValidator Validator => new(ActivityRegistry.Default, _scripts, _templates);
    public WorkflowEngine Engine => new(Store, Runner);

    public WorkflowHarness Publish(WorkflowDefinition definition)
    {
        Store.Add(definition);
        return this;
    }

    public static DateTimeOffset Day(double days) => T0.AddDays(days);

    public static WorkflowTrigger Event(string type, DateTimeOffset at, JsonObject? data = null, Guid? member = null, string? program = null, string? correlationId = null) =>
        new(type, member ?? Member, program, correlationId, data ?? [], at);

    public Task<IReadOnlyList<WorkflowStep>> RaiseAsync(string type, DateTimeOffset at, JsonObject? data = null, Guid? member = null, string? program = null) =>
        Engine.HandleEventAsync(Event(type, at, data, member, program));

    /// <summary>Raises an event as the host does: with what it knows about the member, program, credential and association.</summary>
    public Task<IReadOnlyList<WorkflowStep>> RaiseAsync(string type, DateTimeOffset at, JsonObject data, JsonObject context, string? program = null,
        string? correlationId = null) =>
        Engine.HandleEventAsync(Event(type, at, data, program: program, correlationId: correlationId) with { Context = context });

    /// <summary>Fires every timer due by <paramref name="until"/>, in order, at its own time.</summary>
    public async Task AdvanceToAsync(DateTimeOffset until)
    {
        while (Store.DueBookmarks(until).FirstOrDefault() is { Bookmark: { } bookmark } due)
            await Engine.ResumeAsync(due.InstanceId, bookmark.Id, null, bookmark.ResumeAt!.Value);
    }

    public WorkflowInstanceState Instance => Store.Instances.Single();

    public IReadOnlyList<Effect> Effects => Store.Outbox;
}
