using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredentialConnect.Workflows.Activities.Actions;

/// <summary>
/// An action the host performs after the step commits. Its payload is its bound inputs (camelCase) plus who the
/// instance is about, so each action class only declares its inputs.
/// </summary>
public abstract class EffectActivity : Activity
{
    protected abstract string Kind { get; }

    public override ActivityOutcome Execute(ActivityContext context)
    {
        Emit(context);
        return ActivityOutcome.Done;
    }

    private protected void Emit(ActivityContext context)
    {
        var payload = JsonSerializer.SerializeToNode(this, GetType(), InputReader.Json)!.AsObject();
        payload["memberId"] = context.MemberId;
        payload["program"] ??= context.Instance.Program;
        payload["correlationId"] = context.Instance.CorrelationId;
        context.Emit(Kind, payload);
    }
}

/// <summary>
/// An effect that changes the hub's own records (an award, an application decision, a tag). The hub may refuse it
/// (the application was already decided), so the activity waits for the host's answer in the same unit of work: it
/// leaves through <c>Done</c> only when the command was accepted, and a refusal is an incident on this step, with the
/// hub's reason, so nothing that depends on the command runs.
/// </summary>
public abstract class CommandActivity : EffectActivity
{
    public override ActivityOutcome Execute(ActivityContext context)
    {
        Emit(context);
        context.CreateCommandWait(context.IdempotencyKey());
        return ActivityOutcome.Wait;
    }

    public override ActivityOutcome Resume(ActivityContext context, Runtime.Bookmark bookmark, JsonObject? payload)
    {
        if (payload?["succeeded"]?.GetValue<bool>() == true) return ActivityOutcome.Done;
        throw new InvalidOperationException($"The hub refused '{Kind}': {payload?["reason"]?.GetValue<string>() ?? "no reason was given"}.");
    }
}
