using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace CredentialConnect.IntegrationTests.Contract;

/// <summary>
/// The committed API document (<c>docs/api/openapi.json</c>), read as the contract every response is held to: the status
/// is declared for its operation, the content type is declared for that status, and the body validates against the
/// declared schema.
/// </summary>
public static partial class ApiContract
{
    public const string RelativePath = "docs/api/openapi.json";

    // The document's component schemas, registered once as one JSON Schema so that each response schema can refer to them.
    private const string DefinitionsId = "https://contract.credentialconnect.test/components";

    private static readonly Lazy<JsonObject> LazyDocument = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), RelativePath)))!.AsObject());

    private static readonly Lazy<EvaluationOptions> LazyOptions = new(() =>
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical, EvaluateAs = SpecVersion.Draft202012 };
        var definitions = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = DefinitionsId,
            ["$defs"] = Rebase(Document["components"]?["schemas"] ?? new JsonObject()),
        };
        options.SchemaRegistry.Register(JsonSchema.FromText(definitions.ToJsonString()));
        return options;
    });

    private static readonly ConcurrentDictionary<string, JsonSchema> Schemas = new();
    private static long _validated;
    private static long _broken;

    /// <summary>Where the run reports how many responses it checked (CI prints it).</summary>
    public const string ReportVariable = "CREDENTIALCONNECT_CONTRACT_REPORT";

    static ApiContract() =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Environment.GetEnvironmentVariable(ReportVariable) is { Length: > 0 } report)
                File.AppendAllText(report, $"{ValidatedCount} responses checked against {RelativePath}; {Interlocked.Read(ref _broken)} broke it{Environment.NewLine}");
        };

    /// <summary>The committed document.</summary>
    public static JsonObject Document => LazyDocument.Value;

    /// <summary>How many responses this run has checked against the document.</summary>
    public static long ValidatedCount => Interlocked.Read(ref _validated);

    /// <summary>Every operation in the document: its method (upper case), path template and definition.</summary>
    public static IEnumerable<(string Method, string Path, JsonObject Operation)> Operations() =>
        from path in Document["paths"]!.AsObject()
        from entry in path.Value!.AsObject()
        where entry.Key is "get" or "put" or "post" or "delete" or "patch"
        select (entry.Key.ToUpperInvariant(), path.Key, entry.Value!.AsObject());

    /// <summary>The operation for a method and a route template, constraints and all (<c>/api/v1/members/{id:guid}</c>).</summary>
    public static JsonObject? Find(string method, string routeTemplate)
    {
        var path = "/" + RouteParameter().Replace(routeTemplate.Trim('/'), m => "{" + m.Groups["name"].Value + "}");
        return Document["paths"]?[path]?[method.ToLowerInvariant()]?.AsObject();
    }

    /// <summary>What is wrong with a response, against the operation's declaration; empty when it keeps the contract.</summary>
    public static IReadOnlyList<string> Check(JsonObject operation, int status, string? contentType, string body)
    {
        Interlocked.Increment(ref _validated);
        var violations = Violations(operation, status, contentType, body);
        if (violations.Count > 0) Interlocked.Increment(ref _broken);
        return violations;
    }

    private static IReadOnlyList<string> Violations(JsonObject operation, int status, string? contentType, string body)
    {
        var responses = operation["responses"]?.AsObject();
        var declared = responses?[status.ToString()] ?? responses?[$"{status / 100}XX"] ?? responses?["default"];
        if (declared is null)
            return [$"status {status} is not declared (declared: {string.Join(", ", responses?.Select(r => r.Key) ?? [])}); body: {Shorten(body)}"];

        var content = declared["content"]?.AsObject();
        if (content is null || content.Count == 0)
            return body.Length == 0 ? [] : [$"status {status} declares no body, but one was sent ({contentType}): {Shorten(body)}"];
        if (body.Length == 0) return [];

        var mediaType = contentType?.Split(';')[0].Trim();
        var media = mediaType is null ? null : content[mediaType];
        if (media is null)
            return [$"content type '{mediaType}' is not declared for {status} (declared: {string.Join(", ", content.Select(c => c.Key))})"];
        if (media["schema"] is not JsonObject schema || !IsJson(mediaType!)) return [];

        JsonNode? instance;
        try { instance = JsonNode.Parse(body); }
        catch (JsonException e) { return [$"the {mediaType} body is not JSON: {e.Message}"]; }

        var compiled = Schemas.GetOrAdd(schema.ToJsonString(), text => JsonSchema.FromText(Rebase(JsonNode.Parse(text)!)!.ToJsonString()));
        var result = compiled.Evaluate(instance, LazyOptions.Value);
        if (result.IsValid) return [];
        return Failed(result)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value} (schema {d.EvaluationPath})"))
            .Take(10)
            .Select(e => $"status {status} body does not match its schema at {e}")
            .DefaultIfEmpty($"status {status} body does not match its schema: {Shorten(body)}")
            .ToList();
    }

    // What made the evaluation fail. A oneOf or anyOf branch that did not match, under a keyword that still held, is no
    // reason, so only failed nodes are followed down.
    private static IEnumerable<EvaluationResults> Failed(EvaluationResults node) =>
        node.IsValid ? [] : (node.Details ?? []).SelectMany(Failed).Prepend(node);

    private static bool IsJson(string mediaType) => mediaType == "application/json" || mediaType.EndsWith("+json", StringComparison.Ordinal);

    // Points the document's "#/components/schemas/X" references at the registered definitions.
    private static JsonNode? Rebase(JsonNode node) =>
        JsonNode.Parse(node.ToJsonString().Replace("\"#/components/schemas/", $"\"{DefinitionsId}#/$defs/", StringComparison.Ordinal));

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "CredentialConnect.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No CredentialConnect.sln above {AppContext.BaseDirectory}.");
    }

    // "{id:guid}", "{name?}", "{**rest}" → the bare parameter name, as the document writes it.
    [GeneratedRegex(@"\{\**(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
