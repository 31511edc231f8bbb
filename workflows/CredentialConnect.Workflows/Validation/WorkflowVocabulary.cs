using CredentialConnect.Workflows.Activities;

namespace CredentialConnect.Workflows.Validation;

/// <summary>
/// The names a definition may use that the runtime does not own: the host's domain events and its roles.
/// </summary>
/// <param name="EventTypes">Every event a flow can start on, wait for or cancel on; null when the host gives no catalogue.</param>
public sealed record WorkflowVocabulary(IReadOnlyCollection<string>? EventTypes, IReadOnlyList<string> Roles)
{
    /// <summary>No event catalogue; the hub's roles.</summary>
    public static readonly WorkflowVocabulary RolesOnly = new(null, WorkflowRoles.All);
}
