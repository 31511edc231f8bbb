using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace CredentialConnect.IntegrationTests.Hosting;

/// <summary>
/// The Docker build context: the Dockerfile's build stage, replayed without Docker. Exactly the files its COPY lines
/// bring in (less what .dockerignore leaves out) are copied into an empty folder, and its <c>dotnet restore</c> and
/// <c>dotnet publish</c> run there in order, so a project the hub gains but the image does not copy fails here, not on
/// an operator's <c>docker compose up --build</c>. It builds the whole hub, so it takes minutes.
/// </summary>
[Trait("Category", "Deployment")]
public sealed partial class DockerBuildContextTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(20);

    private readonly DirectoryInfo _container = Directory.CreateTempSubdirectory("cc-docker-context-");

    [Fact]
    public async Task BuildStage_FromOnlyWhatTheDockerfileCopies_RestoresAndPublishesTheHub()
    {
        var repository = RepositoryRoot();
        var ignored = DockerIgnore.Load(Path.Combine(repository, ".dockerignore"));
        var workdir = "/";
        var output = new StringBuilder();

        foreach (var (instruction, arguments) in BuildStage(File.ReadAllText(Path.Combine(repository, "Dockerfile"))))
        {
            switch (instruction)
            {
                case "WORKDIR":
                    workdir = arguments;
                    Directory.CreateDirectory(InContainer(workdir));
                    break;
                case "COPY":
                    Copy(repository, ignored, arguments, InContainer(workdir));
                    break;
                case "RUN":
                    var (exitCode, log) = await RunAsync(arguments, InContainer(workdir));
                    output.AppendLine($"$ {arguments}").AppendLine(log);
                    Assert.True(exitCode == 0, $"'{arguments}' failed with exit code {exitCode}:{Environment.NewLine}{output}");
                    break;
                default:
                    Assert.Fail($"The build stage uses {instruction}, which this test does not replay yet; teach it, so the test keeps matching the image.");
                    break;
            }
        }

        Assert.True(File.Exists(Path.Combine(InContainer("/app"), "CredentialConnect.Web.dll")), $"The publish wrote no hub to /app:{Environment.NewLine}{output}");
    }

    public void Dispose() => _container.Delete(recursive: true);

    /// <summary>The instructions of the first stage, continuation lines joined and comments dropped, up to the next FROM.</summary>
    internal static IEnumerable<(string Instruction, string Arguments)> BuildStage(string dockerfile)
    {
        var joined = ContinuationLine().Replace(dockerfile, " ");
        var lines = joined.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#'));
        var stages = 0;
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ');
            var instruction = line[..space].ToUpperInvariant();
            if (instruction == "FROM" && ++stages > 1) yield break;
            if (instruction is not "FROM" and not "ARG") yield return (instruction, line[(space + 1)..].Trim());
        }
    }

    /// <summary>A COPY from the build context: every source but the last argument, into the destination (a folder when it ends with /).</summary>
    private static void Copy(string repository, DockerIgnore ignored, string arguments, string workdir)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(parts, p => p.StartsWith("--", StringComparison.Ordinal));
        var destination = parts[^1].StartsWith('/') ? Path.Combine(workdir, parts[^1].TrimStart('/')) : Path.Combine(workdir, parts[^1]);
        foreach (var source in parts[..^1])
        {
            var from = Path.Combine(repository, source);
            if (Directory.Exists(from))
            {
                foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(repository, file).Replace('\\', '/');
                    if (ignored.Excludes(relative)) continue;
                    var target = Path.Combine(destination, Path.GetRelativePath(from, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target, overwrite: true);
                }
            }
            else
            {
                Assert.True(File.Exists(from), $"The Dockerfile copies {source}, which the repository does not have.");
                Assert.False(ignored.Excludes(source), $"The Dockerfile copies {source}, which .dockerignore leaves out of the context.");
                var target = parts[^1].EndsWith('/') || parts.Length > 2 ? Path.Combine(destination, Path.GetFileName(from)) : destination;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(from, target, overwrite: true);
            }
        }
    }

    /// <summary>Runs a <c>dotnet</c> step with the container's absolute paths mapped into the temporary folder.</summary>
    private async Task<(int ExitCode, string Log)> RunAsync(string command, string workdir)
    {
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(words[0] == "dotnet", $"The build stage runs '{command}'; this test replays only dotnet steps.");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workdir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var word in words[1..]) start.ArgumentList.Add(word.StartsWith('/') ? InContainer(word) : word);
        // The test host's MSBuild settings would point the nested build at the wrong SDK; and no build server may outlive
        // the step, or the redirected output would never close.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(inherited);
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["UseRazorBuildServer"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(StepTimeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{command}' did not finish within {StepTimeout}.");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    private string InContainer(string path) => Path.Combine(_container.FullName, path.TrimStart('/'));

    private static string RepositoryRoot() => Contract.ApiContract.RepositoryRoot();

    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    [GeneratedRegex(@"\\\r?\n")]
    private static partial Regex ContinuationLine();

    /// <summary>
    /// The .dockerignore patterns this repository uses, with Docker's meaning: matched against the path from the context
    /// root, <c>**</c> for any folders, <c>*</c> within one name; a folder that matches leaves out everything under it.
    /// </summary>
    internal sealed class DockerIgnore(IReadOnlyList<Regex> patterns)
    {
        public static DockerIgnore Load(string path) => new(File.Exists(path)
            ? File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(ToRegex).ToList()
            : []);

        public bool Excludes(string relativePath)
        {
            var segments = relativePath.Split('/');
            for (var i = 1; i <= segments.Length; i++)
            {
                var prefix = string.Join('/', segments[..i]);
                if (patterns.Any(p => p.IsMatch(prefix))) return true;
            }
            return false;
        }

        private static Regex ToRegex(string pattern)
        {
            Assert.False(pattern.StartsWith('!'), "Exceptions (!) in .dockerignore are not replayed by this test yet.");
            var glob = pattern.Trim('/');
            var regex = new StringBuilder("^");
            for (var i = 0; i < glob.Length; i++)
            {
                if (glob[i] == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
                {
                    regex.Append(i + 2 < glob.Length && glob[i + 2] == '/' ? "(.*/)?" : ".*");
                    i += i + 2 < glob.Length && glob[i + 2] == '/' ? 2 : 1;
                }
                else if (glob[i] == '*') regex.Append("[^/]*");
                else if (glob[i] == '?') regex.Append("[^/]");
                else regex.Append(Regex.Escape(glob[i].ToString()));
            }
            return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
        }
    }
}
