using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CredentialConnect.Web.Api;

/// <summary>Marks an endpoint that reads its body itself, so <see cref="DeclaredResponses"/> declares 400, 413 and 415 for it.</summary>
public sealed class ReadsOwnBody;

/// <summary>Marks a partner's webhook: public, but each delivery must carry the partner's signature or it gets 401.</summary>
public sealed class SignedByPartner;

/// <summary>What an endpoint declares that the route alone cannot say: a body it reads itself, or what it sends besides JSON.</summary>
public static class EndpointDeclarations
{
    /// <summary>The body, in each content type the endpoint reads itself (a file upload, a credential in any of its forms).</summary>
    public static RouteHandlerBuilder TakesBody(this RouteHandlerBuilder builder, params (string ContentType, OpenApiSchema Schema)[] forms) =>
        builder.WithMetadata(new ReadsOwnBody()).AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = forms.ToDictionary(f => f.ContentType, f => new OpenApiMediaType { Schema = f.Schema }),
            };
            return Task.CompletedTask;
        });

    /// <summary>A document sent as JSON under its own media type (a signed credential, a DID document, a key set).</summary>
    public static RouteHandlerBuilder SendsJson(this RouteHandlerBuilder builder, string contentType = "application/json", params string[] alternatives) =>
        builder.Produces(StatusCodes.Status200OK, typeof(System.Text.Json.Nodes.JsonObject), contentType, alternatives);

    /// <summary>A file: an image, a PDF, a compact JWT.</summary>
    public static RouteHandlerBuilder SendsFile(this RouteHandlerBuilder builder, string contentType, params string[] alternatives) =>
        builder.Produces(StatusCodes.Status200OK, typeof(Stream), contentType, alternatives);

    /// <summary>A public document with an ETag: a repeat request that names it gets 304 and no body.</summary>
    public static RouteHandlerBuilder RevalidatedByETag(this RouteHandlerBuilder builder) =>
        builder.Produces(StatusCodes.Status304NotModified);

    public static OpenApiSchema Binary => new() { Type = JsonSchemaType.String, Format = "binary" };

    public static OpenApiSchema AnyJson => new() { Description = "Any JSON document." };

    public static OpenApiSchema Text => new() { Type = JsonSchemaType.String };

    public static OpenApiSchema OneOf(params string[] names) =>
        new() { Type = JsonSchemaType.String, Enum = names.Select(n => (System.Text.Json.Nodes.JsonNode)n).ToList() };

    /// <summary>A multipart form and which of its fields must be sent.</summary>
    public static OpenApiSchema Form(params (string Name, OpenApiSchema Schema, bool Required)[] fields) => new()
    {
        Type = JsonSchemaType.Object,
        Required = fields.Where(f => f.Required).Select(f => f.Name).ToHashSet(),
        Properties = fields.ToDictionary(f => f.Name, f => (IOpenApiSchema)f.Schema),
    };
}
