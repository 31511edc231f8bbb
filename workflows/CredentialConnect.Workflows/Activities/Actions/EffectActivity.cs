using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Runtime;

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

    /// <summary>Resumed with <c>{"succeeded": true, "reference": "..."}</c> or <c>{"succeeded": false, "reason": "..."}</c>.</summary>
    public override ActivityOutcome Resume(ActivityContext context, Runtime.Bookmark bookmark, JsonObject? payload)
    {
        if (payload?["succeeded"]?.GetValue<bool>() != true)
            throw new InvalidOperationException($"The hub refused the {Kind} command: {payload?["reason"]?.ToString() ?? "no reason given"}.");
        // What the hub answered (the new status, a credential number), for later activities: variables[id].result.
        context.SetOutput("result", payload["reference"]);
        return ActivityOutcome.Done;
    }
}
