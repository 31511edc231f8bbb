namespace CredentialConnect.Workflows.Activities.Actions;

[Activity("Messaging", "Send community message", "Sends the member a private message in the community.")]
public sealed class SendCommunityMessage : EffectActivity
{
    public const string EffectKind = "community-message";
    protected override string Kind => EffectKind;

    [Input(Description = "The message title, a Liquid template.", UIHint = UIHints.Liquid, Required = true)]
    public string Title { get; set; } = "";

    [Input(Description = "The message, a Liquid template (Markdown).", UIHint = UIHints.Liquid, Required = true)]
    public string Body { get; set; } = "";
}
