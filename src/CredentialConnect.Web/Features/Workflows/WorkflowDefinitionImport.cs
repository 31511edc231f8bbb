using System.Text.Json;
using CredentialConnect.Web.Api;
using CredentialConnect.Web.Data;
using CredentialConnect.Web.Features.Audit;
using CredentialConnect.Workflows.Activities;
using CredentialConnect.Workflows.Definitions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// Import takes what export gives: the definition's JSON, as the body or as an uploaded file. It never overwrites:
/// a new definition starts at version 1, a known one gets the next draft version.
/// </summary>
public static class WorkflowDefinitionImport
{
    public const int MaxBytes = 1024 * 1024;

    internal static async Task<Results<Created<WorkflowDefinitionResponse>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpContext http, AppDbContext db, ActivityRegistry registry, ICurrentActor actor, TimeProvider clock, CancellationToken ct)
    {
        if (http.Request.ContentLength > MaxBytes) return TooLarge();
        JsonElement? json;
        try
        {
            json = await ReadJsonAsync(http.Request, ct);
        }
        catch (JsonException e)
        {
            return Problems.ValidationFailed("$", $"The file is not valid JSON: {e.Message}");
        }
        catch (InvalidDataException)
        {
            return TooLarge();
        }
        if (json is not { } body) return Problems.ValidationFailed("file", "Upload the definition as a JSON file in the form field 'file'.");

        var (definition, problem) = await WorkflowDefinitionsApi.ReadAsync<WorkflowDefinition>(body, http, db, d => d, "", ct);
        if (problem is not null) return problem;
        // A flow from another hub may name activities this one does not have; it could never run here, so it is not kept.
        var unknown = definition!.Root.Activities.Select((a, i) => (a, i)).Where(x => registry.Find(x.a.Type) is null)
            .ToDictionary(x => $"root.activities[{x.i}].type", x => new[] { $"Activity '{x.a.Id}' is of type '{x.a.Type}', which this hub does not have." });
        if (unknown.Count > 0) return Problems.ValidationFailed(unknown);
        var latest = await WorkflowDefinitionVersions.LatestAsync(db, definition!.DefinitionId, ct);
        var draft = WorkflowDefinitionVersions.AddNextDraft(db, latest, definition, actor.Name, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/workflow-definitions/{draft.DefinitionId}/versions/{draft.DefinitionVersion}", WorkflowDefinitionResponse.From(draft));
    }

    /// <summary>The body's JSON, or the uploaded file's; null when a form carries no file.</summary>
    private static async Task<JsonElement?> ReadJsonAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType) return await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);

        var form = await request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = MaxBytes }, ct);
        if ((form.Files.GetFile("file") ?? form.Files.FirstOrDefault()) is not { } file) return null;
        await using var stream = file.OpenReadStream();
        return await JsonSerializer.DeserializeAsync<JsonElement>(stream, cancellationToken: ct);
    }

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(type: Problems.PayloadTooLarge, title: "The request body is too large.", statusCode: StatusCodes.Status413PayloadTooLarge,
            detail: $"A workflow definition can be at most {MaxBytes / 1024} KiB.");
}
