using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.Xapi.Models;

/// <summary>The parts of an xAPI statement the hub reads. Timestamps stay strings so a malformed one skips the statement, not the page.</summary>
public sealed record XapiStatement(
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("actor")] XapiActor? Actor,
    [property: JsonPropertyName("verb")] XapiVerb? Verb,
    [property: JsonPropertyName("object")] XapiObject? Object,
    [property: JsonPropertyName("result")] XapiResult? Result,
    [property: JsonPropertyName("timestamp")] string? Timestamp,
    [property: JsonPropertyName("stored")] string? Stored);

/// <summary>An Agent (or Group) identified by an account, an mbox, or both.</summary>
public sealed record XapiActor(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("mbox")] string? Mbox,
    [property: JsonPropertyName("account")] XapiAccount? Account);

/// <summary>An account on a system: cmi5 learners carry the AMS member id here.</summary>
public sealed record XapiAccount(
    [property: JsonPropertyName("homePage")] string? HomePage,
    [property: JsonPropertyName("name")] string? Name);

/// <summary>A verb, known by its IRI.</summary>
public sealed record XapiVerb([property: JsonPropertyName("id")] string? Id);

/// <summary>An Activity, or a StatementRef when the statement voids another.</summary>
public sealed record XapiObject(
    [property: JsonPropertyName("objectType")] string? ObjectType,
    [property: JsonPropertyName("id")] string? Id,
    [property: JsonPropertyName("definition")] XapiActivityDefinition? Definition);

/// <summary>An activity's definition; the name is a language map.</summary>
public sealed record XapiActivityDefinition([property: JsonPropertyName("name")] IReadOnlyDictionary<string, string>? Name);

/// <summary>A statement's result.</summary>
public sealed record XapiResult(
    [property: JsonPropertyName("score")] XapiScore? Score,
    [property: JsonPropertyName("success")] bool? Success,
    [property: JsonPropertyName("completion")] bool? Completion);

/// <summary>A score; every part is optional.</summary>
public sealed record XapiScore(
    [property: JsonPropertyName("scaled")] decimal? Scaled,
    [property: JsonPropertyName("raw")] decimal? Raw,
    [property: JsonPropertyName("min")] decimal? Min,
    [property: JsonPropertyName("max")] decimal? Max);
