using System.Text;
using PatchBuild.Core.Model;

namespace PatchBuild.Core.State;

/// <summary>
/// Moves applied patch files under .patchbuild/applied so they are no longer pending, and keeps that folder out of
/// git with its own .gitignore.
/// </summary>
public static class PatchArchive
{
    public const string FolderName = StateFolder.Name;

    /// <summary>Moves each patch file into the archive; returns the archived paths.</summary>
    public static IReadOnlyList<string> Archive(string root, IEnumerable<string> patchFiles, DateTimeOffset now)
    {
        var state = new StateFolder(root);
        state.Ensure();
        string target = state.Entry("applied");
        Directory.CreateDirectory(target);
        var archived = new List<string>();
        foreach (string file in patchFiles.Where(File.Exists))
        {
            string flat = FlatName(root, file);
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

    /// <summary>
    /// Where an applied patch file went: the newest archived file named after it whose text is the one the journal
    /// recorded (<paramref name="hash"/>); null when it was not archived or is gone.
    /// </summary>
    public static string? Locate(string root, string patchFile, string? hash)
    {
        string folder = Path.Combine(root, FolderName, "applied");
        if (hash is null || !Directory.Exists(folder))
        {
            return null;
        }

        foreach (string candidate in Directory.EnumerateFiles(folder, "*-" + FlatName(root, patchFile)).OrderDescending(StringComparer.Ordinal))
        {
            try
            {
                string text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(candidate)).TrimStart('\uFEFF');
                if (ContentHash.OfText(text) == hash)
                {
                    return candidate;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
            {
                // Not readable as the patch it claims to be: keep looking.
            }
        }

        return null;
    }

    private static string FlatName(string root, string file)
    {
        string relative = Path.GetRelativePath(root, file);
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFileName(file) : relative.Replace('/', '_').Replace('\\', '_');
    }
}
