using PatchBuild.Core.Model;

namespace PatchBuild.Core.History.Merge;

/// <summary>
/// One place where both sides of a three-way merge changed the same lines differently. <see cref="Index"/> numbers
/// the conflicts of one run from 0 in the order found, so a caller can answer each one by its number.
/// </summary>
public sealed record MergeConflict(int Index, string File, int Line, string Reason)
{
    /// <summary>The lines as the file has them now.</summary>
    public IReadOnlyList<string> Ours { get; init; } = [];

    /// <summary>The lines the patch (or rollback) wants.</summary>
    public IReadOnlyList<string> Theirs { get; init; } = [];

    /// <summary>The lines both sides started from.</summary>
    public IReadOnlyList<string> Base { get; init; } = [];

    /// <summary>How it was settled; null when it was not (the run then fails and writes nothing).</summary>
    public MergeStrategy? Resolution { get; init; }
}
