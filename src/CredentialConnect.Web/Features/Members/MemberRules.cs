using System.Net.Mail;

namespace CredentialConnect.Web.Features.Members;

/// <summary>The rules a member record must satisfy; errors are keyed by field.</summary>
public static class MemberRules
{
    public static Dictionary<string, string[]> Validate(MemberWrite m, bool isReplace, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [.. errors.GetValueOrDefault(field, []), message];

        if (string.IsNullOrWhiteSpace(m.AmsMemberId)) Add("amsMemberId", "The AMS member id is required: it is the golden key.");
        else if (m.AmsMemberId.Length > 64) Add("amsMemberId", "The AMS member id must be at most 64 characters.");
        if (string.IsNullOrWhiteSpace(m.Email)) Add("email", "Email is required.");
        else if (!IsEmail(m.Email)) Add("email", $"'{m.Email}' is not an email address.");
        if (string.IsNullOrWhiteSpace(m.FirstName)) Add("firstName", "First name is required.");
        else if (m.FirstName.Length > 100) Add("firstName", "First name must be at most 100 characters.");
        if (string.IsNullOrWhiteSpace(m.LastName)) Add("lastName", "Last name is required.");
        else if (m.LastName.Length > 100) Add("lastName", "Last name must be at most 100 characters.");
        if (m.YearsOfExperience is < 0 or > 80) Add("yearsOfExperience", "Years of experience must be between 0 and 80.");
        if (m.MemberSince is { } since && since > today) Add("memberSince", "Member-since cannot be in the future.");
        if (isReplace && m.Version is null) Add("version", Data.VersionedExtensions.VersionRequired);
        return errors;
    }

    private static bool IsEmail(string value) =>
        value.Length <= 320 && MailAddress.TryCreate(value, out var address) && address.Address == value.Trim();
}
