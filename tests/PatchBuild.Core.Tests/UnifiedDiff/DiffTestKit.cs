using System.Diagnostics;
using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Tests.UnifiedDiff;

/// <summary>A temp folder that deletes itself, with helpers to write and read files as exact bytes.</summary>
internal sealed class TempTree : IDisposable
{
    public TempTree(string? name = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "pb-udiff-" + (name ?? "") + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public void Write(string relative, string text) => WriteBytes(relative, Encoding.UTF8.GetBytes(text));

    public void WriteBytes(string relative, byte[] bytes)
    {
        string full = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, bytes);
    }

    public string Read(string relative) => Encoding.UTF8.GetString(File.ReadAllBytes(PathOf(relative)));

    public bool Exists(string relative) => File.Exists(PathOf(relative));

    /// <summary>Every file below the root except .git, relative with '/', mapped to its bytes.</summary>
    public SortedDictionary<string, byte[]> Snapshot()
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (string file in Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories))
        {
            string rel = Path.GetRelativePath(Root, file).Replace('\\', '/');
            // .patchbuild/ is PatchBuild's own state (lock, journal, backups), not part of the tree.
            if (!rel.StartsWith(".git/", StringComparison.Ordinal) && !rel.StartsWith(".patchbuild/", StringComparison.Ordinal))
            {
                files[rel] = File.ReadAllBytes(file);
            }
        }

        return files;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>Runs the real git, with identity and line-ending settings on the command line so no global config is needed.</summary>
internal static class Git
{
    public static string Run(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        foreach (string setting in new[] { "user.name=PatchBuild Tests", "user.email=tests@patchbuild.invalid", "core.autocrlf=false", "core.safecrlf=false", "init.defaultBranch=main", "commit.gpgsign=false" })
        {
            info.ArgumentList.Add("-c");
            info.ArgumentList.Add(setting);
        }

        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["HOME"] = workingDirectory;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}");
        }

        return stdout.Result;
    }
}

internal static class Engine
{
    public static PatchEngine Create() => new(validators: []);

    public static PatchSet Parse(string diff, string name = "change.patch") => Create().Parse(diff, name);

    public static Task<ApplyResult> ApplyAsync(TempTree tree, string diff, ApplyOptions? options = null) =>
        Create().ApplyAsync([Parse(diff)], (options ?? new ApplyOptions()) with { Root = tree.Root });

    public static async Task<ApplyResult> ApplyFileAsync(TempTree tree, string patchName, string diff, ApplyOptions? options = null)
    {
        tree.Write(patchName, diff);
        return await Create().ApplyFilesAsync([tree.PathOf(patchName)], (options ?? new ApplyOptions()) with { Root = tree.Root });
    }

    public static PatchError ParseError(string diff, string name = "change.patch", bool strict = false) =>
        Assert.Throws<PatchException>(() => Create().Parse(diff, name, strict)).Error;
}
