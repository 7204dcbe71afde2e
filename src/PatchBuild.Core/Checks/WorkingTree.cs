using PatchBuild.Core.Git;
using PatchBuild.Core.Workspace;

namespace PatchBuild.Core.Checks;

/// <summary>
/// The files as they are on disk: in a git repository, every tracked file plus the untracked ones git does not
/// ignore (what `git add -A` would commit) except PatchBuild's own untracked state; outside git, every file below the
/// root except .git and .patchbuild. A tracked file under .patchbuild is still reported: it was committed.
/// </summary>
internal sealed class WorkingTree : ISourceTree
{
    public WorkingTree(string root, GitRepository? repository)
    {
        TopLevel = repository?.TopLevel ?? Path.GetFullPath(root);
        string prefix = repository is null ? "" : RepositoryChecker.Prefix(repository.TopLevel, root);
        IEnumerable<string> files = repository is null
            ? Walk(TopLevel)
            : repository.TrackedFiles().Concat(repository.UntrackedFiles().Where(p => !PatchFileNames.IsUnderStateFolder(p))).Distinct(StringComparer.Ordinal);
        var inFolder = files.Where(p => p.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Candidates = inFolder.Where(p => IsRegularFile(Path.Combine(TopLevel, p))).ToList();
        PatchFileLinks = inFolder.Where(p => PatchFileNames.IsPatchFile(p) && new FileInfo(Path.Combine(TopLevel, p)).LinkTarget is not null).ToList();
    }

    public IReadOnlyList<string> PatchFileLinks { get; }

    public string TopLevel { get; }

    public IReadOnlyList<string> Candidates { get; }

    public IReadOnlyList<string> PresentPatchFiles(Func<string, bool> isPatchFile) => Candidates.Where(isPatchFile).ToList();

    public void ReadFiles(IReadOnlyList<string> paths, Action<string, byte[]?> onFile)
    {
        foreach (string path in paths)
        {
            onFile(path, ReadDiskFile(Path.Combine(TopLevel, path)));
        }
    }

    // The working tree is already on disk: the dry run reads it in place and writes nothing.
    public string Materialise(IReadOnlyCollection<string> paths) => TopLevel;

    internal static byte[]? ReadDiskFile(string path)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length <= BlobReader.MaxBlobSize && SpecialFiles.Describe(path) is null ? File.ReadAllBytes(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool IsRegularFile(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.LinkTarget is null;
    }

    private static IEnumerable<string> Walk(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            foreach (string file in Directory.EnumerateFiles(folder, "*", options))
            {
                yield return Path.GetRelativePath(root, file).Replace('\\', '/');
            }

            foreach (string child in Directory.EnumerateDirectories(folder, "*", options))
            {
                string name = Path.GetFileName(child);
                if (name is not ".git" and not PatchFileNames.StateFolder)
                {
                    pending.Push(child);
                }
            }
        }
    }

    public void Dispose()
    {
    }
}
