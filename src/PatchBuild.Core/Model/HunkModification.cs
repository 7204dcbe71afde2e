namespace PatchBuild.Core.Model;

/// <summary>
/// The hunks of one file's unified diff, applied together: each hunk is found at its stated line or nearby
/// (offset), optionally ignoring edge context (fuzz). Kept as one modification per file so the whole diff of a file
/// either applies or is reported, and so an already applied diff is recognised as a whole.
/// </summary>
public sealed record HunkModification : Modification
{
    public IReadOnlyList<DiffHunk> Hunks { get; init; } = [];
}
