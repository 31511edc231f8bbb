namespace CredentialConnect.Workflows.Activities;

/// <summary>
/// The hub's roles, the only ones a task can be assigned to or a notification addressed to. They are the host's sign-in
/// roles; a role the hub does not have would leave a task nobody can decide.
/// </summary>
public static class WorkflowRoles
{
    public const string Admin = "Admin";
    public const string Reviewer = "Reviewer";
    public const string Member = "Member";

    public static readonly IReadOnlyList<string> All = [Admin, Reviewer, Member];

    /// <summary>The inputs that name a role: (activity type, input, the field inside the input's object or null).</summary>
    public static readonly IReadOnlyList<(string ActivityType, string Input, string? Field)> Inputs =
    [
        ("ApprovalTask", "assigneeRole", null),
        ("ApprovalTask", "escalation", "notifyRole"),
        ("NotifyInPortal", "role", null),
    ];
}
