namespace PatchBuild.Core.History;

/// <summary>
/// Moves applied patch files under .patchbuild/applied so they are no longer pending, and keeps that folder out of
/// git with its own .gitignore.
/// </summary>
public static class PatchArchive
{
    public const string FolderName = ".patchbuild";

    public static string EnsureStateFolder(string root)
    {
        string folder = Path.Combine(root, FolderName);
        Directory.CreateDirectory(folder);
        string ignore = Path.Combine(folder, ".gitignore");
        if (!File.Exists(ignore))
        {
            File.WriteAllText(ignore, "# PatchBuild's own state: journal, backups, archived patches. Never commit it.\n*\n");
        }

        return folder;
    }

    /// <summary>Moves each patch file into the archive; returns the archived paths.</summary>
    public static IReadOnlyList<string> Archive(string root, IEnumerable<string> patchFiles, DateTimeOffset now)
    {
        string target = Path.Combine(EnsureStateFolder(root), "applied");
        Directory.CreateDirectory(target);
        var archived = new List<string>();
        foreach (string file in patchFiles.Where(File.Exists))
        {
            string relative = Path.GetRelativePath(root, file);
            string flat = relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFileName(file) : relative.Replace('/', '_').Replace('\\', '_');
            string destination = Path.Combine(target, $"{now:yyyyMMdd'T'HHmmss'.'fff}-{flat}");
            for (int n = 2; File.Exists(destination); n++)
            {
                destination = Path.Combine(target, $"{now:yyyyMMdd'T'HHmmss'.'fff}-{n}-{flat}");
            }

            File.Move(file, destination);
            archived.Add(destination);
        }

        return archived;
    }
}
