namespace PatchBuild.Core.Checks;

/// <summary>
/// One version of the repository's files that the checks judge: the staged index or the working tree. Paths are
/// relative to <see cref="TopLevel"/> with '/'.
/// </summary>
internal interface ISourceTree : IDisposable
{
    /// <summary>The working tree's top folder on disk (journals and settings are read there).</summary>
    string TopLevel { get; }

    /// <summary>The files judged by name and content.</summary>
    IReadOnlyList<string> Candidates { get; }

    /// <summary>
    /// Symbolic links among the files judged that carry a patch file's name: the engine would apply whatever they
    /// point to, so they are findings of their own rather than silently skipped as links.
    /// </summary>
    IReadOnlyList<string> PatchFileLinks { get; }

    /// <summary>Every patch file this version holds, judged or not (for hook.requireApplied), by the given definition.</summary>
    IReadOnlyList<string> PresentPatchFiles(Func<string, bool> isPatchFile);

    /// <summary>Reads the given files' contents in this version; null for a file it does not hold or that is too large.</summary>
    void ReadFiles(IReadOnlyList<string> paths, Action<string, byte[]?> onFile);

    /// <summary>
    /// A folder on disk that holds this version of the given paths (and of everything below a path that is a
    /// folder), for the engine's dry run. Read only: nothing may be written there.
    /// </summary>
    string Materialise(IReadOnlyCollection<string> paths);
}
