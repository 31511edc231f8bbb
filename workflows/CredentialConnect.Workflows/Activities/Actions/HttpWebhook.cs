using System.Text.Json.Nodes;

namespace CredentialConnect.Workflows.Activities.Actions;

[Activity("Integration", "HTTP webhook", "Calls a URL with a JSON body; the host signs and retries it.")]
public sealed class HttpWebhook : EffectActivity
{
    public const string EffectKind = "http-webhook";
    protected override string Kind => EffectKind;

    [Input(Description = "The URL to call.", Required = true)]
    public string Url { get; set; } = "";

    [Input(Description = "The HTTP method.", UIHint = UIHints.Dropdown, DefaultValue = "POST", Options = ["POST", "PUT", "PATCH"])]
    public string Method { get; set; } = "POST";

    [Input(Description = "The JSON body; use an expression to build it from the event.", UIHint = UIHints.Json)]
    public JsonNode? Body { get; set; }
}
