using CredentialConnect.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Access;

/// <summary>
/// DEVELOPMENT ONLY: signs in as the first account holding a role, without a password, so a newcomer
/// can look around the demo at once. <see cref="AccessModule.MapAccessApi"/> maps it only in Development;
/// in any other environment the route does not exist.
/// </summary>
public static class DevSignIn
{
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/dev/sign-in/{role}", SignInAsAsync)
            .WithTags("Development only")
            .WithName("DevSignIn")
            .WithSummary("DEVELOPMENT ONLY: sign in as the first account with this role, without a password.")
            .ExcludeFromDescription();

    internal static async Task<Results<Ok<SignedInUser>, ProblemHttpResult>> SignInAsAsync(
        string role, UserManager<UserAccount> users, SignInManager<UserAccount> signIn, HttpContext context)
    {
        var holders = await users.GetUsersInRoleAsync(role);
        var account = holders.OrderBy(u => u.Email).FirstOrDefault();
        if (account is null) return Problems.NotFoundResult("account in role", role);
        await signIn.SignInAsync(account, isPersistent: false);
        await CrossSiteRequests.IssueAntiforgeryTokenAsync(context, signIn, account);
        return TypedResults.Ok(new SignedInUser(account.DisplayName, account.ActorName, [role], account.MemberId, account.Id));
    }
}
