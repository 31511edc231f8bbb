using System.Security.Claims;
using CredentialConnect.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CredentialConnect.Web.Features.Access;

public sealed record CreateStaffAccountRequest(string Email, string DisplayName, string Role, string Password);

public sealed record UpdateStaffAccountRequest(string DisplayName, string Role, bool Enabled);

/// <param name="LockedOutUntil">Until when sign-in is refused after repeated failures; null when it is not.</param>
/// <param name="Enabled">False when an Admin disabled the account: it cannot sign in until enabled again.</param>
public sealed record StaffAccountSummary(string Id, string Email, string DisplayName, string[] Roles, DateTimeOffset? LockedOutUntil, bool Enabled);

/// <summary>Admins create, list, change and disable staff accounts (Admin, Reviewer).</summary>
public static class StaffAccountsApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/v1/staff").WithTags("Staff accounts").RequireAuthorization(AccessPolicies.AccessAdmin);
        staff.MapGet("/", ListAsync).WithName("ListStaffAccounts").WithSummary("Lists staff accounts and their roles.");
        staff.MapPost("/", CreateAsync).WithName("CreateStaffAccount").WithSummary("Creates a staff account with a role.");
        staff.MapPut("/{id}", UpdateAsync).WithName("UpdateStaffAccount")
            .WithSummary("Changes a staff account's name and role, or disables it. Nobody can demote or disable themselves, and the last Admin stays.");
    }

    // Identity has no "disabled": a lockout that never ends is one, and it survives failed-sign-in lockouts ending.
    private static readonly DateTimeOffset Disabled = DateTimeOffset.MaxValue;

    private static async Task<StaffAccountSummary> SummaryAsync(UserManager<UserAccount> users, UserAccount u) =>
        new(u.Id, u.Email!, u.DisplayName, [.. await users.GetRolesAsync(u)], u.LockoutEnd == Disabled ? null : u.LockoutEnd, u.LockoutEnd != Disabled);

    internal static async Task<Ok<StaffAccountSummary[]>> ListAsync(UserManager<UserAccount> users, CancellationToken ct)
    {
        var staff = await users.Users.Where(u => u.MemberId == null).OrderBy(u => u.Email).ToListAsync(ct);
        var result = new List<StaffAccountSummary>();
        foreach (var u in staff) result.Add(await SummaryAsync(users, u));
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
            new StaffAccountSummary(account.Id, account.Email!, account.DisplayName, [request.Role!], null, true));
    }

    internal static async Task<Results<Ok<StaffAccountSummary>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, UpdateStaffAccountRequest request, UserManager<UserAccount> users, ClaimsPrincipal me, CancellationToken ct)
    {
        var account = await users.Users.FirstOrDefaultAsync(u => u.Id == id && u.MemberId == null, ct);
        if (account is null) return Problems.NotFoundResult("staff account", id);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.DisplayName)) errors["displayName"] = ["A display name is required."];
        if (request.Role is not (HubRoles.Admin or HubRoles.Reviewer)) errors["role"] = ["Role must be Admin or Reviewer."];
        if (errors.Count > 0) return Problems.ValidationFailed(errors);

        var roles = await users.GetRolesAsync(account);
        var losesAdmin = roles.Contains(HubRoles.Admin) && (request.Role != HubRoles.Admin || !request.Enabled);
        if (losesAdmin && users.GetUserId(me) == account.Id)
            return Problems.ConflictResult("You cannot remove your own Admin role or disable your own account. Ask another Admin.");
        if (losesAdmin && (await users.GetUsersInRoleAsync(HubRoles.Admin)).Count(a => a.Id != account.Id && a.LockoutEnd != Disabled) == 0)
            return Problems.ConflictResult("This is the last Admin who can sign in. Make someone else an Admin first.");

        account.DisplayName = request.DisplayName.Trim();
        var wasEnabled = account.LockoutEnd != Disabled;
        if (!request.Enabled) account.LockoutEnd = Disabled;
        else if (!wasEnabled) account.LockoutEnd = null;
        var changed = await users.UpdateAsync(account);
        if (changed.Succeeded && !roles.SequenceEqual([request.Role]))
        {
            changed = await users.RemoveFromRolesAsync(account, roles);
            if (changed.Succeeded) changed = await users.AddToRoleAsync(account, request.Role);
        }
        if (!changed.Succeeded) return Problems.ValidationFailed("role", changed.Describe());
        // A new stamp ends the account's open sessions at their next check, so a disabled or demoted person does not keep working.
        if (wasEnabled != request.Enabled || !roles.SequenceEqual([request.Role])) await users.UpdateSecurityStampAsync(account);
        return TypedResults.Ok(await SummaryAsync(users, account));
    }
}
