using System.Text.Json.Nodes;

namespace CredentialConnect.Workflows.Tests.Support;

/// <summary>What the hub tells a flow about the member, the program, the credential and the association, as the host builds it.</summary>
public sealed class TemplateContexts
{
    private readonly JsonObject _program = new()
    {
        ["code"] = "CPA", ["name"] = "Certified Planning Associate", ["kind"] = "Certification", ["examRequired"] = true,
        ["passMarkPercent"] = 70, ["maxAttempts"] = 3, ["retakeWaitDays"] = 30,
        ["noticeDays"] = new JsonArray(90, 60, 30, 7), ["gracePeriodDays"] = 90, ["reinstatementWindowDays"] = 180,
    };

    private JsonObject? _credential;
    private string _firstName = "Ada";

    public TemplateContexts Program(string code, string name)
    {
        _program["code"] = code;
        _program["name"] = name;
        return this;
    }

    public TemplateContexts Set(string name, JsonNode? value)
    {
        _program[name] = value;
        return this;
    }

    public TemplateContexts Member(string firstName)
    {
        _firstName = firstName;
        return this;
    }

    public TemplateContexts Credential(string number, DateTimeOffset expiresAt)
    {
        _credential = new JsonObject
        {
            ["id"] = "0195a4c1-0000-7000-8000-0000000000c1", ["number"] = number, ["status"] = "Active",
            ["expiresAt"] = expiresAt.ToString("O"), ["verifyUrl"] = $"https://hub.example.org/verify/{number}",
        };
        return this;
    }

    public JsonObject Build()
    {
        var context = new JsonObject
        {
            ["member"] = new JsonObject
            {
                ["id"] = WorkflowHarness.Member.ToString(), ["firstName"] = _firstName, ["lastName"] = "Lovelace",
                ["name"] = $"{_firstName} Lovelace", ["email"] = "ada@example.org",
            },
            ["program"] = _program.DeepClone(),
            ["association"] = new JsonObject { ["name"] = "Society of Planners", ["timeZone"] = "Europe/London", ["locale"] = "en-GB" },
        };
        if (_credential is not null) context["credential"] = _credential.DeepClone();
        return context;
    }
}
