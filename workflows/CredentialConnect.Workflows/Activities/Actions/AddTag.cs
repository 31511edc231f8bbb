namespace CredentialConnect.Workflows.Activities.Actions;

[Activity("Members", "Add tag", "Tags the member, e.g. for a segment in the AMS.")]
public sealed class AddTag : CommandActivity
{
    public const string EffectKind = "add-tag";
    protected override string Kind => EffectKind;

    [Input(Description = "The tag.", Required = true)]
    public string Tag { get; set; } = "";
}
