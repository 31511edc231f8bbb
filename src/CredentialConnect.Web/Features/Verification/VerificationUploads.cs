using CredentialConnect.Badges.Verification;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace CredentialConnect.Web.Features.Verification;

/// <summary>An upload as read from a request: its bytes, or the status and reason it was refused.</summary>
public sealed record VerificationUpload(byte[]? Bytes, int Status, string? Problem)
{
    public static VerificationUpload Refused(int status, string problem) => new(null, status, problem);
}

/// <summary>
/// Reads what someone asks to verify, from a raw body (JSON, a JWT, a PNG, an SVG) or a multipart form (a file, or a
/// pasted credential in the <c>text</c> field). The body is read with a hard cap, never whole into memory first,
/// so a huge upload is refused with 413 however it arrives.
/// </summary>
public static class VerificationUploads
{
    /// <summary>The largest request body: the verifier's cap on the credential plus room for a form's envelope.</summary>
    public const int MaxBodyBytes = CredentialVerifier.MaxUploadBytes + 64 * 1024;

    public const string FileField = "file";
    public const string TextField = "text";

    private static readonly string TooLarge = $"The upload is larger than {CredentialVerifier.MaxUploadBytes / 1024 / 1024} MB; a badge is a few hundred kilobytes at most.";

    public static async Task<VerificationUpload> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return VerificationUpload.Refused(StatusCodes.Status413PayloadTooLarge, TooLarge);
        byte[]? body;
        try
        {
            body = await ReadCappedAsync(request.Body, MaxBodyBytes, cancellationToken);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            body = null;
        }
        if (body is null) return VerificationUpload.Refused(StatusCodes.Status413PayloadTooLarge, TooLarge);

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return Checked(body);
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) return VerificationUpload.Refused(StatusCodes.Status400BadRequest, "The form has no multipart boundary.");
        try
        {
            return Checked(await FormFieldAsync(body, boundary, cancellationToken)
                ?? throw new InvalidDataException("Choose a file (JSON, JWT, PNG or SVG) or paste a credential."));
        }
        catch (InvalidDataException e)
        {
            return VerificationUpload.Refused(StatusCodes.Status400BadRequest, e.Message);
        }
        catch (IOException e)
        {
            return VerificationUpload.Refused(StatusCodes.Status400BadRequest, $"The form could not be read: {e.Message}");
        }
    }

    private static VerificationUpload Checked(byte[] bytes) => bytes.Length switch
    {
        0 => VerificationUpload.Refused(StatusCodes.Status400BadRequest, "The upload is empty."),
        > CredentialVerifier.MaxUploadBytes => VerificationUpload.Refused(StatusCodes.Status413PayloadTooLarge, TooLarge),
        _ => new VerificationUpload(bytes, StatusCodes.Status200OK, null),
    };

    /// <summary>The first non-empty file in the form, else the pasted text; null when there is neither.</summary>
    private static async Task<byte[]?> FormFieldAsync(byte[] body, string boundary, CancellationToken cancellationToken)
    {
        var reader = new MultipartReader(boundary, new MemoryStream(body)) { BodyLengthLimit = MaxBodyBytes };
        byte[]? text = null;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var content = await ReadCappedAsync(section.Body, MaxBodyBytes, cancellationToken) ?? [];
            if (disposition.IsFileDisposition() && content.Length > 0) return content;
            if (HeaderUtilities.RemoveQuotes(disposition.Name).Equals(TextField, StringComparison.Ordinal) && content.Length > 0) text ??= content;
        }
        return text;
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when there are more.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
