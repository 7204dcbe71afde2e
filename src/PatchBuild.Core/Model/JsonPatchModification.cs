namespace PatchBuild.Core.Model;

/// <summary>
/// All RFC 6902 operations of one patch.json entry. They apply as one unit: when any operation fails, the whole
/// modification fails and the file keeps its planned text.
/// </summary>
public sealed record JsonPatchModification(IReadOnlyList<JsonPatchOperation> Operations) : Modification
{
    /// <summary>0-based position of the entry inside the "patches" array.</summary>
    public int EntryIndex { get; init; }

    /// <summary>
    /// When the entry also carries a "diff": the diff's own modifications. The result of the operations must equal
    /// the result of these applied to the same original text.
    /// </summary>
    public IReadOnlyList<Modification>? ExpectedDiff { get; init; }
}
