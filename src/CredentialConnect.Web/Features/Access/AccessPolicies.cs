using Microsoft.AspNetCore.Authorization;

namespace CredentialConnect.Web.Features.Access;

/// <summary>
/// One policy per capability. A person qualifies by role; a machine client by an API key scope.
/// Member-role access is further narrowed to the member's own records by the endpoints themselves.
/// </summary>
public static class AccessPolicies
{
    public const string ProgramsRead = "programs.read";
    public const string ProgramsWrite = "programs.write";
    public const string MembersRead = "members.read";
    public const string MembersWrite = "members.write";
    public const string CredentialsRead = "credentials.read";
    public const string AuditRead = "audit.read";
    public const string ImportsWrite = "imports.write";

    /// <summary>Start, submit and withdraw applications, report CE, set goals; a Member acts only for themself.</summary>
    public const string LifecycleWrite = "lifecycle.write";

    /// <summary>Decide applications, review CE credits and audits.</summary>
    public const string LifecycleReview = "lifecycle.review";

    /// <summary>Award, suspend, revoke and reinstate credentials, record exam results, run audits and sweeps.</summary>
    public const string CredentialsManage = "credentials.manage";

    /// <summary>Connector settings, syncs, the outbox and dead letters.</summary>
    public const string ConnectorsAdmin = "connectors.admin";

    /// <summary>See workflow definitions and their versions.</summary>
    public const string WorkflowsRead = "workflows.read";

    /// <summary>Design, validate, simulate, publish, import and export workflow definitions; list, cancel, retry, skip and migrate instances.</summary>
    public const string WorkflowsAdmin = "workflows.admin";

    /// <summary>Book an exam: staff and integrations that record exams or act for members, and a Member for themself.</summary>
    public const string ExamsRegister = "exams.register";

    /// <summary>Managing people and keys is for Admins in person; no API key can mint another.</summary>
    public const string AccessAdmin = "access.admin";

    internal static void Add(AuthorizationOptions options)
    {
        Add(options, ProgramsRead, ApiScopes.ProgramsRead, HubRoles.Admin, HubRoles.Reviewer, HubRoles.Member);
        Add(options, ProgramsWrite, ApiScopes.ProgramsWrite, HubRoles.Admin);
        Add(options, MembersRead, ApiScopes.MembersRead, HubRoles.Admin, HubRoles.Reviewer, HubRoles.Member);
        Add(options, MembersWrite, ApiScopes.MembersWrite, HubRoles.Admin);
        Add(options, CredentialsRead, ApiScopes.CredentialsRead, HubRoles.Admin, HubRoles.Reviewer, HubRoles.Member);
        Add(options, AuditRead, ApiScopes.AuditRead, HubRoles.Admin);
        Add(options, ConnectorsAdmin, ApiScopes.ConnectorsAdmin, HubRoles.Admin);
        Add(options, ImportsWrite, ApiScopes.ImportsWrite, HubRoles.Admin);
        Add(options, LifecycleWrite, ApiScopes.LifecycleWrite, HubRoles.Admin, HubRoles.Reviewer, HubRoles.Member);
        Add(options, LifecycleReview, ApiScopes.LifecycleReview, HubRoles.Admin, HubRoles.Reviewer);
        Add(options, CredentialsManage, ApiScopes.CredentialsManage, HubRoles.Admin);
        Add(options, WorkflowsRead, [ApiScopes.WorkflowsRead, ApiScopes.WorkflowsAdmin], HubRoles.Admin, HubRoles.Reviewer);
        Add(options, WorkflowsAdmin, ApiScopes.WorkflowsAdmin, HubRoles.Admin);
        options.AddPolicy(ExamsRegister, p => p.RequireAuthenticatedUser().RequireAssertion(context =>
            HubRoles.All.Any(context.User.IsInRole)
            || context.User.HasClaim(HubClaims.Scope, ApiScopes.LifecycleWrite) || context.User.HasClaim(HubClaims.Scope, ApiScopes.CredentialsManage)));
        options.AddPolicy(AccessAdmin, p => p.RequireAuthenticatedUser().RequireRole(HubRoles.Admin));
    }

    private static void Add(AuthorizationOptions options, string name, string scope, params string[] roles) =>
        Add(options, name, [scope], roles);

    private static void Add(AuthorizationOptions options, string name, string[] scopes, params string[] roles) =>
        options.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireAssertion(context =>
            roles.Any(context.User.IsInRole) || scopes.Any(scope => context.User.HasClaim(HubClaims.Scope, scope))));
}
