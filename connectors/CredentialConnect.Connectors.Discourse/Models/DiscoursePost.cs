using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors.Discourse.Models;

/// <summary>The body of <c>POST /posts.json</c> that starts a private message.</summary>
/// <param name="Title">The subject.</param>
/// <param name="Raw">The Markdown body.</param>
/// <param name="Archetype"><c>private_message</c>.</param>
/// <param name="TargetRecipients">Comma-separated usernames.</param>
/// <param name="ExternalId">The topic's external id, which <c>GET /t/external_id/{id}.json</c> finds it by.</param>
public sealed record DiscourseNewPrivateMessage(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("raw")] string Raw,
    [property: JsonPropertyName("archetype")] string Archetype,
    [property: JsonPropertyName("target_recipients")] string TargetRecipients,
    [property: JsonPropertyName("external_id")] string ExternalId);

/// <summary>The answer of <c>POST /posts.json</c>: the first post of the new topic.</summary>
/// <param name="Id">The post id.</param>
/// <param name="TopicId">The topic (the message thread) id.</param>
public sealed record DiscourseCreatedPost(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("topic_id")] long TopicId);

/// <summary>A topic, as far as the hub reads it.</summary>
/// <param name="Id">The topic id.</param>
public sealed record DiscourseTopic(
    [property: JsonPropertyName("id")] long Id);
