using System.Text.Json.Nodes;
using CredentialConnect.Workflows.Definitions;
using CredentialConnect.Workflows.Runtime;

namespace CredentialConnect.IntegrationTests.Processes;

/// <summary>
/// The smallest flow that waits on a timer and then has a side effect: OnEvent → Delay → SendEmail → End. Started with
/// a trigger an hour in the past, every instance waits on one timer that is already due, so the nodes that find it
/// resume it at once.
/// </summary>
public static class DueTimerFlow
{
    public const string DefinitionId = "due-timer";
    public const string EventType = "DueTimerSeeded";
    public const string WaitActivity = "wait";
    public const string EmailActivity = "email";

    public static WorkflowDefinition Definition() => WorkflowDefinitionJson.Parse($$$"""
        {
          "definitionId": "{{{DefinitionId}}}",
          "version": 1,
          "name": "Due timer",
          "isPublished": true,
          "root": {
            "activities": [
              { "id": "start", "type": "OnEvent", "inputs": { "eventType": "{{{EventType}}}" } },
              { "id": "{{{WaitActivity}}}", "type": "Delay", "inputs": { "duration": "PT1M" } },
              { "id": "{{{EmailActivity}}}", "type": "SendEmail", "inputs": { "to": "ada@example.org", "subject": "Due", "body": "Timer {{ input.number }} fired." } },
              { "id": "end", "type": "End" }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "{{{WaitActivity}}}", "port": "In" } },
              { "source": { "activity": "{{{WaitActivity}}}", "port": "Done" }, "target": { "activity": "{{{EmailActivity}}}", "port": "In" } },
              { "source": { "activity": "{{{EmailActivity}}}", "port": "Done" }, "target": { "activity": "end", "port": "In" } }
            ]
          }
        }
        """);

    /// <summary>The event that starts instance <paramref name="number"/>, an hour before <paramref name="now"/>, so its timer is due.</summary>
    public static WorkflowTrigger Trigger(int number, DateTimeOffset now) =>
        new(EventType, null, null, $"due-timer-{number}", new JsonObject { ["number"] = number }, now.AddHours(-1));
}
