using System.Diagnostics;
using System.Text;
using PatchBuild.Cli;

namespace PatchBuild.Cli.Tests;

/// <summary>
/// A real git repository in a temporary folder, and the patchbuild CLI built by this solution (referenced by this
/// project, so its patchbuild.dll sits beside the tests). Git runs with the user's global and system config shut out.
/// </summary>
internal sealed class HookTestRepository : IDisposable
{
    private HookTestRepository(string root) => Root = root;

    public string Root { get; }

    /// <summary>The CLI under test: `dotnet` plus this path is what `hook install` records.</summary>
    public static string CliAssembly { get; } = typeof(CliApp).Assembly.Location;

    public static HookTestRepository Create()
    {
        string root = Path.Combine(Path.GetTempPath(), "pb-hook-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        var repository = new HookTestRepository(root);
        repository.Git("init", "-q", "-b", "main");
        repository.Git("config", "user.name", "PatchBuild Tests");
        repository.Git("config", "user.email", "tests@patchbuild.invalid");
        repository.Git("config", "commit.gpgsign", "false");
        repository.Git("config", "core.autocrlf", "false");
        return repository;
    }

    public string FullPath(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public void Write(string relative, string content)
    {
        string path = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
    }

    public string Read(string relative) => File.ReadAllText(FullPath(relative));

    public string Git(params string[] arguments)
    {
        var result = Run("git", arguments);
        return result.ExitCode == 0 ? result.Output : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {result.Error}");
    }

    public void Stage(params string[] paths) => Git(["add", "-f", "--", .. paths]);

    /// <summary>`git commit` through whatever hook is installed; returns git's exit code and the hook's messages.</summary>
    public ProcessResult Commit(string message = "change", IDictionary<string, string>? environment = null, params string[] extra) =>
        Run("git", ["commit", "-q", "-m", message, .. extra], environment);

    public int CommitCount() => int.Parse(Git("rev-list", "--count", "--all").Trim() is { Length: > 0 } n ? n : "0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Runs the CLI as a real process, the way a user or a build would (dotnet patchbuild.dll, or the native tool).</summary>
    public ProcessResult PatchBuild(params string[] arguments) => Run(Support.CliRunner.ToolFile, [.. Support.CliRunner.ToolPrefix, .. arguments]);

    /// <summary>The CLI as a real process in <paramref name="folder"/>.</summary>
    public ProcessResult PatchBuildIn(string? folder, params string[] arguments) =>
        Run(Support.CliRunner.ToolFile, [.. Support.CliRunner.ToolPrefix, .. arguments], folder: folder);

    public ProcessResult Run(string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null, string? folder = null)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = folder ?? Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment.Remove("GIT_INDEX_FILE");
        start.Environment.Remove("GIT_DIR");
        start.Environment.Remove("PATCHBUILD_SKIP");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new ProcessResult(process.ExitCode, output, error.Result);
    }

    public void Dispose() => DeleteFolder(Root);

    public static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

internal sealed record ProcessResult(int ExitCode, string Output, string Error);
