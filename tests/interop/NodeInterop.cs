using System.Diagnostics;

namespace CredentialConnect.Interop;

/// <summary>
/// Runs the Node tools in tests/interop from a .NET test: installs their pinned packages with <c>npm ci</c> the first
/// time, and fails with a clear message when node or npm is missing. Linked into each test project that needs it.
/// </summary>
internal static class NodeInterop
{
    private static readonly Lock InstallLock = new();

    public static string Folder { get; } = Path.Combine(FindRoot(), "tests", "interop");

    /// <summary>Runs <c>npm ci</c> once when node_modules is missing.</summary>
    public static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (Directory.Exists(Path.Combine(Folder, "node_modules", "jsonld")) && Directory.Exists(Path.Combine(Folder, "node_modules", "@digitalbazaar", "vc"))) return;
            var (exitCode, _, stderr) = Run("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(10));
            if (exitCode != 0) throw new InvalidOperationException($"npm ci in tests/interop failed ({exitCode}):\n{stderr}");
        }
    }

    public static (int ExitCode, string Stdout, string Stderr) Run(string program, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' is not installed or not on PATH; the interop tests need Node.js 20+ and npm ({e.Message}).", e);
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

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CredentialConnect.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No CredentialConnect.sln above {AppContext.BaseDirectory}.");
    }
}
