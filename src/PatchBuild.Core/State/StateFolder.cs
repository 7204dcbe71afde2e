using PatchBuild.Core.Model;

namespace PatchBuild.Core.State;

/// <summary>
/// The workspace's .patchbuild/ folder: journal, lock, backups, archived patches, `patchbuild ai` transcripts. It is
/// created by a workspace's first commit or first ai transcript and by nothing else, owner-only where the file system has permissions, and used only while it is a
/// real folder: a link there (or at any file PatchBuild opens inside it) could send the journal and the backups out
/// of the tree, or let whoever planted it write what recovery later trusts.
/// </summary>
public sealed class StateFolder
{
    public const string Name = ".patchbuild";

    private const string IgnoreText = "# PatchBuild's own state: journal, backups, archived patches. Never commit it.\n*\n";

    public StateFolder(string workspaceRoot)
    {
        WorkspaceRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(workspaceRoot));
        FullPath = Path.Combine(WorkspaceRoot, Name);
    }

    public string WorkspaceRoot { get; }

    public string FullPath { get; }

    /// <summary>Whether the folder is there (a link in its place counts as there, and is refused when used).</summary>
    public bool Exists => new DirectoryInfo(FullPath) is { } info && (info.Exists || info.LinkTarget is not null || File.Exists(FullPath));

    /// <summary>Creates the folder if needed (a first commit) and checks it. Throws HISTORY_ERROR when it is a link.</summary>
    public string Ensure()
    {
        Verify();
        if (!Directory.Exists(FullPath))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(FullPath);
            }
            else
            {
                // Owner-only: the journal names every file a commit touched, and whoever can write here can forge it.
                Directory.CreateDirectory(FullPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            Verify();
        }

        string ignore = Path.Combine(FullPath, ".gitignore");
        RefuseLink(ignore);
        if (!File.Exists(ignore))
        {
            File.WriteAllText(ignore, IgnoreText);
        }

        return FullPath;
    }

    /// <summary>Throws HISTORY_ERROR when .patchbuild is a link (to anywhere) or a file.</summary>
    public void Verify()
    {
        var info = new DirectoryInfo(FullPath);
        if (info.LinkTarget is { } target)
        {
            throw LinkRefused(FullPath, target);
        }

        if (File.Exists(FullPath))
        {
            throw new PatchException(new PatchError(ErrorCodes.HistoryError, $"'{FullPath}' is a file; PatchBuild keeps its journal and backups in a folder of that name.")
            {
                File = Name,
                Hint = "Move the file away (or delete it) and run again. Nothing was changed.",
            });
        }
    }

    /// <summary>A path inside the state folder, checked: neither the folder nor the entry itself may be a link.</summary>
    public string Entry(string relative)
    {
        Verify();
        string full = Path.Combine(FullPath, relative);
        for (string? at = full; at is not null && at.Length > FullPath.Length; at = Path.GetDirectoryName(at))
        {
            RefuseLink(at);
        }

        return full;
    }

    /// <summary>Throws HISTORY_ERROR when <paramref name="path"/> is a symbolic link (followed, it could write anywhere).</summary>
    public static void RefuseLink(string path)
    {
        FileSystemInfo info = new FileInfo(path);
        if (info.LinkTarget is null)
        {
            info = new DirectoryInfo(path);
        }

        if (info.LinkTarget is { } target)
        {
            throw LinkRefused(path, target);
        }
    }

    private static PatchException LinkRefused(string path, string target) =>
        new(new PatchError(ErrorCodes.HistoryError, $"Refused PatchBuild state '{path}': it is a symbolic link (to '{target}'), and PatchBuild never follows a link in its state folder.")
        {
            File = path,
            Hint = $"Remove the link (PatchBuild recreates {Name}/ as a real folder on the next commit); if it held history you want, move that folder back in its place. Nothing was changed.",
        });
}
