namespace CredentialConnect.Workflows.Activities.Actions;

[Activity("Community", "Grant community badge", "Grants the member a badge in the community.")]
public sealed class GrantCommunityBadge : EffectActivity
{
    public const string EffectKind = "community-badge";
    protected override string Kind => EffectKind;

    [Input(Description = "The community's badge id or name.", Required = true)]
    public string Badge { get; set; } = "";

    [Input(Description = "Why it was granted, shown with the badge; a Liquid template.", UIHint = UIHints.Liquid)]
    public string? Reason { get; set; }
}
