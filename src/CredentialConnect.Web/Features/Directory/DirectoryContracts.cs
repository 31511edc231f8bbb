using System.Text.Json.Serialization;
using CredentialConnect.Web.Features.Credentials;

namespace CredentialConnect.Web.Features.PublicDirectory;

/// <summary>
/// The directory's filters, as the query string carries them: <c>?q=okafor&amp;credential=CNP&amp;location=toronto&amp;status=Active</c>.
/// <see cref="Q"/> searches the names members chose to show, <see cref="Location"/> the places they chose to show;
/// <see cref="Credential"/> (a program code) and <see cref="Status"/> match only members who show their credentials.
/// <see cref="After"/> continues a search past the page numbers' reach: the <c>nextCursor</c> of the page before.
/// </summary>
public sealed record DirectoryFilter(string? Q, string? Credential, string? Location, string? Status, string? After = null);

/// <summary>
/// One member as the public sees them: only what they consented to show. A field they hide is absent, not null, so
/// a reader cannot tell "hidden" from "never recorded".
/// </summary>
public sealed record DirectoryEntry(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DirectoryLocation? Location,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DirectoryCredential>? Credentials);

public sealed record DirectoryLocation(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? City,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Region,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Country);

/// <summary>A credential the member shows, with where anyone can check it: <see cref="VerifyUrl"/>.</summary>
public sealed record DirectoryCredential(string ProgramCode, string ProgramName, string Number, CredentialStatus Status, string VerifyUrl);

/// <summary>
/// The filters read and checked: the words of the name and location searches (each matches the start of a word),
/// the program code and the credential status. Words hold only letters and digits, so they are safe in any query syntax.
/// </summary>
public sealed record DirectoryCriteria(IReadOnlyList<string> NameWords, IReadOnlyList<string> LocationWords, string? ProgramCode, CredentialStatus? Status)
{
    public bool FiltersCredentials => ProgramCode is not null || Status is not null;
}

/// <summary>
/// A member's place in the directory order: members who show their name first, by lower-cased last name, then first
/// name (both empty for a hidden name, so nothing hidden ever takes part), then id.
/// </summary>
public sealed record DirectoryKey(bool NameHidden, string LastName, string FirstName, Guid Id);

/// <summary>
/// Where a page starts: <see cref="Skip"/> matches in (page numbers, within <see cref="DirectoryRules.MaxDepth"/>), or
/// just after the member <see cref="After"/> (keyset paging, at any depth). <see cref="PageNumber"/> is the page's number either way.
/// </summary>
public sealed record DirectoryStart(int PageNumber, int Skip, DirectoryKey? After);
