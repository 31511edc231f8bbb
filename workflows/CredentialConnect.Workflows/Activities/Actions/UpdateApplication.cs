namespace CredentialConnect.Workflows.Activities.Actions;

[Activity("Credentials", "Update application", "Moves the application the flow is about to a new status.")]
public sealed class UpdateApplication : CommandActivity
{
    public const string EffectKind = "update-application";
    protected override string Kind => EffectKind;

    [Input(Description = "The new status.", UIHint = UIHints.Dropdown, Required = true, Options = ["InReview", "Approved", "Rejected"])]
    public string Status { get; set; } = "";

    [Input(Description = "Why, shown to the applicant; a Liquid template.", UIHint = UIHints.Liquid)]
    public string? Reason { get; set; }

}
