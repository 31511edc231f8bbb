using System.Text.Json.Serialization;
using CredentialConnect.Web.Features.Credentials;

namespace CredentialConnect.Web.Features.PublicDirectory;

/// <summary>
/// The directory's filters, as the query string carries them: <c>?q=okafor&amp;credential=CNP&amp;location=toronto&amp;status=Active</c>.
/// <see cref="Q"/> searches the names members chose to show, <see cref="Location"/> the places they chose to show;
/// <see cref="Credential"/> (a program code) and <see cref="Status"/> match only members who show their credentials.
/// </summary>
public sealed record DirectoryFilter(string? Q, string? Credential, string? Location, string? Status);

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
