namespace CredentialConnect.Badges.Tests.Support;

/// <summary>The conformance files, copied beside the tests.</summary>
public static class RepoPaths
{
    public static string Conformance(string file) => Path.Combine(AppContext.BaseDirectory, "Conformance", file);
}
