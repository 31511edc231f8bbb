namespace CredentialConnect.Web.Features.Access;

/// <summary>The roles a person can hold in the hub.</summary>
public static class HubRoles
{
    public const string Admin = "Admin";
    public const string Reviewer = "Reviewer";
    public const string Member = "Member";

    public static readonly string[] All = [Admin, Reviewer, Member];
}

/// <summary>Claims the hub adds to every principal, whether a person or an API client.</summary>
public static class HubClaims
{
    /// <summary>How the audit log names this principal: <c>staff:ada@example.org</c>, <c>api-key:lms-sync</c>.</summary>
    public const string ActorName = "cc:actor";

    /// <summary>The member record a Member-role principal may see.</summary>
    public const string MemberId = "cc:member_id";

    /// <summary>One claim per scope an API key was granted.</summary>
    public const string Scope = "scope";
}

/// <summary>
/// Scopes a machine client's API key can carry. Each names one capability; a key gets only what
/// its integration needs.
/// </summary>
public static class ApiScopes
{
    public const string ProgramsRead = "programs:read";
    public const string ProgramsWrite = "programs:write";
    public const string MembersRead = "members:read";
    public const string MembersWrite = "members:write";
    public const string CredentialsRead = "credentials:read";
    public const string AuditRead = "audit:read";
    public const string ConnectorsAdmin = "connectors:admin";

    /// <summary>Upload spreadsheets of certificants and CE credits, dry-run and commit them.</summary>
    public const string ImportsWrite = "imports:write";

    /// <summary>Act for members: applications, self-reported CE, goals.</summary>
    public const string LifecycleWrite = "lifecycle:write";

    /// <summary>Decide applications and review CE credits and audits.</summary>
    public const string LifecycleReview = "lifecycle:review";

    /// <summary>Record exam results; award, suspend, revoke and reinstate credentials; run audits.</summary>
    public const string CredentialsManage = "credentials:manage";

    /// <summary>Read workflow definitions and their versions.</summary>
    public const string WorkflowsRead = "workflows:read";

    /// <summary>Design, validate, simulate, publish, import and export workflow definitions.</summary>
    public const string WorkflowsAdmin = "workflows:admin";

    public static readonly string[] All =
    [
        ProgramsRead, ProgramsWrite, MembersRead, MembersWrite, CredentialsRead, AuditRead, ConnectorsAdmin, ImportsWrite,
        LifecycleWrite, LifecycleReview, CredentialsManage, WorkflowsRead, WorkflowsAdmin,
    ];
}
