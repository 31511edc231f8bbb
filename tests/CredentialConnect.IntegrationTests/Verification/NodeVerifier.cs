using CredentialConnect.Interop;

namespace CredentialConnect.IntegrationTests.Verification;

/// <summary>
/// Runs tests/interop/verify.mjs, the independent verifier (the pinned Digital Bazaar stack and jose, offline), over
/// a folder of what the hub issued.
/// </summary>
internal static class NodeVerifier
{
    public static (int ExitCode, string Output) Run(string folder)
    {
        NodeInterop.EnsureInstalled();
        var (exitCode, stdout, stderr) = NodeInterop.Run("node", ["verify.mjs", folder], TimeSpan.FromMinutes(5));
        return (exitCode, stdout + stderr);
    }
}
