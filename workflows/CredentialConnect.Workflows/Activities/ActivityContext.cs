using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Expressions;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Activities;

/// <summary>
/// What an activity sees while it runs: who and what the instance is about, the time, its expressions, and the
/// places to put effects, bookmarks and variables. The runner keeps what it collects only when the activity succeeds.
/// </summary>
public sealed class ActivityContext
{
    private readonly List<Effect> _effects = [];
    private readonly List<Bookmark> _bookmarks = [];

    internal ActivityContext(WorkflowInstanceState instance, string activityId, int visit, DateTimeOffset now,
        JsonObject variables, IScriptEvaluator scripts, FlowGraph graph, string? inboundFrom, ISet<string> arrivals)
    {
        Instance = instance;
        ActivityId = activityId;
        Visit = visit;
        Now = now;
        Variables = variables;
        Scripts = scripts;
        OutgoingPorts = graph.OutgoingPorts(activityId);
        InboundSources = graph.InboundSources(activityId);
        InboundFrom = inboundFrom;
        Arrivals = arrivals;
    }

    public WorkflowInstanceState Instance { get; }
    public Guid InstanceId => Instance.InstanceId;
    public Guid? MemberId => Instance.MemberId;
    public string ActivityId { get; }

    /// <summary>How many times this activity has run in this instance, counting this run; part of every idempotency key.</summary>
    public int Visit { get; }

    public DateTimeOffset Now { get; }

    /// <summary>The instance's variables; changes are kept when the activity succeeds.</summary>
    public JsonObject Variables { get; }

    public IScriptEvaluator Scripts { get; }
    public ExpressionScope Scope => new(JsonPlain.ToDictionary(Variables), JsonPlain.ToDictionary(Instance.Input), Now, JsonPlain.ToDictionary(Instance.Context));

    /// <summary>The ports of this node's outgoing connections, in order (Fork leaves through all of them).</summary>
    public IReadOnlyList<string> OutgoingPorts { get; }

    /// <summary>The activities with a connection into this one (Join waits for them).</summary>
    public IReadOnlyList<string> InboundSources { get; }

    /// <summary>The activity whose token arrived here; null for a trigger or a resume.</summary>
    public string? InboundFrom { get; }

    /// <summary>The inbound activities whose tokens have arrived and wait here (Join); kept across steps.</summary>
    public ISet<string> Arrivals { get; }

    internal IReadOnlyList<Effect> Effects => _effects;
    internal IReadOnlyList<Bookmark> Bookmarks => _bookmarks;

    /// <summary>The key that makes an effect happen once: <c>{instanceId}/{activityId}/{visit}</c>, plus a suffix for a second effect.</summary>
    public string IdempotencyKey(string? suffix = null) =>
        suffix is null ? $"{InstanceId}/{ActivityId}/{Visit}" : $"{InstanceId}/{ActivityId}/{Visit}/{suffix}";

    /// <summary>Asks for a side effect; the host performs it after the step commits.</summary>
    public void Emit(string kind, JsonObject payload, string? suffix = null) =>
        _effects.Add(new Effect(kind, IdempotencyKey(suffix), payload, Now));

    public Bookmark CreateTimer(DateTimeOffset resumeAt, JsonObject? data = null) =>
        AddBookmark(BookmarkKind.Timer, null, resumeAt, data);

    public Bookmark CreateEventWait(string stimulus, DateTimeOffset? timeoutAt) =>
        AddBookmark(BookmarkKind.Event, stimulus, timeoutAt, null);

    public Bookmark CreateApproval(string taskId, DateTimeOffset? dueAt) =>
        AddBookmark(BookmarkKind.Approval, taskId, dueAt, null);

    /// <summary>Waits for the host's answer to the in-hub command emitted with <paramref name="idempotencyKey"/>.</summary>
    public Bookmark CreateCommandWait(string idempotencyKey) =>
        AddBookmark(BookmarkKind.Command, idempotencyKey, null, null);

    /// <summary>Records an output for later activities: <c>variables[activityId][name]</c>.</summary>
    public void SetOutput(string name, JsonNode? value)
    {
        if (Variables[ActivityId] is not JsonObject outputs) Variables[ActivityId] = outputs = [];
        outputs[name] = value?.DeepClone();
    }

    public bool IsTrue(string script) => Scripts.Evaluate(script, Scope) is true;

    private Bookmark AddBookmark(BookmarkKind kind, string? stimulus, DateTimeOffset? resumeAt, JsonObject? data)
    {
        // Ids are derived, not random, so running the same step twice yields the same bookmarks.
        var id = StableId.From(InstanceId.ToString(), ActivityId, Visit.ToString(), kind.ToString(), _bookmarks.Count.ToString(),
            resumeAt?.ToString("O") ?? "");
        var bookmark = new Bookmark(id, ActivityId, kind, stimulus, resumeAt, data);
        _bookmarks.Add(bookmark);
        return bookmark;
    }
}
