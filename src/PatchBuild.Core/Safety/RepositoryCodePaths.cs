using System.Text;
using PatchBuild.Core.Git;

namespace PatchBuild.Core.Safety;

/// <summary>
/// PB1003 paths that only the repository's git settings name: the folder core.hooksPath points at (git runs every
/// file in it), and every file git reads through include.path or includeIf.*.path (a config can set core.fsmonitor,
/// core.sshCommand or an alias that runs a program). Read once per run, with one git call, and only inside a working tree.
/// </summary>
public sealed class RepositoryCodePaths
{
    private readonly string _root;
    private readonly List<string> _folders;
    private readonly HashSet<string> _files;

    private RepositoryCodePaths(string root, List<string> folders, HashSet<string> files)
    {
        _root = root;
        _folders = folders;
        _files = files;
    }

    public static RepositoryCodePaths None { get; } = new("", [], []);

    /// <summary>
    /// The hooks folder and included config files of the working tree holding <paramref name="root"/>, for paths
    /// relative to that root. The paths judged may live in a copy of the root (the hook's staged copy): they are
    /// matched by their place relative to it.
    /// </summary>
    public static RepositoryCodePaths For(string root)
    {
        root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        string? top = WorkingTreeTop(root);
        if (top is null)
        {
            return None;
        }

        GitResult result;
        try
        {
            result = new GitCommand(top).TryRun("config", "--show-origin", "--path", "-z", "--get-regexp", @"^(core\.hookspath|include\.path|includeif\..*\.path)$");
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            return None;
        }

        var folders = new List<string>();
        var files = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (origin, key, value) in Parse(result.Output))
        {
            if (key.Equals("core.hookspath", StringComparison.OrdinalIgnoreCase))
            {
                folders.Add(Full(top, value));
                continue;
            }

            // An include is relative to the folder of the config file that names it.
            string originPath = Full(top, origin);
            files.Add(Full(Path.GetDirectoryName(originPath) ?? top, value));
        }

        return new RepositoryCodePaths(root, folders, files);
    }

    /// <summary>True when writing this path (relative to the root, '/'-separated) changes what git runs or how git is configured.</summary>
    public bool Contains(string relativePath)
    {
        if (_root.Length == 0)
        {
            return false;
        }

        string full = Path.GetFullPath(Path.Combine(_root, relativePath.Replace('/', Path.DirectorySeparatorChar)));
        return _files.Contains(full) || _folders.Any(f => full.StartsWith(Path.TrimEndingDirectorySeparator(f) + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    public IReadOnlyList<string> HookFolders => _folders;

    public IReadOnlyCollection<string> IncludedFiles => _files;

    private static string Full(string baseFolder, string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseFolder, path));

    // Output of `config --show-origin -z --get-regexp`: "file:ORIGIN\0KEY\nVALUE\0" per entry.
    private static IEnumerable<(string Origin, string Key, string Value)> Parse(byte[] output)
    {
        string[] fields = Encoding.UTF8.GetString(output).Split('\0');
        for (int i = 0; i + 1 < fields.Length; i += 2)
        {
            string origin = fields[i];
            if (!origin.StartsWith("file:", StringComparison.Ordinal))
            {
                continue;
            }

            int newline = fields[i + 1].IndexOf('\n');
            if (newline > 0)
            {
                yield return (origin["file:".Length..], fields[i + 1][..newline], fields[i + 1][(newline + 1)..]);
            }
        }
    }

    private static string? WorkingTreeTop(string folder)
    {
        for (string? dir = folder; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (Path.Exists(Path.Combine(dir, ".git")))
            {
                return dir;
            }
        }

        return null;
    }
}
