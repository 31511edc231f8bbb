namespace CredentialConnect.Badges.Tests.Support;

/// <summary>Paths in the repository, found from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Interop => Path.Combine(Root, "tests", "interop");

    public static string Conformance(string file) => Path.Combine(AppContext.BaseDirectory, "Conformance", file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CredentialConnect.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No CredentialConnect.sln above {AppContext.BaseDirectory}.");
    }
}
