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

    /// <summary>How the audit log names this person: <c>staff:ada@example.org</c> or <c>member:ben@example.org</c>.</summary>
    public string ActorName => $"{(MemberId is null ? "staff" : "member")}:{Email}";
}

public static class UserAccountCreation
{
    /// <summary>
    /// Creates a confirmed account holding <paramref name="role"/>. The result carries Identity's own errors
    /// (a weak password, an email already taken) for the caller to report.
    /// </summary>
    public static async Task<(UserAccount Account, IdentityResult Result)> CreateAccountAsync(
        this UserManager<UserAccount> users, string email, string displayName, string role, string password, Guid? memberId = null)
    {
        var account = new UserAccount { UserName = email, Email = email, DisplayName = displayName, MemberId = memberId, EmailConfirmed = true };
        var result = await users.CreateAsync(account, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(account, role);
        return (account, result);
    }

    /// <summary>Identity's errors as one sentence.</summary>
    public static string Describe(this IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}
