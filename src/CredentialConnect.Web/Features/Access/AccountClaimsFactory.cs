using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CredentialConnect.Web.Features.Access;

/// <summary>Adds the hub's own claims (actor name, member id) to a signed-in person's cookie.</summary>
public sealed class AccountClaimsFactory(
    UserManager<UserAccount> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<UserAccount, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(HubClaims.ActorName, user.ActorName));
        if (user.MemberId is { } memberId) identity.AddClaim(new Claim(HubClaims.MemberId, memberId.ToString()));
        return identity;
    }
}
