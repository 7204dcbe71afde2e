using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.Git;

/// <summary>One git working tree (a main checkout, a linked worktree or a submodule), queried through the git command.</summary>
public sealed class GitRepository
{
    private GitRepository(string topLevel)
    {
        TopLevel = topLevel;
        Git = new GitCommand(topLevel);
    }

    /// <summary>The working tree's top folder; every path this class returns is relative to it, with '/'.</summary>
    public string TopLevel { get; }

    public GitCommand Git { get; }

    /// <summary>The repository that contains <paramref name="folder"/>, or null when it is not inside a working tree.</summary>
    public static GitRepository? Find(string folder)
    {
        var result = new GitCommand(folder).TryRun("rev-parse", "--show-toplevel");
        if (result.ExitCode != 0)
        {
            return null;
        }

        string top = result.Text.Trim();
        return top.Length == 0 ? null : new GitRepository(Path.GetFullPath(top));
    }

    /// <summary>
    /// Like <see cref="Find"/>, one git call cheaper when running as a hook: git starts hooks at the top of the working
    /// tree with GIT_INDEX_FILE exported, so a folder that holds .git (a folder, or a file in worktrees and submodules)
    /// is the top.
    /// </summary>
    public static GitRepository? FindFromHook(string folder)
    {
        string full = Path.GetFullPath(folder);
        bool inHook = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GIT_INDEX_FILE"));
        return inHook && Path.Exists(Path.Combine(full, ".git")) ? new GitRepository(full) : Find(full);
    }

    public static GitRepository Open(string folder) => Find(folder) ?? throw new PatchException(new PatchError(ErrorCodes.GitFailed,
        $"'{folder}' is not inside a git working tree.")
    {
        Hint = "Run the command inside a git repository (git init creates one).",
    });

    /// <summary>A config value as git resolves it (all scopes, --path expands '~'), or null when unset.</summary>
    public string? GetConfigPath(string key)
    {
        var result = Git.TryRun("config", "--path", "--get", key);
        string value = result.ExitCode == 0 ? result.Text.Trim() : "";
        return value.Length == 0 ? null : value;
    }

    /// <summary>
    /// The folder git runs hooks from: core.hooksPath when set (relative to the top of the working tree, as git
    /// reads it), else the repository's own hooks folder (shared by linked worktrees, per-module in submodules).
    /// </summary>
    public string HooksDirectory()
    {
        if (GetConfigPath("core.hooksPath") is { } configured)
        {
            return Path.GetFullPath(Path.Combine(TopLevel, configured));
        }

        string hooks = Git.RunText("rev-parse", "--git-path", "hooks").Trim();
        return Path.GetFullPath(Path.Combine(TopLevel, hooks));
    }

    /// <summary>What the index holds that HEAD does not (the commit being made); renames come as delete plus add.</summary>
    public IReadOnlyList<StagedChange> StagedChanges()
    {
        byte[] raw = Git.Run("diff", "--cached", "--raw", "--no-abbrev", "-z", "--no-renames", "--no-relative", "--no-ext-diff", "--ignore-submodules=all");
        return RawDiffParser.Parse(raw);
    }

    /// <summary>Every file in the index, at stage 0 (conflicted entries come as stages 1-3 and are reported too).</summary>
    public IReadOnlyList<IndexEntry> IndexEntries()
    {
        byte[] raw = Git.Run("ls-files", "--stage", "-z");
        return IndexListParser.Parse(raw);
    }

    /// <summary>Files git does not track and does not ignore (a pending patch dropped into the tree but never added).</summary>
    public IReadOnlyList<string> UntrackedFiles() => SplitZ(Git.Run("ls-files", "--others", "--exclude-standard", "-z"));

    /// <summary>Tracked files as they are on disk (including modified and, if still on disk, deleted-in-index ones).</summary>
    public IReadOnlyList<string> TrackedFiles() => SplitZ(Git.Run("ls-files", "--cached", "-z"));

    internal static IReadOnlyList<string> SplitZ(byte[] raw) => SplitZRaw(raw).Distinct(StringComparer.Ordinal).ToList();

    internal static List<string> SplitZRaw(byte[] raw)
    {
        var names = new List<string>();
        int start = 0;
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == 0)
            {
                if (i > start)
                {
                    names.Add(Encoding.UTF8.GetString(raw, start, i - start));
                }

                start = i + 1;
            }
        }

        return names;
    }
}
