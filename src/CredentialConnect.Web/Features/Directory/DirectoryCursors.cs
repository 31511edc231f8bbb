using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace CredentialConnect.Web.Features.PublicDirectory;

/// <summary>
/// The directory's keyset cursors: the next page's number and the last member's <see cref="DirectoryKey"/>, sealed
/// with Data Protection. Sealed because the key holds a member id, which the directory never shows; a cursor that was
/// altered or made up does not open, and the search answers 400.
/// </summary>
public sealed class DirectoryCursors(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("CredentialConnect.Directory.Cursor.v1");

    public string Write(DirectoryStart start) =>
        _protector.Protect(JsonSerializer.Serialize(new Sealed(start.PageNumber, start.After!.NameHidden, start.After.LastName, start.After.FirstName, start.After.Id)));

    /// <summary>The start a cursor stands for, or null when it is not one of ours.</summary>
    public DirectoryStart? Read(string cursor)
    {
        try
        {
            var c = JsonSerializer.Deserialize<Sealed>(_protector.Unprotect(cursor));
            return c is { Page: >= 1, Last: not null, First: not null }
                ? new DirectoryStart(c.Page, 0, new DirectoryKey(c.Hidden, c.Last, c.First, c.Id))
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }

    private sealed record Sealed(int Page, bool Hidden, string Last, string First, Guid Id);
}
