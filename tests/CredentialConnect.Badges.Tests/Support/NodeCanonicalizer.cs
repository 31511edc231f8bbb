using CredentialConnect.Interop;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredentialConnect.Badges.Tests.Support;

/// <summary>Runs tests/interop/canonize.mjs (the pinned npm jsonld, offline) once over a batch of documents.</summary>
public static class NodeCanonicalizer
{
    public static IReadOnlyList<string> Canonize(IReadOnlyList<JsonObject> documents)
    {
        NodeInterop.EnsureInstalled();
        var input = Path.Combine(Path.GetTempPath(), $"canonize-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(input, new JsonArray(documents.Select(d => (JsonNode)d.DeepClone()).ToArray()).ToJsonString());
            var (exitCode, stdout, stderr) = NodeInterop.Run("node", ["canonize.mjs", input], TimeSpan.FromMinutes(5));
            if (exitCode != 0) throw new InvalidOperationException($"canonize.mjs failed ({exitCode}):\n{stderr}");
            return JsonSerializer.Deserialize<string[]>(stdout)
                   ?? throw new InvalidOperationException("canonize.mjs wrote no results.");
        }
        finally
        {
            File.Delete(input);
        }
    }
}
