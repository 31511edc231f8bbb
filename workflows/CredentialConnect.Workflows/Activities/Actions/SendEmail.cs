namespace CredentialConnect.Workflows.Activities.Actions;

[Activity("Messaging", "Send email", "Sends an email rendered from Liquid templates; by default to the member.")]
public sealed class SendEmail : EffectActivity
{
    public const string EffectKind = "email";
    protected override string Kind => EffectKind;

    [Input(Description = "The address to write to; empty for the member's own address.")]
    public string? To { get; set; }

    [Input(Description = "The subject, a Liquid template.", UIHint = UIHints.Liquid, Required = true)]
    public string Subject { get; set; } = "";

    [Input(Description = "The body, a Liquid template.", UIHint = UIHints.Liquid, Required = true)]
    public string Body { get; set; } = "";

    [Input(Description = "The branded layout to send it in, by name.")]
    public string? Template { get; set; }
}
