using System.Text.Json;
using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.Workflows.Activities.Actions;

/// <summary>
/// An action the host performs after the step commits. Its payload is its bound inputs (camelCase) plus who the
/// instance is about, so each action class only declares its inputs.
/// </summary>
/// <remarks>
/// A command whose refusal matters to what follows (<see cref="AwaitsOutcome"/>: approve, reject, award) waits for
/// the hub's answer: it leaves through <c>Done</c> only when the command succeeded, and is an incident otherwise, so
/// a rejection email never follows a status change the hub refused.
/// </remarks>
public abstract class EffectActivity : Activity
{
    protected abstract string Kind { get; }

    /// <summary>True when the flow continues only once the hub says the command succeeded.</summary>
    protected virtual bool AwaitsOutcome => false;

    public override ActivityOutcome Execute(ActivityContext context)
    {
        var payload = JsonSerializer.SerializeToNode(this, GetType(), InputReader.Json)!.AsObject();
        payload["memberId"] = context.MemberId;
        payload["program"] ??= context.Instance.Program;
        payload["correlationId"] = context.Instance.CorrelationId;
        context.Emit(Kind, payload);
        if (!AwaitsOutcome) return ActivityOutcome.Done;
        context.CreateCommandWait(context.IdempotencyKey());
        return ActivityOutcome.Wait;
    }

    /// <summary>Resumed with <c>{"succeeded": true, "reference": "..."}</c> or <c>{"succeeded": false, "reason": "..."}</c>.</summary>
    public override ActivityOutcome Resume(ActivityContext context, Bookmark bookmark, JsonObject? payload)
    {
        if (payload?["succeeded"]?.GetValue<bool>() != true)
            throw new InvalidOperationException($"The hub refused the {Kind} command: {payload?["reason"]?.ToString() ?? "no reason given"}.");
        // What the hub answered (the new status, a credential number), for later activities: variables[id].result.
        context.SetOutput("result", payload["reference"]);
        return ActivityOutcome.Done;
    }
}
