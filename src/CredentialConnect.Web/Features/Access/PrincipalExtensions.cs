using System.Security.Claims;

namespace CredentialConnect.Web.Features.Access;

public static class PrincipalExtensions
{
    /// <summary>
    /// The one member whose records this principal may see, or null when it may see every member
    /// (staff, and API clients holding the scope).
    /// </summary>
    public static Guid? OwnMemberOnly(this ClaimsPrincipal user)
    {
        if (user.IsInRole(HubRoles.Admin) || user.IsInRole(HubRoles.Reviewer) || user.HasClaim(c => c.Type == HubClaims.Scope))
            return null;
        // A Member with no linked record may see nothing: an id no row has.
        return Guid.TryParse(user.FindFirstValue(HubClaims.MemberId), out var id) ? id : Guid.Empty;
    }
}
