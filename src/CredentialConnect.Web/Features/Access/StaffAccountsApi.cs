using CredentialConnect.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Access;

public sealed record CreateStaffAccountRequest(string Email, string DisplayName, string Role, string Password);

public sealed record StaffAccountSummary(string Id, string Email, string DisplayName, string[] Roles, DateTimeOffset? LockedOutUntil);

/// <summary>Admins create and list staff accounts (Admin, Reviewer).</summary>
public static class StaffAccountsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/staff").WithTags("Staff accounts").RequireAuthorization(AccessPolicies.AccessAdmin);
        staff.MapGet("/", ListAsync).WithName("ListStaffAccounts").WithSummary("Lists staff accounts and their roles.");
        staff.MapPost("/", CreateAsync).WithName("CreateStaffAccount").WithSummary("Creates a staff account with a role.");
    }

    internal static async Task<Ok<StaffAccountSummary[]>> ListAsync(UserManager<UserAccount> users, CancellationToken ct)
    {
        var staff = await users.Users.Where(u => u.MemberId == null).OrderBy(u => u.Email).ToListAsync(ct);
        var result = new List<StaffAccountSummary>();
        foreach (var u in staff)
            result.Add(new StaffAccountSummary(u.Id, u.Email!, u.DisplayName, [.. await users.GetRolesAsync(u)], u.LockoutEnd));
        return TypedResults.Ok(result.ToArray());
    }

    internal static async Task<Results<Created<StaffAccountSummary>, ValidationProblem>> CreateAsync(
        CreateStaffAccountRequest request, UserManager<UserAccount> users)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email) || !request.Email.Contains('@')) errors["email"] = ["A valid email is required."];
        if (string.IsNullOrWhiteSpace(request.DisplayName)) errors["displayName"] = ["A display name is required."];
        if (request.Role is not (HubRoles.Admin or HubRoles.Reviewer)) errors["role"] = ["Role must be Admin or Reviewer."];
        if (string.IsNullOrEmpty(request.Password)) errors["password"] = ["A password is required."];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);

        var (account, created) = await users.CreateAccountAsync(request.Email!, request.DisplayName!, request.Role!, request.Password!);
        if (!created.Succeeded)
            return Problems.ValidationFailed(created.Errors
                .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        return TypedResults.Created($"/api/v1/staff/{account.Id}",
            new StaffAccountSummary(account.Id, account.Email!, account.DisplayName, [request.Role!], null));
    }
}
