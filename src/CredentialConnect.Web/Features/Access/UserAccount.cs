using CredentialConnect.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace CredentialConnect.Web.Features.Access;

/// <summary>
/// A person who signs in: association staff (Admin, Reviewer) or a member using the portal.
/// A member's account points at their <see cref="Members.Member"/> record.
/// </summary>
public sealed class UserAccount : IdentityUser, IAuditable
{
    public string DisplayName { get; set; } = "";
    public Guid? MemberId { get; set; }
}
