using System.Diagnostics;
using System.Text;

namespace PatchBuild.Core.Tests.Checks;

/// <summary>
/// A real git repository in a temporary folder. Identity comes from repo-local config and the user's global and
/// system config are shut out, so the tests behave the same on every machine.
/// </summary>
internal sealed class GitTestRepository : IDisposable
{
    private GitTestRepository(string root) => Root = root;

    public string Root { get; }

    public static GitTestRepository Create(string? folder = null)
    {
        string root = folder ?? Path.Combine(Path.GetTempPath(), "pb-git-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(root);
        var repository = new GitTestRepository(Path.GetFullPath(root));
        repository.Git("init", "-q", "-b", "main");
        repository.Git("config", "user.name", "PatchBuild Tests");
        repository.Git("config", "user.email", "tests@patchbuild.invalid");
        repository.Git("config", "commit.gpgsign", "false");
        repository.Git("config", "core.autocrlf", "false");
        return repository;
    }

    public string Git(params string[] arguments) => RunGit(Root, arguments);

    public static string RunGit(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Isolate(start);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}");
        }

        return output;
    }

    public static void Isolate(ProcessStartInfo start)
    {
        start.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment.Remove("GIT_INDEX_FILE");
        start.Environment.Remove("GIT_DIR");
        start.Environment.Remove("GIT_WORK_TREE");
        start.Environment["GIT_ALLOW_PROTOCOL"] = "file";
    }

    public string FullPath(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public void Write(string relative, string content)
    {
        string path = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content, new UTF8Encoding(false));
    }

    public string Read(string relative) => File.ReadAllText(FullPath(relative));

    public void Stage(params string[] paths) => Git(["add", "-f", "--", .. paths]);

    public void Commit(string message = "commit") => Git("commit", "-q", "--no-verify", "-m", message);

    public void Dispose() => DeleteFolder(Root);

    public static void DeleteFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(folder, recursive: true);
    }
}
