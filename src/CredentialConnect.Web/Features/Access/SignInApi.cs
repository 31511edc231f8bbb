using System.Security.Claims;
using CredentialConnect.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace CredentialConnect.Web.Features.Access;

public sealed record SignInRequest(string Email, string Password);

/// <summary>Who is signed in; <see cref="AccountId"/> is what assignments (an application's reviewer) name them by.</summary>
public sealed record SignedInUser(string Name, string Actor, string[] Roles, Guid? MemberId, string? AccountId = null);

/// <summary>Cookie sign-in for people. Machine clients use API keys instead.</summary>
public static class SignInApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/auth").WithTags("Sign-in");
        auth.MapPost("/sign-in", SignInAsync).WithName("SignIn").WithSummary("Signs a person in with email and password; sets the session cookie.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked);
        auth.MapPost("/sign-out", SignOutAsync).WithName("SignOut").WithSummary("Ends the session.").RequireAuthorization();
        auth.MapGet("/me", Me).WithName("WhoAmI").WithSummary("The signed-in person or API client.").RequireAuthorization();
    }

    internal static async Task<Results<Ok<SignedInUser>, ValidationProblem, ProblemHttpResult>> SignInAsync(
        SignInRequest request, SignInManager<UserAccount> signIn, UserManager<UserAccount> users, HttpContext context)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email)) errors["email"] = ["Email is required."];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["Password is required."];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);

        var user = await users.FindByEmailAsync(request.Email!);
        var result = user is null
            ? SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, request.Password!, isPersistent: false, lockoutOnFailure: true);

        if (result.IsLockedOut)
            return TypedResults.Problem(type: Problems.LockedOut, title: "Account locked.", statusCode: StatusCodes.Status423Locked,
                detail: "Too many failed sign-ins. The account is locked for a while; try again later or ask an Admin.");
        if (!result.Succeeded)
            return TypedResults.Problem(type: Problems.Unauthorized, title: "Sign-in failed.", statusCode: StatusCodes.Status401Unauthorized,
                detail: "The email or password is not right.");

        await CrossSiteRequests.IssueAntiforgeryTokenAsync(context, signIn, user!);
        var roles = await users.GetRolesAsync(user!);
        return TypedResults.Ok(new SignedInUser(user!.DisplayName, user.ActorName, [.. roles], user.MemberId, user.Id));
    }

    internal static async Task<NoContent> SignOutAsync(SignInManager<UserAccount> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    internal static Ok<SignedInUser> Me(ClaimsPrincipal user, HttpContext context)
    {
        if (user.Identity?.AuthenticationType == IdentityConstants.ApplicationScheme) CrossSiteRequests.IssueAntiforgeryToken(context);
        return TypedResults.Ok(new SignedInUser(
            user.Identity?.Name ?? "",
            user.FindFirstValue(HubClaims.ActorName) ?? "",
            user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
            Guid.TryParse(user.FindFirstValue(HubClaims.MemberId), out var id) ? id : null,
            user.FindFirstValue(ClaimTypes.NameIdentifier)));
    }
}
