using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Scalar.AspNetCore;

namespace CredentialConnect.Web.Api;

public static class ApiModule
{
    public static IHostApplicationBuilder AddApi(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // Enums travel as their names ("Certification"), never as numbers.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            // Numbers are numbers: "5" for a count is refused, so the API document (and every client generated from it)
            // types them as integers and decimals, not "a number or a string".
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            // A property an endpoint does not take is refused rather than dropped, so a typo or a field the client
            // thinks it set never silently changes nothing. Read-only fields a client echoes back are the exception.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(EchoedFields.Tolerate)
                .WithAddedModifier(RequiredFields.FromAnnotations);
        });

        // Every error, thrown or returned, leaves as a ProblemDetails with a stable type.
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            if (c.ProblemDetails.Type is null || !c.ProblemDetails.Type.StartsWith(Problems.BaseUri, StringComparison.Ordinal))
                c.ProblemDetails.Type = Problems.ForStatus(status);
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
        });
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        // Unreadable bodies are thrown in every environment, so they reach the handler and get a detailed problem.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        builder.Services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer<DocumentShape>();
            o.AddOperationTransformer<DeclaredResponses>();
            o.AddSchemaTransformer<SchemaRules>();
        });
        return builder;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/scalar", o => o.WithTitle("CredentialConnect API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();
        return app;
    }
}

/// <summary>Turns the exceptions a client can cause into the right status; anything else is a 500 with no internals.</summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (exception is BadHttpRequestException { InnerException: System.Text.Json.JsonException json } && FieldErrors(json) is { Count: > 0 } errors)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = new HttpValidationProblemDetails(errors)
                {
                    Status = StatusCodes.Status400BadRequest, Type = Problems.Validation, Title = "One or more fields are invalid.",
                },
            });
        }

        var (status, type, title, detail) = exception switch
        {
            DbUpdateConcurrencyException => (409, Problems.Conflict, "Conflict.",
                "Someone else changed this record since you read it. Read it again and reapply your change."),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } big =>
                (big.StatusCode, Problems.PayloadTooLarge, "The request body is too large.", big.Message),
            BadHttpRequestException bad => (bad.StatusCode, Problems.MalformedRequest, "The request could not be read.", Describe(bad)),
            _ when IsOutage(exception) => (503, Problems.Unavailable, "The hub cannot reach its database just now.",
                $"Nothing was changed. Try again in {OutageRetrySeconds} seconds."),
            _ => (500, Problems.ServerError, "Something went wrong on our side.", "The error has been logged."),
        };
        if (status >= 500) logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);

        context.Response.StatusCode = status;
        if (status == 503) context.Response.Headers.RetryAfter = OutageRetrySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = status, Type = type, Title = title, Detail = detail },
        });
    }

    // A field the endpoint does not take, or fields it needs that were left out: each is named, as a validation problem.
    private static Dictionary<string, string[]> FieldErrors(System.Text.Json.JsonException json)
    {
        if (EchoedFields.UnknownProperty(json) is { } unknown)
            return new() { [unknown] = [$"This endpoint does not take '{unknown}'. Remove it, or check its spelling."] };
        return RequiredFields.Missing(json).ToDictionary(field => field, _ => new[] { "This field is required." });
    }

    private const int OutageRetrySeconds = 5;

    // The database not answering (refused, timed out, busy) is an outage to wait out, not a fault in the request or the hub.
    private static bool IsOutage(Exception? e) => e switch
    {
        null => false,
        TimeoutException or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException => true,
        System.Data.Common.DbException { IsTransient: true } => true,
        _ => IsOutage(e.InnerException),
    };

    // The JSON reader's message names the path and position of the fault, which is what a client needs.
    private static string Describe(BadHttpRequestException bad) =>
        bad.InnerException is System.Text.Json.JsonException json ? $"The body is not valid JSON for this endpoint: {json.Message}" : bad.Message;
}
