using System.Diagnostics;

namespace CredentialConnect.IntegrationTests.Verification;

/// <summary>
/// Runs tests/interop/verify.mjs, the independent verifier (the pinned Digital Bazaar stack and jose, offline), over
/// a folder of what the hub issued. Installs its packages with <c>npm ci</c> the first time; node and npm must be on PATH.
/// </summary>
internal static class NodeVerifier
{
    private static readonly Lock InstallLock = new();

    public static string InteropFolder { get; } = Path.Combine(FindRoot(), "tests", "interop");

    public static (int ExitCode, string Output) Run(string folder)
    {
        EnsureInstalled();
        var (exitCode, stdout, stderr) = Run("node", ["verify.mjs", folder], TimeSpan.FromMinutes(5));
        return (exitCode, stdout + stderr);
    }

    private static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (Directory.Exists(Path.Combine(InteropFolder, "node_modules", "@digitalbazaar", "vc"))) return;
            var (exitCode, _, stderr) = Run("npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(10));
            if (exitCode != 0) throw new InvalidOperationException($"npm ci in tests/interop failed ({exitCode}):\n{stderr}");
        }
    }

    private static (int ExitCode, string Stdout, string Stderr) Run(string program, string[] arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = InteropFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' is not installed or not on PATH; the interop check needs Node.js 20+ and npm ({e.Message}).", e);
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
