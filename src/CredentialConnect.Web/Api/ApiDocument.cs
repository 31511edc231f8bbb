using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace CredentialConnect.Web.Api;

/// <summary>
/// The rules that make <c>/openapi/v1.json</c> a contract rather than a sketch: every status an operation can answer is
/// declared from what its route and metadata say, so an endpoint declares only what is special to it.
/// <list type="bullet">
/// <item>401 and 403 on secured operations; public operations declare <c>security: []</c>.</item>
/// <item>400 on operations that read a body or a query; 413 and 415 on those that read a body.</item>
/// <item>404 on routes with a path parameter: the record named may not exist.</item>
/// <item>409 on every change: the record may have moved on, or be in a state that refuses it.</item>
/// <item>429 on rate-limited operations, and 503 everywhere while the database does not answer.</item>
/// </list>
/// Every error is a ProblemDetails; 400 is the validation problem that names each field.
/// </summary>
internal sealed class DeclaredResponses : IOpenApiOperationTransformer
{
    public const string ProblemSchema = "ProblemDetails";
    public const string ValidationProblemSchema = "HttpValidationProblemDetails";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var method = description.HttpMethod ?? "GET";
        var readsBody = description.ParameterDescriptions.Any(p => p.Source.Id is "Body" or "Form" or "FormFile") || metadata.OfType<ReadsOwnBody>().Any();
        var readsQuery = description.ParameterDescriptions.Any(p => p.Source.Id is "Query");
        var hasPathParameters = description.ParameterDescriptions.Any(p => p.Source.Id is "Path");
        var isPublic = metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any();
        var signed = metadata.OfType<SignedByPartner>().Any();

        operation.Responses ??= [];
        if (readsBody || readsQuery || hasPathParameters)
            Declare(operation, context, 400, "The request is malformed or a field is invalid; the problem names each field.", ValidationProblemSchema);
        if (signed) Declare(operation, context, 401, "The delivery's signature or credentials did not verify; nothing was recorded.");
        if (!isPublic)
        {
            Declare(operation, context, 401, "No valid API key or session was sent.");
            Declare(operation, context, 403, "The key or account lacks the scope or role this operation needs.");
        }
        if (hasPathParameters) Declare(operation, context, 404, "No record has that identifier.");
        if (!HttpMethods.IsGet(method)) Declare(operation, context, 409, "The record changed since it was read, or its state does not allow this.");
        if (readsBody)
        {
            Declare(operation, context, 413, "The request body is larger than this operation takes.");
            Declare(operation, context, 415, "The body's content type is not one this operation takes.");
        }
        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
            Declare(operation, context, 429, "Too many requests from this client; wait for the number of seconds in Retry-After.");
        Declare(operation, context, 503, "The hub cannot reach its database just now; retry after the seconds in Retry-After.");

        // The document's global requirement (API key or session) does not apply to public operations; a webhook
        // proves its sender by the partner's own scheme instead.
        if (signed)
            operation.Security = DocumentShape.WebhookSchemes
                .Select(s => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(s.Name, context.Document)] = [] })
                .ToList();
        else if (isPublic)
            operation.Security = [];
        return Task.CompletedTask;
    }

    private static void Declare(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description,
        string schema = ProblemSchema)
    {
        var key = status.ToString();
        if (operation.Responses!.ContainsKey(key)) return;
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(schema, context.Document) },
            },
        };
    }
}

/// <summary>
/// The document as a whole: its title, how callers authenticate, the ProblemDetails every error uses, and no
/// <c>servers</c> entry, so the document reads the same whichever node or address served it.
/// </summary>
internal sealed class DocumentShape : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken ct)
    {
        document.Info.Title = "CredentialConnect API";
        document.Info.Description = "Programs, members, credentials and the audit log of a CredentialConnect hub. " +
            "Machine clients send 'Authorization: ApiKey cc_…'; people sign in at /auth/sign-in. " +
            "Every error is a ProblemDetails (RFC 9457) whose 'type' is a stable URI to branch on.";
        document.Servers = [];
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "Authorization",
            Description = "An API key with the scopes the call needs, sent as: ApiKey cc_<prefix>_<secret>",
        };
        document.Components.SecuritySchemes["SignInCookie"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "cc.session",
            Description = "The session cookie set by POST /auth/sign-in.",
        };
        foreach (var (name, scheme) in WebhookSchemes) document.Components.SecuritySchemes[name] = scheme;
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] });
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("SignInCookie", document)] = [] });

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[DeclaredResponses.ProblemSchema] = Problem(withErrors: false);
        document.Components.Schemas[DeclaredResponses.ValidationProblemSchema] = Problem(withErrors: true);
        foreach (var schema in document.Components.Schemas.Values) NullableExactly(schema);
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in operation.Parameters ?? []) NullableExactly(parameter.Schema);
            foreach (var media in operation.RequestBody?.Content?.Values ?? []) NullableExactly(media.Schema);
            foreach (var media in (operation.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => r.Content?.Values ?? [])) NullableExactly(media.Schema);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// "Null, or this type" is written as <c>anyOf</c>, not <c>oneOf</c>: a null must be valid once, even where the
    /// type's own schema also takes null. A shared enum lists only its names; whether null is allowed is said where
    /// it is used.
    /// </summary>
    private static void NullableExactly(IOpenApiSchema? node)
    {
        if (node is not OpenApiSchema schema) return;   // a reference: its component is visited on its own
        if (schema.OneOf is { Count: 2 } branches && branches.Any(b => b is OpenApiSchema { Type: JsonSchemaType.Null }))
        {
            schema.AnyOf = schema.OneOf;
            schema.OneOf = null;
        }
        if (schema.Enum is { } values && values.Any(v => v is null) && !(schema.Type?.HasFlag(JsonSchemaType.Null) ?? false))
            schema.Enum = values.Where(v => v is not null).ToList();
        foreach (var child in (schema.AnyOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AllOf ?? []).Concat(schema.Properties?.Values ?? []))
            NullableExactly(child);
        NullableExactly(schema.Items);
        NullableExactly(schema.AdditionalProperties);
    }

    /// <summary>How each partner signs its webhooks; the hub checks the one its connector uses.</summary>
    public static readonly (string Name, OpenApiSecurityScheme Scheme)[] WebhookSchemes =
    [
        ("WebhookBasic", new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "basic",
            Description = "Wild Apricot: the user name and password set in the connector's webhook settings.",
        }),
        ("WebhookHmac", new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Discourse-Event-Signature",
            Description = "Discourse: sha256=<hex HMAC-SHA256 of the body with the webhook secret>, with X-Discourse-Event-Id.",
        }),
        ("WebhookStandard", new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "webhook-signature",
            Description = "xAPI relays: Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) with the webhook secret.",
        }),
    ];

    // RFC 9457 members plus the hub's traceId; further extension members are allowed, as the RFC says.
    private static OpenApiSchema Problem(bool withErrors)
    {
        var schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = withErrors
                ? "A problem whose 'errors' map each invalid field to what is wrong with it."
                : "A problem: 'type' says which kind (a stable URI), 'title' and 'detail' say it in words.",
            Required = new HashSet<string> { "type", "title", "status" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri" },
                ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
                ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        if (withErrors)
            schema.Properties["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            };
        return schema;
    }
}
