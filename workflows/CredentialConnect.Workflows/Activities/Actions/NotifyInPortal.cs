namespace CredentialConnect.Workflows.Activities.Actions;

[Activity("Messaging", "Notify in portal", "Shows a notification in the portal, to the member or to a staff role.")]
public sealed class NotifyInPortal : EffectActivity
{
    public const string EffectKind = "portal-notification";
    protected override string Kind => EffectKind;

    [Input(Description = "The title, a Liquid template.", UIHint = UIHints.Liquid, Required = true)]
    public string Title { get; set; } = "";

    [Input(Description = "The text, a Liquid template.", UIHint = UIHints.Liquid, Required = true)]
    public string Message { get; set; } = "";

    [Input(Description = "Where the notification leads, e.g. /credentials/renew.")]
    public string? Link { get; set; }

    [Input(Description = "A staff role to notify instead of the member.")]
    public string? Role { get; set; }
}
