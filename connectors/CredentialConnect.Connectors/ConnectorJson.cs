using System.Text.Json;
using System.Text.Json.Serialization;

namespace CredentialConnect.Connectors;

/// <summary>JSON settings for partner APIs: names come from <c>[JsonPropertyName]</c> on the DTOs, and unknown fields are ignored.</summary>
public static class ConnectorJson
{
    /// <summary>The shared options.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
    };
}
