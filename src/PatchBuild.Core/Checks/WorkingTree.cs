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

    // Paths relative to the top level, '/'-separated, as git names them; git's and PatchBuild's own folders left out.
    private static IEnumerable<string> Walk(string root) =>
        FolderWalk.Files(root, name => name is ".git" or PatchFileNames.StateFolder)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'));

    public void Dispose()
    {
    }
}
