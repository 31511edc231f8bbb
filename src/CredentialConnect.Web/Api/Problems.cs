using Microsoft.AspNetCore.Http.HttpResults;

namespace CredentialConnect.Web.Api;

/// <summary>
/// Every error the API returns is a ProblemDetails whose <c>type</c> is one of these stable URIs,
/// so clients can branch on the kind of failure rather than on the wording.
/// </summary>
public static class Problems
{
    public const string BaseUri = "https://credentialconnect.org/problems/";

    public const string Validation = BaseUri + "validation";
    public const string NotFound = BaseUri + "not-found";
    public const string Conflict = BaseUri + "conflict";
    public const string Unauthorized = BaseUri + "unauthorized";
    public const string Forbidden = BaseUri + "forbidden";
    public const string MalformedRequest = BaseUri + "malformed-request";
    public const string LockedOut = BaseUri + "locked-out";
    public const string InvalidTransition = BaseUri + "invalid-transition";
    public const string TooManyRequests = BaseUri + "too-many-requests";
    public const string PayloadTooLarge = BaseUri + "payload-too-large";
    public const string UnsupportedMediaType = BaseUri + "unsupported-media-type";
    public const string ImportNotValidated = BaseUri + "import-not-validated";
    public const string ImportFailed = BaseUri + "import-failed";
    public const string Unavailable = BaseUri + "unavailable";
    public const string ServerError = BaseUri + "server-error";

    public static string ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => Unauthorized,
        403 => Forbidden,
        404 => NotFound,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => TooManyRequests,
        503 => Unavailable,
        _ when status >= 500 => ServerError,
        _ => BaseUri + status,
    };

    public static ValidationProblem ValidationFailed(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "One or more fields are invalid.", type: Validation);

    public static ValidationProblem ValidationFailed(string field, string error) =>
        ValidationFailed(new Dictionary<string, string[]> { [field] = [error] });

    public static ProblemHttpResult NotFoundResult(string what, object id) =>
        TypedResults.Problem(type: NotFound, title: "Not found.", statusCode: StatusCodes.Status404NotFound, detail: $"No {what} '{id}'.");

    public static ProblemHttpResult UnauthorizedResult(string detail) =>
        TypedResults.Problem(type: Unauthorized, title: "Unauthorized.", statusCode: StatusCodes.Status401Unauthorized, detail: detail);

    public static ProblemHttpResult ConflictResult(string detail) =>
        TypedResults.Problem(type: Conflict, title: "Conflict.", statusCode: StatusCodes.Status409Conflict, detail: detail);
}
