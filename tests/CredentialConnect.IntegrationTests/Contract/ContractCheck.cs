using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace CredentialConnect.IntegrationTests.Contract;

/// <summary>A response that breaks the API document. Thrown to the test whose request caused it.</summary>
public sealed class ContractViolationException(string message) : Exception(message);

/// <summary>
/// Checks every response of the in-process hub against the committed API document. It wraps the whole pipeline, buffers
/// the body of each documented operation, and throws <see cref="ContractViolationException"/> instead of answering when
/// the response is not what the document declares; the test host hands that exception to the test that sent the request.
/// Routes left out of the document (pages, health, the document itself) pass through unchecked.
/// </summary>
public sealed class ContractCheck : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(CheckAsync);
        next(app);
    };

    private static async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        var violations = Violations(context, buffer);
        if (violations.Count > 0)
            throw new ContractViolationException(
                $"{context.Request.Method} {context.Request.Path}{context.Request.QueryString} broke the API document ({ApiContract.RelativePath}):" +
                string.Concat(violations.Select(v => $"{Environment.NewLine}  - {v}")));

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static IReadOnlyList<string> Violations(HttpContext context, MemoryStream buffer)
    {
        // A method the route does not take: the answer must say which methods it does take.
        if (context.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
            return context.Response.Headers.Allow.Count > 0 ? [] : ["405 without an Allow header"];

        // The exception handler clears the endpoint before it writes its problem; the feature keeps the one that threw.
        var endpoint = context.GetEndpoint() ?? context.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        if (endpoint is not RouteEndpoint route) return [];
        if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true }) return [];

        var method = context.Request.Method == HttpMethods.Head ? HttpMethods.Get : context.Request.Method;
        var operation = ApiContract.Find(method, route.RoutePattern.RawText ?? "");
        if (operation is null)
            return endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is null
                ? []
                : [$"the route {method} {route.RoutePattern.RawText} is served but not in the document"];

        var body = context.Request.Method == HttpMethods.Head ? "" : Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return ApiContract.Check(operation, context.Response.StatusCode, context.Response.ContentType, body);
    }
}
