using PatchBuild.Core.Configuration;

namespace PatchBuild.Core.State;

/// <summary>Where a workspace keeps its history: the journal, the lock, and the backup packs.</summary>
public sealed record HistoryPaths(string WorkspaceRoot, string StateFolder, string BackupFolder)
{
    public string Journal => Path.Combine(StateFolder, JournalWriter.FileName);

    public string LockFile => Path.Combine(StateFolder, "lock");

    /// <summary>The state folder with its checks (links refused, created owner-only).</summary>
    public State.StateFolder Folder => new(WorkspaceRoot);

    public string PackPath(string id) => Path.Combine(BackupFolder, id + ".pack");

    /// <summary>How a pack is named in the journal: relative to the state folder when inside it, so the repository can move.</summary>
    public string PackReference(string packPath)
    {
        string relative = Path.GetRelativePath(StateFolder, packPath);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? packPath : relative.Replace('\\', '/');
    }

    public string ResolvePack(string reference) => Path.GetFullPath(Path.Combine(StateFolder, reference));
}

/// <summary>
/// Finds the workspace root for an apply root: the nearest folder holding patchbuild.json (not above the git top
/// level), else the git top level, else the apply root itself. History lives in .patchbuild/ there, so patches
/// applied from any sub-folder share one journal.
/// </summary>
public static class HistoryLocation
{
    public static string FindWorkspaceRoot(string applyRoot)
    {
        string start = Path.TrimEndingDirectorySeparator(Path.GetFullPath(applyRoot));
        if (PatchBuildConfigLoader.Locate(start) is { } config)
        {
            return Path.GetDirectoryName(config)!;
        }

        // The same search, bounded at the git top level, that finds the configuration.
        var top = PatchBuildConfigLoader.SearchFolders(start).LastOrDefault();
        return top is not null && (Directory.Exists(Path.Combine(top.FullName, ".git")) || File.Exists(Path.Combine(top.FullName, ".git")))
            ? top.FullName
            : start;
    }

    public static HistoryPaths Resolve(string workspace, string? backupDir, HistorySettings settings)
    {
        string state = Path.Combine(workspace, State.StateFolder.Name);
        string? configured = backupDir ?? settings.BackupDir;
        string backups = configured is null ? Path.Combine(state, "backups") : Path.GetFullPath(Path.Combine(workspace, configured));
        return new HistoryPaths(workspace, state, backups);
    }
}
