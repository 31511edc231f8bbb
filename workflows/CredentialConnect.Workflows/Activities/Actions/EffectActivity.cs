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
        var payload = JsonSerializer.SerializeToNode(this, GetType(), InputReader.Json)!.AsObject();
        payload["memberId"] = context.MemberId;
        payload["program"] ??= context.Instance.Program;
        payload["correlationId"] = context.Instance.CorrelationId;
        context.Emit(Kind, payload);
        return ActivityOutcome.Done;
    }
}
