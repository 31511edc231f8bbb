using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CredentialConnect.Badges.Tests.Support;

/// <summary>Runs tests/interop/canonize.mjs (the pinned npm jsonld, offline) once over a batch of documents.</summary>
public static class NodeCanonicalizer
{
    private static readonly Lock InstallLock = new();

    public static IReadOnlyList<string> Canonize(IReadOnlyList<JsonObject> documents)
    {
        EnsureInstalled();
        var input = Path.Combine(Path.GetTempPath(), $"canonize-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(input, new JsonArray(documents.Select(d => (JsonNode)d.DeepClone()).ToArray()).ToJsonString());
            var (exitCode, stdout, stderr) = Run("node", ["canonize.mjs", input], TimeSpan.FromMinutes(5));
            if (exitCode != 0) throw new InvalidOperationException($"canonize.mjs failed ({exitCode}):\n{stderr}");
            return JsonSerializer.Deserialize<string[]>(stdout)
                   ?? throw new InvalidOperationException("canonize.mjs wrote no results.");
        }
        finally
        {
            File.Delete(input);
        }
    }

    /// <summary>Runs <c>npm ci</c> once when node_modules is missing; node and npm must be installed.</summary>
    private static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (Directory.Exists(Path.Combine(RepoPaths.Interop, "node_modules", "jsonld"))) return;
            var (exitCode, _, stderr) = Run("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(10));
            if (exitCode != 0) throw new InvalidOperationException($"npm ci in tests/interop failed ({exitCode}):\n{stderr}");
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string program, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = RepoPaths.Interop,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException(
                $"'{program}' is not installed or not on PATH; the interop tests need Node.js 20+ and npm ({e.Message}).", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}.");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
