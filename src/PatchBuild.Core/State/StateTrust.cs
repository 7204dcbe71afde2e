using System.ComponentModel;
using PatchBuild.Core.Git;

namespace PatchBuild.Core.State;

/// <summary>
/// Whether the state folder may be acted on. Its records are ours only when this machine and user wrote them
/// (<see cref="MachineIdentity"/>), and none of it may be tracked by git: a .patchbuild/ that arrived in a commit
/// is someone else's, whatever host and user its records claim.
/// </summary>
public static class StateTrust
{
    /// <summary>
    /// The files of the state folder (and of a backup folder inside the workspace) that git tracks, relative to the
    /// workspace root. Empty outside a git work tree or without git. Costs one git process: asked only before acting.
    /// </summary>
    public static IReadOnlyList<string> TrackedByGit(HistoryPaths paths)
    {
        var folders = new List<string> { StateFolder.Name };
        string backups = Path.GetRelativePath(paths.WorkspaceRoot, paths.BackupFolder);
        if (!backups.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(backups) && !IsInside(paths.BackupFolder, paths.StateFolder))
        {
            folders.Add(backups.Replace('\\', '/'));
        }

        try
        {
            var result = new GitCommand(paths.WorkspaceRoot).TryRun(["ls-files", "--cached", "-z", "--", .. folders.Select(f => ":(literal)" + f)]);
            return result.ExitCode == 0 ? GitRepository.SplitZ(result.Output) : [];
        }
        catch (Win32Exception)
        {
            // No git on this machine: nothing here can be tracked by it.
            return [];
        }
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
