namespace CredentialConnect.Workflows.Activities.Actions;

[Activity("Credentials", "Award credential", "Awards the member the program's credential.")]
public sealed class AwardCredential : CommandActivity
{
    public const string EffectKind = "award-credential";
    protected override string Kind => EffectKind;

    [Input(Description = "The program whose credential to award (its code); empty for the flow's program.")]
    public string? Program { get; set; }

}
