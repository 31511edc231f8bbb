using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CredentialConnect.Web.Features.Workflows;

/// <summary>
/// The definition endpoints read their body as raw JSON, so a wrong shape is answered with each bad field's path; the
/// OpenAPI document would then show an untyped body. This declares the type the body really is.
/// </summary>
internal static class TypedBody
{
    public static RouteHandlerBuilder DeclaresBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, ct) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, ct);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
