namespace PatchBuild.Core.Model;

public enum FileChangeKind
{
    /// <summary>Edit an existing file with modifications.</summary>
    Modify,
    /// <summary>Create a file with content (fails if a different file exists).</summary>
    Create,
    /// <summary>Create a folder.</summary>
    CreateDirectory,
    /// <summary>Replace a file's whole content (creating it when absent).</summary>
    Recreate,
    /// <summary>Delete a file or folder.</summary>
    Delete,
    /// <summary>Move a file or folder to <see cref="FileChange.NewPath"/>.</summary>
    Rename,
}

public enum NewlineMode
{
    Lf,
    CrLf,
    Cr,
}

/// <summary>What one patch does to one path.</summary>
public sealed record FileChange(string Path, FileChangeKind Kind)
{
    /// <summary>Ordered edits for <see cref="FileChangeKind.Modify"/>; each sees the result of the ones before.</summary>
    public IReadOnlyList<Modification> Modifications { get; init; } = [];

    /// <summary>Whole content for Create and Recreate.</summary>
    public string? Content { get; init; }

    /// <summary>Destination of a Rename.</summary>
    public string? NewPath { get; init; }

    /// <summary>Line ending the patch asks for; null keeps the file's own.</summary>
    public NewlineMode? Newline { get; init; }

    /// <summary>1-based line in the patch where this file's block starts.</summary>
    public int PatchLine { get; init; }

    /// <summary>
    /// For formats that carry a whole-file expectation (a diff's "deleted file"): the content the file must have
    /// before the change, or null when not known.
    /// </summary>
    public string? ExpectedContent { get; init; }

    /// <summary>
    /// SHA-256 (lowercase hex) of the content the change was made against, for patches PatchBuild created. When the
    /// file no longer has it, a Recreate merges three ways (base: <see cref="ExpectedContent"/>) instead of replacing.
    /// </summary>
    public string? BaseHash { get; init; }

    /// <summary>
    /// Recreate and Rename replace a file already at the path (or the destination) instead of refusing, with a
    /// FILE_REPLACED warning: Codex's Add File and Move to work so, and models rely on it. Backups make it undoable.
    /// </summary>
    public bool ReplacesExisting { get; init; }

    /// <summary>The change addresses a file: a folder at the path is refused, never deleted or moved whole (Codex's Delete File, Move to).</summary>
    public bool FileOnly { get; init; }

    /// <summary>
    /// Modify only: a missing file starts out empty instead of failing with FILE_NOT_FOUND (an Aider answer whose
    /// first block for a file has an empty SEARCH creates that file).
    /// </summary>
    public bool CreateWhenMissing { get; init; }
}
